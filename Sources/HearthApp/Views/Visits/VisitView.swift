extension VisitPage: HTMLPage {
    var body: HTML {
        var html = HTML.safetyAlerts(safetyAlerts)
        html += """
        <p><a href="\(chartHref)#visits" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(line.patient): \(line.discipline) visit</h1>
        \(HTML.safetyFacts(codeStatus: codeStatus, allergies: allergySummary, id: "visit-safety"))
        <p class="meta">\(line.date) at \(line.time) · \(line.clinician) · <span class="status status-\(line.status)" id="visit-status">\(line.statusTitle)</span> · \(line.address)</p>
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"visit-error\">\($0)</p>" })
        \(missed, { "<p class=\"empty\" id=\"visit-missed\">Missed: \($0)</p>" })

        """
        html += arrival
        html += note
        if canDocument, checkedIn == nil, missed == nil {
            html += """
            <section class="card" id="missed">
              <h2>Record as missed</h2>
              <form method="post" action="\(SiteURL.visit(visitID, .missed))" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: missedFields, HTML.field)</div>
                <button type="submit" class="secondary" id="record-missed">Record missed visit</button>
              </form>
            </section>

            """
        }
        if let reschedule {
            html += """
            <section class="card" id="reschedule">
              <h2>Move, reassign or cancel</h2>
              <form method="post" action="\(reschedule.action)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: reschedule.fields, HTML.field)</div>
                <button type="submit" class="secondary" id="reschedule-visit">Save the new time</button>
              </form>
              \(cancelAction, { "<form method=\"post\" action=\"\($0)\">\(csrf: shell.csrfToken)<button type=\"submit\" class=\"secondary\" id=\"cancel-visit\">Cancel the visit</button></form>" })
            </section>

            """
        }
        html += "<script src=\"/js/geolocation.js\" defer></script>\n<script src=\"/js/vital-alerts.js\" defer></script>\n"
        return html
    }

    /// Electronic visit verification: check-in and check-out with the phone's location.
    private var arrival: HTML {
        var html: HTML = """
        <section class="card" id="evv">
          <h2>Arrival and departure</h2>
          <p>Checked in: <strong id="checked-in">\(checkedIn ?? "not yet")</strong> · Checked out: <strong id="checked-out">\(checkedOut ?? "not yet")</strong></p>

        """
        if canDocument, missed == nil, checkedOut == nil {
            let checkingOut = checkedIn != nil
            html += """
              <form method="post" action="\(SiteURL.visit(visitID, checkingOut ? .checkOut : .checkIn))" class="evv-form" novalidate>
                \(csrf: shell.csrfToken)
                <input type="hidden" name="latitude" class="geo-lat"><input type="hidden" name="longitude" class="geo-lon"><input type="hidden" name="accuracy" class="geo-acc">
                <label for="no-location">If the phone gives no location, say why</label><input id="no-location" name="noLocationReason">
                <button type="submit" id="\(if: checkingOut, "check-out")\(if: !checkingOut, "check-in")">\(if: checkingOut, "Check out")\(if: !checkingOut, "Check in")</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }

    private var note: HTML {
        var html: HTML = """
        <section class="card" id="note">
          <h2>Visit note</h2>
          \(signed, { "<p id=\"note-signed\"><span class=\"status status-met\">Signed</span> \($0)</p>" })
          \(if: signed != nil, { shortVisit.map { short -> HTML in "<p id=\"short-visit\"><strong>Short visit (\(short.minutes) min):</strong> \(short.reason)</p>" } ?? HTML() })
          \(vitalAlert, { "<p class=\"safety-banner\" role=\"alert\" id=\"vital-alert\">\($0)</p>" })
          \(if: !readings.isEmpty, { "<p id=\"vital-readings\">\(each: readings, { "<span class=\"status\">\($0)</span> " })</p>" })
          \(if: signed != nil && interventions.contains(where: \.selected), { "<p id=\"interventions-performed\"><strong>Interventions performed:</strong> \(interventions.filter(\.selected).map(\.label).joined(separator: "; "))</p>" })
          \(if: signed != nil && !response.isEmpty, { "<p><strong>Response:</strong> \(response)</p>" })\(if: signed != nil && !teaching.isEmpty, { "<p><strong>Teaching:</strong> \(teaching)</p>" })
          \(if: !flags.isEmpty, { "<ul class=\"records\" id=\"vital-flags\">\(each: flags, { "<li><span class=\"flag flag-overdue\">\($0)</span></li>" })</ul>" })

        """
        if canDocument, signed == nil, missed == nil {
            html += """
              <form method="post" action="\(SiteURL.visit(visitID, .note))" novalidate data-keep-draft data-vital-thresholds="\(vitalThresholds)">
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: vitals, HTML.field)</div>
                \(if: !interventions.isEmpty, { "<fieldset><legend>Interventions performed</legend>\(each: interventions, { "<label class=\"check\"><input type=\"checkbox\" name=\"performed[]\" value=\"\($0.value)\"\(if: $0.selected, " checked")> \($0.label)</label>" })</fieldset>" })
                \(if: supervisory, { "<label class=\"check\"><input type=\"checkbox\" name=\"aidePresent\" value=\"yes\" id=\"aide-present\"\(if: aidePresent, " checked")> The aide was present (aide supervisory visit)</label>" })
                <div class="field wide"><label for="response">Patient's response</label><textarea id="response" name="response" rows="3">\(response)</textarea></div>
                <div class="field wide"><label for="teaching-given">Teaching given</label><textarea id="teaching-given" name="teaching" rows="2">\(teaching)</textarea></div>
                <button type="submit" class="secondary" id="save-note">Save note</button>
              </form>

            """
            if checkedIn != nil && checkedOut == nil {
                html += "<p class=\"hint\" id=\"sign-after-check-out\">Check out when you leave, then sign the note.</p>\n"
            }
            if checkedOut != nil {
                html += """
                  <form method="post" action="\(SiteURL.visit(visitID, .sign))" novalidate>
                    \(csrf: shell.csrfToken)
                    \(shortVisit, { short in """
                    <div class="field wide"><label for="short-visit-reason">The visit lasted \(short.minutes) minute\(if: short.minutes != 1, "s") from check-in to check-out: why so short?</label>
                      <input id="short-visit-reason" name="shortVisitReason" maxlength="200" placeholder="e.g. checked in as I left" value="\(short.reason)"></div>
                    """ })
                    <button type="submit" id="sign-note">Sign the note</button>
                  </form>

                """
            }
        }
        html += "</section>\n"
        return html
    }
}
