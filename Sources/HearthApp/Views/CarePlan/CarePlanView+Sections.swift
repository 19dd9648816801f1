/// The care plan's forms and records below the problems: adding to the plan, the patient's input,
/// the CMS-485 details, physician orders and versions.
extension CarePlanPage {
    var addToPlan: HTML {
        """
        <section class="card" id="add-to-plan">
          <h2>Add to the plan</h2>
          <form method="post" action="\(actions.problems)" novalidate id="problem-form">
            \(csrf: shell.csrfToken)
            <h3>A problem</h3>
            <div class="grid">\(each: problemFields, HTML.field)</div>
            <button type="submit" id="add-problem">Add problem</button>
          </form>
          \(if: !problems.isEmpty, { "<form method=\"post\" action=\"\(actions.goals)\" novalidate id=\"goal-form\">\(csrf: shell.csrfToken)<h3>A measurable goal</h3><div class=\"grid\">\(each: goalFields, HTML.field)</div><button type=\"submit\" id=\"add-goal\">Add goal</button></form>" })
          <form method="post" action="\(actions.interventions)" novalidate id="intervention-form">
            \(csrf: shell.csrfToken)
            <h3>An intervention with its visit frequency</h3>
            <div class="grid">\(each: interventionFields, HTML.field)</div>
            <button type="submit" id="add-intervention">Add intervention</button>
          </form>
        </section>


        """
    }

    var patientInputSection: HTML {
        var html: HTML = """
        <section class="card" id="patient-input">
          <h2>The patient's and family's input</h2>
          \(if: !patientInput.ownGoals.isEmpty, { "<p><strong>In their words:</strong> “\(patientInput.ownGoals)”</p>" })
          \(if: !patientInput.preferences.isEmpty, { "<p><strong>Preferences:</strong> \(patientInput.preferences)</p>" })

        """
        if patientInput.agreements.isEmpty {
            html += "  <p class=\"empty\">No agreement recorded yet. Review the plan with the patient and family and record who agreed.</p>\n"
        } else {
            html += "  <ul class=\"records\">\(each: patientInput.agreements, { "<li>Agreed by \($0.name) (\($0.relationship)) on \($0.on.description)</li>" })</ul>\n"
        }
        if canWrite {
            html += """
              <form method="post" action="\(actions.input)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: inputFields, HTML.field)</div>
                <button type="submit" id="save-input">Save input</button>
              </form>

            """
        }
        html += "</section>\n\n"
        return html
    }

    var detailsSection: HTML {
        var html: HTML = "<section class=\"card\" id=\"plan-details\">\n  <h2>Plan of care details (CMS-485)</h2>\n"
        if canWrite {
            html += "  <form method=\"post\" action=\"\(actions.details)\" novalidate>\n    \(csrf: shell.csrfToken)\n"
            for group in detailChecks {
                html += """
                    <fieldset class="checks\(if: group.error != nil, " invalid")"><legend>\(group.legend)</legend>
                      \(each: group.options, { "<label class=\"check\"><input type=\"checkbox\" name=\"\(group.name)\" value=\"\($0.value)\"\(if: $0.selected, " checked")> \($0.label)</label>" })
                      \(group.error, { "<p class=\"field-error\">\($0)</p>" })
                    </fieldset>

                """
            }
            html += "    <div class=\"grid\">\(each: detailFields, HTML.field)</div>\n    <button type=\"submit\" id=\"save-details\">Save details</button>\n  </form>\n"
        } else {
            html += "  <dl class=\"facts\">\(each: detailFields, { "<div><dt>\($0.label)</dt><dd>\($0.value)</dd></div>" })</dl>\n"
        }
        html += "</section>\n\n"
        return html
    }

    static let orderColumns = [TableColumn("Order"), TableColumn("Physician"), TableColumn("Sent"), TableColumn("Status")]

    var ordersSection: HTML {
        var html: HTML = "<section class=\"card\" id=\"orders\">\n  <h2>Physician orders</h2>\n"
        if orders.isEmpty {
            html += "  <p class=\"empty\">Nothing sent yet. When the plan is complete, send the plan of care to the physician for signature.</p>\n"
        } else {
            html += HTML.table(Self.orderColumns, rows: orders) { order in
                ["<a href=\"\(order.href)\">\(order.summary)</a>\(order.returned, { "<br><em>Returned: \($0)</em>" })", "\(order.physician)", "\(order.sent)",
                 "<span class=\"status status-\(order.status)\">\(order.statusTitle)</span>"]
            }
        }
        if canWrite {
            html += """

              <form method="post" action="\(sendAction)">
                \(csrf: shell.csrfToken)
                <button type="submit" id="send-plan">Send the plan of care for signature</button>
              </form>
              <details\(if: verbalOpen, " open")><summary>Record a verbal order</summary>
              <form method="post" action="\(verbalAction)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: verbalFields, HTML.field)</div>
                <button type="submit" id="record-verbal-order">Record and send for signature</button>
              </form>
              </details>

            """
        }
        html += "</section>\n\n"
        return html
    }

    var versionsSection: HTML {
        var html: HTML = "<section class=\"card\" id=\"versions\">\n  <h2>Versions</h2>\n"
        if versions.isEmpty {
            html += "  <p class=\"empty\">No versions yet. Every change to the plan is saved as a new version you can compare.</p>\n"
        } else {
            html += """
              <ol class="versions" reversed>
                \(each: versions, { v in "<li><a href=\"\(v.href)\">Version \(v.number)</a> · \(v.when) · \(v.who)<ul>\(each: v.summary, { "<li>\($0)</li>" })</ul></li>" })
              </ol>

            """
        }
        html += "</section>\n"
        return html
    }
}
