extension ChartPage {
    static let visitColumns = [TableColumn("Date"), TableColumn("Time"), TableColumn("Discipline"), TableColumn("Clinician"), TableColumn("Status")]
    static let assessmentColumns = [TableColumn("Date"), TableColumn("Kind"), TableColumn("Instrument"), TableColumn("Status"), TableColumn("Score")]

    var carePlanSection: HTML {
        """
        <section class="card" id="care-plan">
          <h2>Care plan</h2>
          \(if: carePlan.version == 0, "<p class=\"empty\">No care plan yet. Build it from the start-of-care assessment's findings: problems, measurable goals, and interventions with visit frequencies.</p>")\
        \(if: carePlan.version != 0, { "<p>Version \(carePlan.version)\(carePlan.standing, { " (<span id=\"care-plan-standing\">\($0)</span>)" }) · \(carePlan.goalsInForce) goal(s) in force</p>\(if: !carePlan.orders.isEmpty, { "<ul class=\"records\">\(each: carePlan.orders, { "<li>\($0)</li>" })</ul>" })" })
          \(if: carePlan.unsignedOrders > 0, { "<p>\(carePlan.unsignedOrders) order(s) awaiting the physician's signature\(if: carePlan.overdueOrders > 0, { " · <span class=\"flag flag-overdue\" id=\"orders-overdue\">\(carePlan.overdueOrders) unsigned over 30 days</span>" })</p>" })
          <p><a href="\(carePlan.href)" id="care-plan-link">Open the care plan</a></p>
        </section>

        """
    }

    var visitSection: HTML {
        var html: HTML = """
        <section class="card" id="visits">
          <h2>Visits</h2>

        """
        if visits.lines.isEmpty {
            html += "  <p class=\"empty\">No visits scheduled. Schedule the period's visits from the care plan's frequencies.</p>\n"
        } else {
            html += HTML.table(id: "visit-list", Self.visitColumns, rows: visits.lines) { v in
                ["<a href=\"\(v.href)\">\(v.date)</a>", "\(v.time)", "\(v.discipline)", "\(v.clinician)", "<span class=\"status status-\(v.status)\">\(v.statusTitle)</span>"]
            }
            html += "\n  \(if: visits.missed > 0, { "<p><span class=\"flag flag-overdue\" id=\"missed-visits\">\(visits.missed) missed</span></p>" })\n"
        }
        if !visits.frequencies.isEmpty {
            html += """
              <div id="frequency-compliance"><h3>Visits against the orders</h3>
              \(each: visits.frequencies, { f in "<p class=\"frequency\"><strong>\(f.order)</strong> \(each: f.weeks, { w in "<span class=\"flag flag-\(w.state)\" title=\"\(w.title)\">\(w.label) \(w.text)</span> " })</p>" })
              <p class="hint">Made of ordered, week by week from the start of the period; a missed visit does not count as made. Hover a week for its dates.</p></div>

            """
        }
        if !visits.vitalTrends.isEmpty {
            html += "  <div id=\"vital-trends\"><h3>Vital signs over time</h3>\n\(each: visits.vitalTrends, HTML.trend)  </div>\n"
        }
        html += """
          \(visits.scheduled, { "<p class=\"notice\" role=\"status\" id=\"scheduled-outcome\">\($0)</p>" })
          \(if: !visits.scheduledDetails.isEmpty, { "<ul class=\"records\" id=\"scheduled-details\">\(each: visits.scheduledDetails, { "<li>\($0)</li>" })</ul>" })
          \(visits.planWarning, { "<p class=\"notice\" id=\"plan-not-signed-warning\">\($0)</p>" })
          \(visits.generateAction, { "<form method=\"post\" action=\"\($0)\">\(csrf: shell.csrfToken)<button type=\"submit\" class=\"secondary\" id=\"schedule-visits\">Schedule visits from the care plan</button></form>" })

        """
        if let newVisit = visits.newVisit {
            html += """
              <details id="new-visit"><summary>Schedule one visit</summary>
              \(HTML.postForm(newVisit, csrf: shell.csrfToken, button: "<button type=\"submit\" class=\"secondary\" id=\"new-visit-submit\">Schedule</button>"))
              </details>

            """
        }
        html += "</section>\n"
        return html
    }

    var medicationSection: HTML {
        """
        <section class="card" id="medications">
          <h2>Medications</h2>
          \(if: medications.current.isEmpty, "<p class=\"empty\">No medications recorded. Add the profile at the first visit, or reconcile the hospital's list.</p>")\
        \(if: !medications.current.isEmpty, { "<ul class=\"records\" id=\"chart-medications\">\(each: medications.current, { "<li>\($0)</li>" })</ul>" })
          \(if: !medications.allergyConflicts.isEmpty, { "<ul class=\"records\" id=\"chart-allergy-conflicts\">\(each: medications.allergyConflicts, { "<li><span class=\"flag flag-overdue\">Allergy conflict</span> \($0)</li>" })</ul>" })
          <p>\(if: medications.highAlert > 0, { "<span class=\"flag flag-overdue\">\(medications.highAlert) high-alert</span> " })\
        \(if: medications.refillsOverdue > 0, { "<span class=\"flag flag-overdue\" id=\"refills-overdue\">\(medications.refillsOverdue) refill(s) overdue</span> " })\
        \(if: medications.refillsDue > 0, { "<span class=\"flag flag-due\">\(medications.refillsDue) refill(s) due</span> " })\
        \(if: medications.openReconciliations > 0, { "<span class=\"flag flag-due\" id=\"reconciliation-open\">\(medications.openReconciliations) reconciliation(s) to finish</span>" })</p>
          <p><a href="\(medications.href)" id="medications-link">Open medications</a></p>
        </section>

        """
    }

    var assessmentSection: HTML {
        var html: HTML = """
        <section class="card" id="assessments">
          <h2>Assessments</h2>
          \(if: !assessments.alerts.isEmpty, { "<div class=\"form-error\" role=\"alert\" id=\"chart-safety-alerts\"><strong>Safety alert</strong><ul>\(each: assessments.alerts, { "<li>\($0)</li>" })</ul></div>" })

        """
        if assessments.lines.isEmpty {
            html += "  <p class=\"empty\">No assessments yet. Start the start-of-care assessment at the first visit: the comprehensive assessment is due within 5 days of start of care.</p>\n"
        } else {
            html += HTML.table(Self.assessmentColumns, rows: assessments.lines) { a in
                ["\(a.day)", "\(a.kind)", "<a href=\"\(a.href)\">\(a.instrument)</a>\(if: a.version > 1, { " <small>v\(a.version)</small>" })",
                 "<span class=\"status status-\(a.status)\">\(a.statusTitle)</span>", "\(a.score)"]
            }
            html += "\n"
        }
        html += HTML(each: assessments.trends, HTML.trend)
        if assessments.canStart {
            html += """
              <form method="post" action="\(assessments.startAction)" class="start-assessment">
                \(csrf: shell.csrfToken)
                <div class="grid">
                  <div class="field"><label for="assessment-kind">Kind</label><select id="assessment-kind" name="kind">\(each: assessments.kinds, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select></div>
                  <div class="field"><label for="assessment-instrument">Instrument</label><select id="assessment-instrument" name="instrument"><option value="">The usual one for this kind</option>\(each: assessments.instruments, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select></div>
                  <div class="field"><label for="assessment-visit-date">Date of the visit</label><input id="assessment-visit-date" name="visitDate" type="date" value="\(assessments.visitDate)"></div>
                  <div class="field"><label for="assessment-visit-time">Time of the visit</label><input id="assessment-visit-time" name="visitTime" type="time" value="\(assessments.visitTime)"></div>
                </div>
                <button type="submit" id="start-assessment">Start assessment</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }
}

extension HTML {
    /// Markup for each element, one after another.
    init<Element>(each elements: some Sequence<Element>, _ markup: (Element) -> HTML) {
        self.init()
        for element in elements { append(markup(element)) }
    }
}
