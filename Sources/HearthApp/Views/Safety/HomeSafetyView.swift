extension HomeSafetyPage: HTMLPage {
    static let evaluationColumns = [TableColumn("Day"), TableColumn("By"), TableColumn("Answers"), TableColumn("")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): home safety</h1>
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"home-safety-error\">\($0)</p>" })
        <section class="card" id="home-safety-summary">
          <p id="home-safety-headline"><strong>\(headline)</strong></p>
          \(carePlan, { "<p id=\"home-safety-care-plan\">\($0) <a href=\"\(carePlanHref)\">Open the care plan</a></p>" })
          \(if: canDocument, { "<p><a class=\"button\" href=\"\(evaluateHref)\" id=\"start-evaluation\">Walk through the home</a></p>" })
        </section>
        <section class="card" id="open-findings">
          <h2>Open hazards</h2>
          \(if: open.isEmpty, { "<p class=\"empty\">No open hazards. Hazards found in a walk-through stay here until they are fixed or the patient accepts the risk.</p>" })

        """
        for finding in open { html += self.finding(finding) }
        html += """
        </section>
        <section class="card" id="closed-findings">
          <h2>Resolved and accepted</h2>

        """
        if closed.isEmpty {
            html += "  <p class=\"empty\">Nothing closed yet.</p>\n"
        } else {
            html += "  <ul class=\"records\">\(each: closed, { "<li><strong>\($0.hazard)</strong> <small>\($0.area)</small><br>\($0.closure)</li>" })</ul>\n"
        }
        html += "</section>\n<section class=\"card\" id=\"evaluations\">\n  <h2>Walk-throughs</h2>\n"
        if evaluations.isEmpty {
            html += "  <p class=\"empty\">No home safety evaluation yet. The walk-through covers floors, stairs, kitchen, bathroom, bedroom, entrances, alarms, oxygen, electrical safety, medication storage and emergency access.</p>\n"
        } else {
            html += HTML.table(Self.evaluationColumns, rows: evaluations) { evaluation in
                ["\(evaluation.day)", "\(evaluation.by)", "\(evaluation.counts)",
                 "\(evaluation.pending, { "<a href=\"\($0)\" class=\"flag flag-due_soon\">Record the findings</a>" })"]
            }
        }
        html += "\n</section>\n"
        return html
    }

    private func finding(_ finding: Finding) -> HTML {
        var html: HTML = """
          <article class="finding" id="finding-\(finding.id)">
            <h3>\(finding.hazard) <span class="flag flag-\(finding.severityClass)">\(finding.severity)</span>\(if: finding.overdue, " <span class=\"flag flag-overdue\">Follow-up overdue</span>")</h3>
            <p><small>\(finding.area)</small>\(finding.note, { " — \($0)" })</p>
            <p>Fix: \(finding.modification)<br>Responsible: \(finding.responsible) · follow up by <strong>\(finding.followUp)</strong></p>
            \(finding.refused, { "<p class=\"form-error\" role=\"alert\">\($0.message)</p>" })

        """
        if canDocument {
            let refused = finding.refused
            html += """
                <details\(if: refused != nil, " open")><summary>Record what happened</summary>
                  <form method="post" action="\(finding.action)" novalidate class="grid">
                    \(csrf: shell.csrfToken)
                    <div class="field"><label for="\(finding.id)-action">What happened</label>
                      <select id="\(finding.id)-action" name="action"><option value="resolve">Fixed (resolved)</option><option value="accept_risk"\(if: refused?.action == "accept_risk", " selected")>Patient keeps the risk</option><option value="reschedule"\(if: refused?.action == "reschedule", " selected")>New follow-up date</option></select></div>
                    <div class="field wide"><label for="\(finding.id)-note">What was done, or the patient's reason</label><input id="\(finding.id)-note" name="note" value="\(refused?.note)"></div>
                    <div class="field wide"><label for="\(finding.id)-photo">Photo description (optional)</label><input id="\(finding.id)-photo" name="photoDescription" value="\(refused?.photoDescription)"></div>
                    <div class="field"><label for="\(finding.id)-follow">New follow-up date</label><input id="\(finding.id)-follow" name="followUpOn" type="date" min="\(today)" value="\(refused?.followUpOn)"></div>
                    <button type="submit" id="\(finding.id)-save">Save</button>
                  </form>
                </details>

            """
        }
        html += "  </article>\n"
        return html
    }
}
