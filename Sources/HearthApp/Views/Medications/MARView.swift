extension MARPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-medications">← Back to medications</a></p>
        <h1>\(patientName): administration record</h1>
        <p class="meta"><a href="\(previousHref)" id="mar-previous">← Day before</a> · <strong id="mar-date">\(date)</strong>\(nextHref, { " · <a href=\"\($0)\" id=\"mar-next\">Day after →</a>" })</p>
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"mar-error\">\($0)</p>" })
        \(if: rows.isEmpty, "<p class=\"empty\">No medicine on the profile is given by an aide or a nurse on this day. Self-administered medicines get adherence checks instead.</p>")

        """
        for row in rows {
            html += """
            <section class="card mar-row" id="mar-\(row.medicationID)">
              <h2>\(row.name)\(row.highAlert, { " <span class=\"flag flag-overdue\">\($0)</span>" })</h2>
              <p class="meta">\(row.sig)</p>
              <ul class="records">
              \(each: row.slots, { slot(row, $0) })
              \(each: row.prnGiven, { s in "<li class=\"mar-slot\"><strong>\(s.time)</strong> <span class=\"status status-\(s.status)\">\(s.statusTitle)</span> as needed\(s.reason, { " — \($0)" }) <small>\(s.by)</small></li>" })
              </ul>

            """
            if row.asNeeded && canDocument {
                html += """
                  <form method="post" action="\(recordAction)" class="inline" novalidate>
                    \(csrf: shell.csrfToken)
                    <input type="hidden" name="medicationID" value="\(row.medicationID)"><input type="hidden" name="date" value="\(date)"><input type="hidden" name="status" value="given">
                    <label for="prn-time-\(row.medicationID)">Time given</label><input id="prn-time-\(row.medicationID)" name="time" type="time">
                    <label for="prn-reason-\(row.medicationID)">Why it was needed</label><input id="prn-reason-\(row.medicationID)" name="reason">
                    <button type="submit" class="secondary">Record an as-needed dose</button>
                  </form>

                """
            }
            html += "</section>\n"
        }
        return html
    }

    /// A scheduled dose: what was recorded, or the form that records it.
    private func slot(_ row: Row, _ slot: Slot) -> HTML {
        var html: HTML = "<li class=\"mar-slot\">\n  <strong>\(slot.time)</strong>\n  "
        if let status = slot.status {
            html += "<span class=\"status status-\(status)\">\(slot.statusTitle)</span>\(slot.reason, { " — \($0)" }) <small>\(slot.by)</small>\n"
        } else if canDocument {
            let key = "\(row.medicationID)-\(slot.time)"
            html += """
            <form method="post" action="\(recordAction)" class="inline" novalidate>
                \(csrf: shell.csrfToken)
                <input type="hidden" name="medicationID" value="\(row.medicationID)"><input type="hidden" name="time" value="\(slot.value)"><input type="hidden" name="date" value="\(date)">
                <label for="status-\(key)">Status</label>
                <select id="status-\(key)" name="status"><option value="">Choose…</option>\(each: statuses, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select>
                <label for="reason-\(key)">Reason (if not given)</label><input id="reason-\(key)" name="reason">
                <button type="submit" class="secondary">Record</button>
                \(slot.error, { "<p class=\"field-error\" role=\"alert\">\($0)</p>" })
              </form>

            """
        } else {
            html += "<em>not recorded</em>\n"
        }
        html += "</li>\n"
        return html
    }
}
