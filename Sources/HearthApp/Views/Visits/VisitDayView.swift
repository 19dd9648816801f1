extension VisitDayPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <h1>\(heading)</h1>
        <p class="meta"><a href="\(previousHref)" id="day-previous">← Day before</a> · <strong id="visit-day">\(date)</strong> · <a href="\(nextHref)" id="day-next">Day after →</a></p>
        <section class="card" id="day-visits">

        """
        if visits.isEmpty {
            html += "  <p class=\"empty\">No visits on this day.</p>\n"
        } else {
            html += "  \(totalTravel, { "<p class=\"meta\" id=\"total-travel\">\($0)</p>" })\n  <ol class=\"records visit-route\">\n"
            for visit in visits {
                html += """
                    <li class="visit visit-\(visit.status)">\(visit.travel, { "<small class=\"travel\">🚗 \($0)</small><br>" })<strong>\(visit.time)</strong> <a href="\(visit.href)">\(visit.patient)</a> <span class="status status-\(visit.status)">\(visit.statusTitle)</span><br>
                      <small>\(visit.discipline) · \(visit.address)</small>
                      \(if: !visit.todo.isEmpty, { "<ul>\(each: visit.todo, { "<li>\($0)</li>" })</ul>" })
                    </li>

                """
            }
            html += "  </ol>\n"
        }
        html += "</section>\n"
        if !lateNotes.isEmpty {
            html += """
            <section class="card" id="late-notes">
              <h2>Visit notes unsigned more than 24 hours after check-out</h2>
              <ul class="records">\(each: lateNotes, { "<li><span class=\"flag flag-overdue\">Unsigned</span> <a href=\"\($0.href)\">\($0.patient)</a> — \($0.discipline), \($0.date) by \($0.clinician)</li>" })</ul>
            </section>

            """
        }
        html += """
        <section class="card" id="calendar-feed">
          <h2>Your visits in your phone's calendar</h2>
          <form method="post" action="\(SiteURL.makeCalendarFeed)" class="inline">\(csrf: shell.csrfToken)<button type="submit" class="secondary" id="make-feed">Make a private calendar link</button></form>
          <form method="post" action="\(SiteURL.revokeCalendarFeed)" class="inline">\(csrf: shell.csrfToken)<button type="submit" class="secondary" id="revoke-feed">Stop the current link</button></form>
        </section>
        """
        return html
    }
}
