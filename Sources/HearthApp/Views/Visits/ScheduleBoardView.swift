extension ScheduleBoardPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <div class="titlebar"><h1>Schedule, week of \(week)</h1>\(planHref, { "<a class=\"button\" href=\"\($0)\" id=\"plan-day\">Plan this day</a>" })</div>
        \(notice, { "<p class=\"notice\" role=\"status\" id=\"plan-applied\">\($0)</p>" })
        <p class="meta"><a href="\(previousHref)" id="week-previous">← Week before</a> · <a href="\(nextHref)" id="week-next">Week after →</a></p>
        \(if: !teams.isEmpty, { "<nav class=\"tabs\" aria-label=\"Teams\" id=\"board-teams\"><ul>\(each: teams, { t in "<li><a href=\"\(t.href)\"\(if: t.current, " aria-current=\"page\"")>\(t.label)</a></li>" })</ul></nav>\n" })\(pager(top: true))
        <section class="card" id="board">

        """
        if rows.isEmpty {
            html += "  <p class=\"empty\">No visits this week. Schedule them from each patient's care plan on the chart.</p>\n"
        } else {
            // Seven columns of visits at a desk; on a phone each clinician becomes a card of the days she has visits.
            html += "  <div class=\"scroll\">\n  <table class=\"board reflow\">\n    <thead><tr><th scope=\"col\">Clinician</th>\(each: days, { "<th scope=\"col\">\($0)</th>" })</tr></thead>\n    <tbody>"
            for row in rows {
                html += "<tr><th scope=\"row\">\(row.clinician)</th>"
                for (label, day) in zip(days, row.days) {
                    html += "<td\(if: !day.isEmpty, { " data-label=\"\(label)\"" })>\(each: day, { "<a class=\"board-visit status-\($0.status)\" href=\"\($0.href)\">\($0.time) \($0.patient) <small>\($0.discipline)</small></a>" })</td>"
                }
                html += "</tr>"
            }
            html += "</tbody>\n  </table>\n  </div>\n"
        }
        html += "</section>\n"
        if showing != nil { html += pager(top: false) }
        return html
    }

    /// Which clinicians this page shows, the pages before and after, and the whole agency at once; above the board
    /// (with ids) and again below it.
    private func pager(top: Bool) -> HTML {
        guard showing != nil || pagedHref != nil else { return "" }
        var html: HTML = "<nav class=\"pager\" aria-label=\"Clinicians\">"
        if let showing { html += "<span class=\"meta\"\(if: top, " id=\"board-showing\"")>\(showing)</span> " }
        if let href = previousPageHref { html += "<a href=\"\(href)\" rel=\"prev\">← Previous</a> " }
        if let href = nextPageHref { html += "<a href=\"\(href)\" rel=\"next\"\(if: top, " id=\"board-next\"")>Next →</a> " }
        if let href = allHref { html += "<a href=\"\(href)\"\(if: top, " id=\"board-all\"")>All \(clinicianCount) at once</a>" }
        if let href = pagedHref { html += "<a href=\"\(href)\" id=\"board-paged\">\(ScheduleController.cliniciansPerPage) clinicians a page</a>" }
        html += "</nav>\n"
        return html
    }
}
