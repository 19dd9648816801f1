extension HomePage: HTMLPage {
    var body: HTML {
        var html = HTML()
        html += HTML.safetyAlerts(safetyAlerts)
        html += """
        <h1>\(heading)</h1>
        \(if: !intro.isEmpty, { "<p class=\"lede\">\(intro)</p>" })

        """
        if !counts.isEmpty {
            html += """
            <section class="card">
              <h2>Caseloads</h2>
              <table>
                <thead><tr><th scope="col">Case manager</th><th scope="col" class="num">Patients</th></tr></thead>
                <tbody>
                \(each: counts, { "<tr><td>\($0.caseManager)</td><td class=\"num\">\($0.patients)</td></tr>" })
                </tbody>
              </table>
            </section>

            """
        }
        for panel in panels {
            html += """
            <section class="card"\(attribute: "id", panel.id)>
              <h2>\(panel.heading)</h2>
              \(if: panel.items.isEmpty, { "<p class=\"empty\">\(panel.emptyState)</p>" })\(if: !panel.items.isEmpty, { """
              <ul class="worklist">
                \(each: panel.items, Self.item)
              </ul>
              """ })
              \(panel.moreHref, { "<p><a href=\"\($0)\">\(panel.moreText)</a></p>" })
            </section>

            """
        }
        if let patients {
            html += """
            <section class="card">
              <h2>\(patients.heading)</h2>
              \(if: patients.rows.isEmpty, "<p class=\"empty\">No patients yet. Patients appear here when you are their case manager or on their care team.</p>")\(if: !patients.rows.isEmpty, { """
                \(HTML.patientTable(patients.rows))
                <p><a href="\(patients.moreHref)">All my patients</a></p>
              """ })
            </section>
            """
        }
        return html
    }

    private static func item(_ item: Item) -> HTML {
        // An item with no href is reported, not opened (intake's decided referrals).
        let text: HTML = item.href.isEmpty ? "\(item.text)" : "<a href=\"\(item.href)\">\(item.text)</a>"
        var html: HTML = "<li><span class=\"flag flag-\(item.flagClass)\">\(item.flag)</span> \(text) <small>\(item.detail)</small>"
        if let label = item.actionLabel, !item.href.isEmpty { html += " <a href=\"\(item.href)\" class=\"button\">\(label)</a>" }
        if let done = item.doneAction {
            html += "\n      <form method=\"post\" action=\"\(done)\" class=\"inline\">\(csrf: item.csrfToken ?? "")<button type=\"submit\" class=\"link\">Done</button></form>"
        }
        html += "</li>"
        return html
    }
}

extension HTML {
    /// Open safety alerts, first on the page: on every home that has them and on the compliance page.
    static func safetyAlerts(_ alerts: [SafetyAlertLine]) -> HTML {
        guard !alerts.isEmpty else { return HTML() }
        return """
            <section class="card safety-alerts" id="safety-alerts" role="alert" aria-labelledby="safety-alerts-heading">
              <h2 id="safety-alerts-heading">Safety alerts: act today</h2>
              <ul class="worklist">
                \(each: alerts, { alert in """
                <li class="safety-alert\(if: alert.isEscalated, " escalated")"><span class="flag flag-overdue">\(alert.isEscalated ? "Escalated" : "Urgent")</span> <a href="\(alert.patientHref)">\(alert.patient)</a>: \(alert.title)
                  <small>Raised \(alert.raised) · for \(alert.owner) · \(alert.status)</small> <a href="\(alert.patientHref)" class="button">Record the contact</a></li>
                """ })
              </ul>
            </section>

            """
    }
}

extension HTML {
    /// Code status and allergies, on a line of their own that wraps rather than scrolls: on the chart header and the
    /// visit page they are on the first screen of a phone, whatever else the header holds.
    static func safetyFacts(codeStatus: String?, allergies: String?, id: String, conflictHref: String? = nil) -> HTML {
        """
        <dl class="safety-facts" id="\(id)">
            <div><dt>Code status</dt><dd id="code-status"\(if: codeStatus != nil, " class=\"alert\"")>\(codeStatus.map(HTML.text) ?? "<em>not recorded</em>")</dd></div>
            <div><dt>Allergies</dt><dd id="allergy-summary"\(if: allergies != nil, " class=\"alert\"")>\(allergies.map(HTML.text) ?? "<em>none recorded</em>")\
        \(conflictHref, { " <a href=\"\($0)\" class=\"flag flag-overdue\" id=\"header-allergy-conflict\">A current medication conflicts with an allergy</a>" })</dd></div>
          </dl>
        """
    }
}
