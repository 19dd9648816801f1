/// The patient chart: the header that stays in view, the safety alerts, and a section per area of care.
extension ChartPage: HTMLPage {
    var body: HTML {
        var html = HTML(capacity: 48_000)
        html += header
        html += safetyAlertSection
        html += """
        <nav class="tabs" aria-label="Chart sections"><ul>
          <li><a href="#episode">Episode</a></li><li><a href="#deadlines">Deadlines</a></li><li><a href="#assessments">Assessments</a></li><li><a href="#care-plan">Care plan</a></li><li><a href="#visits">Visits</a></li><li><a href="#medications">Medications</a></li><li><a href="#people">Contacts</a></li><li><a href="#coverage">Coverage</a></li>
          <li><a href="#allergies">Allergies</a></li><li><a href="#diagnoses">Diagnoses</a></li><li><a href="#care-team">Care team</a></li>
          \(each: tabs, { "<li><a href=\"#\($0.id)\">\($0.label)</a></li>" })
          <li><a href="#history">History</a></li>
        </ul></nav>

        """
        html += episodeSection
        html += deadlineSection
        html += paymentPeriodSection
        html += carePlanSection
        html += visitSection
        html += medicationSection
        html += assessmentSection
        html += peopleSection
        html += coverageSection
        html += allergySection
        html += diagnosisSection
        html += careTeamSection
        html += """
        <section class="card" id="history">
          <h2>History</h2>
          \(if: history.isEmpty, "<p class=\"empty\">No changes recorded yet. Every change to this record will be listed here with who made it and when.</p>")\
        \(if: !history.isEmpty, { "<ul class=\"history\">\(each: history, { "<li><time>\($0.when)</time> \($0.who): \($0.what)</li>" })</ul>" })
        </section>

        """
        for tab in tabs {
            html += """
            <section class="card" id="\(tab.id)">
              <h2>\(tab.label)</h2>
              \(tab.summary.map { summary -> HTML in "<p id=\"\(tab.id)-summary\">\(summary)</p>" } ?? "<p class=\"empty\">\(tab.emptyState)</p>")
              \(tab.href, { "<p><a href=\"\($0)\" id=\"\(tab.id)-link\">\(tab.linkText)</a></p>" })
            </section>

            """
        }
        return html
    }

    private var header: HTML {
        """
        <header class="chart-header" aria-label="Patient">
          \(if: !safetyAlerts.isEmpty, { """
        <p class="safety-banner" role="alert" id="safety-alert-banner"><strong>Safety alert:</strong> \(each: safetyAlerts, { "<span>\($0.title)</span> " })<a href="#safety-alerts">\(canRecordSafetyContact ? "Record the contact" : "Details")</a></p>
        """ })
          <h1>\(name)</h1>
          \(HTML.safetyFacts(codeStatus: codeStatus, allergies: allergySummary, id: "chart-safety", conflictHref: medications.allergyConflicts.isEmpty ? nil : medications.href))
          <dl>
            <div><dt>MRN</dt><dd>\(mrn)</dd></div>
            <div><dt>Born</dt><dd>\(birthDate)\(age, { " (\($0) y)" })</dd></div>
            <div><dt>Sex</dt><dd>\(sex)</dd></div>
            \(language, { "<div><dt>Language</dt><dd id=\"language\">\($0)</dd></div>" })
            <div><dt>Case manager</dt><dd>\(caseManager.map(HTML.text) ?? "<em>unassigned</em>")\(reassignHref, { " <a href=\"\($0)\" id=\"reassign-link\">Reassign</a>" })</dd></div>
            <div><dt>Physician</dt><dd id="attending-physician">\(physicianLine)\(physicianHref, { " <a href=\"\($0)\" id=\"physician-link\">\(physician == nil ? "Choose physician" : "Change")</a>" })</dd></div>
            <div><dt>Primary diagnosis</dt><dd id="primary-diagnosis">\(primaryDiagnosis.map(HTML.text) ?? "<em>none coded</em>")</dd></div>
            \(phone, { "<div><dt>Phone</dt><dd>\($0)</dd></div>" })
            \(address, { "<div><dt>Address</dt><dd>\($0)</dd></div>" })
            \(episodeFacts)
            \(if: carePlan.overdueOrders > 0, { "<div><dt>Orders</dt><dd><a href=\"\(carePlan.href)#orders\" class=\"flag flag-overdue\" id=\"header-orders-overdue\">\(carePlan.overdueOrders) unsigned over 30 days</a></dd></div>" })
          </dl>
          <p><a href="\(profileHref)" id="profile-link">Profile: details, contacts, directives, disaster plan</a>\(accessReportHref, { " · <a href=\"\($0)\" id=\"access-report-link\">Who has opened this record</a>" })</p>
        </header>

        """
    }

    private var physicianLine: HTML {
        guard let physician else { return "<em>none on file</em>" }
        return "\(physician)\(physicianContact, { " <small>\($0)</small>" })"
    }

    private var episodeFacts: HTML {
        guard let episode else { return "<div><dt>Episode</dt><dd><em>none</em></dd></div>" }
        return """
        <div><dt>Episode</dt><dd><span class="status status-\(episode.status)">\(episode.statusTitle)</span></dd></div>
            \(episode.period, { period in """
        <div><dt>Certification</dt><dd>\(period) · <span id="days-left">\(episode.daysLeft)</span>\(episode.recertification, { " <span class=\"flag flag-\($0)\">Recertification \($0)</span>" })</dd></div>
        """ })
        """
    }

    private var safetyAlertSection: HTML {
        guard !safetyAlerts.isEmpty else { return "" }
        var html: HTML = """
        <section class="card safety-alerts" id="safety-alerts" aria-labelledby="safety-alerts-heading">
          <h2 id="safety-alerts-heading">Safety alerts: contact the patient today</h2>

        """
        for alert in safetyAlerts {
            html += """
              <div class="safety-alert\(if: alert.isEscalated, " escalated")" id="safety-alert-\(alert.id)">
                <p><strong>\(alert.title)</strong></p>
                \(alert.detail, { "<p>\($0)</p>" })
                <p class="meta">Raised \(alert.raised) · for \(alert.owner) · <span class="flag flag-overdue">\(alert.status)</span></p>

            """
            if canRecordSafetyContact {
                html += """
                    <form method="post" action="\(alert.contactAction)" novalidate>
                      \(csrf: shell.csrfToken)
                      <div class="field wide\(if: alert.error != nil, " invalid")"><label for="contact-\(alert.id)">Contact made: who you reached and what was done</label>
                        <textarea id="contact-\(alert.id)" name="note" rows="3"\(alert.error, { _ in " aria-invalid=\"true\" aria-describedby=\"contact-\(alert.id)-error\"" })>\(alert.note)</textarea>
                        \(alert.error, { "<p class=\"field-error\" id=\"contact-\(alert.id)-error\">\($0)</p>" })</div>
                      <button type="submit" id="record-contact-\(alert.id)">Record the contact</button>
                    </form>

                """
            }
            html += "  </div>\n"
        }
        html += "</section>\n"
        return html
    }
}

extension HTML {
    /// A labelled input drawn the way the chart's hand-made forms draw it: the message beside it when it is wrong.
    /// `attributes` are literal extras (placeholder, type) written after the value.
    static func chartInput(id: String, name: String, label: String, _ field: FormField, type: String? = nil, wide: Bool = false,
                           placeholder: String? = nil, list: String? = nil, extra: HTML = "", describeError: Bool = true) -> HTML {
        let invalid: HTML = field.error != nil && describeError ? " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" : ""
        return """
              <div class="field\(if: wide, " wide")\(if: field.error != nil, " invalid")">
                <label for="\(id)">\(label)</label>
                <input id="\(id)" name="\(name)"\(attribute: "list", list)\(attribute: "type", type) value="\(field.value)"\(attribute: "placeholder", placeholder)\(extra)\(invalid)>
                \(field.error, { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" })
              </div>

        """
    }

    /// A select of fixed choices with the chosen one selected and its message when it is wrong.
    static func chartSelect(id: String, name: String, label: String, _ choices: [(value: String, label: String)], selected: String,
                            error: String?, choose: Bool = false, describeError: Bool = true) -> HTML {
        """
              <div class="field\(if: error != nil, " invalid")">
                <label for="\(id)">\(label)</label>
                <select id="\(id)" name="\(name)"\(if: error != nil && describeError, { " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" })>\(if: choose, "<option value=\"\">Choose…</option>")\
        \(each: choices, { "<option value=\"\($0.value)\"\(if: $0.value == selected, " selected")>\($0.label)</option>" })</select>
                \(error, { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" })
              </div>

        """
    }
}
