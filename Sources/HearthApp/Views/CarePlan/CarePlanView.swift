extension CarePlanPage: HTMLPage {
    var body: HTML {
        var html = HTML(capacity: 16_384)
        html += """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): care plan</h1>
        <p class="meta">\(period, { "\($0) · " })\(if: version > 0, { "version <span id=\"plan-version\">\(version)</span>\(savedBy, { ", saved by \($0)" })" })\(if: version <= 0, "not started") · physician <span id="plan-physician">\(physician)</span> · <a href="\(printHref)" id="print-plan">Printable plan of care</a></p>
        \(notice, { "<p class=\"empty\" id=\"plan-notice\">\($0)</p>" })
        \(if: hasErrors, { "<p class=\"form-error\" role=\"alert\" id=\"plan-error\">\(formError ?? "Something needs attention; it is marked below. Nothing was saved.")</p>" })
        \(standingSection)
        <section class="card" id="problems">
          <h2>Problems, goals and interventions</h2>
          \(if: problems.isEmpty, { "<p class=\"empty\">No problems yet. Add the problems the start-of-care assessment found (suggested below) or name one; then give each a measurable goal and the interventions that address it.</p>" })

        """
        for problem in problems { html += self.problem(problem) }
        if !generalInterventions.isEmpty {
            html += "  <article class=\"problem\"><h3>For the whole plan</h3><ul class=\"interventions\">\(each: generalInterventions, Self.intervention)</ul></article>\n"
        }
        html += "</section>\n\n"
        if !visits.isEmpty {
            html += """
            <section class="card" id="visit-totals">
              <h2>Visits in this certification period</h2>
              <div class="scroll">
              <table>
                <thead><tr><th scope="col">Discipline</th>\(each: weekNumbers, { "<th scope=\"col\">W\($0)</th>" })<th scope="col">Total</th><th scope="col">PRN</th></tr></thead>
                <tbody>\(each: visits, { v in "<tr><th scope=\"row\">\(v.discipline)</th>\(each: v.weeks, { "<td>\($0)</td>" })<td id=\"total-\(v.discipline)\"><strong>\(v.total)</strong></td><td>\(v.prn)</td></tr>" })</tbody>
              </table>
              </div>
            </section>


            """
        }
        if canWrite { html += addToPlan }
        html += patientInputSection
        html += detailsSection
        html += ordersSection
        html += versionsSection
        return html
    }

    private func problem(_ problem: Problem) -> HTML {
        var html: HTML = """
          <article class="problem" id="problem-\(problem.id)">
            <h3>\(problem.title) <small>\(problem.source)</small></h3>
            \(if: !problem.hazards.isEmpty, { "<div class=\"hazards\" id=\"problem-\(problem.id)-hazards\"><p>Open home hazards (<a href=\"\(problem.hazardsHref)\">home safety</a>):</p><ul>\(each: problem.hazards, { "<li>\($0)</li>" })</ul></div>" })
            \(if: problem.goals.isEmpty, "<p class=\"empty\">No goal yet for this problem.</p>")

        """
        for goal in problem.goals { html += self.goal(goal) }
        if !problem.interventions.isEmpty {
            html += "    <ul class=\"interventions\">\(each: problem.interventions, Self.intervention)</ul>\n"
        }
        html += "  </article>\n"
        return html
    }

    private func goal(_ goal: Goal) -> HTML {
        var html: HTML = """
            <div class="goal" id="goal-\(goal.id)">
              <p><span class="status status-\(goal.status)">\(goal.statusTitle)</span> <strong>\(goal.what)</strong> — \(goal.measure), by <time>\(goal.targetDate)</time>\(goal.statusReason, { " <em>(\($0))</em>" })</p>
              \(goal.error, { "<p class=\"field-error\" role=\"alert\">\($0)</p>" })

        """
        if canWrite {
            html += "      <details><summary>Record an outcome or revise</summary>\n"
            if !goal.nextStatuses.isEmpty {
                html += """
                        <form method="post" action="\(goal.statusAction)" class="inline" novalidate>
                          \(csrf: shell.csrfToken)
                          <label for="status-\(goal.id)">Outcome</label>
                          <select id="status-\(goal.id)" name="status"><option value="">Choose…</option>\(each: goal.nextStatuses, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select>
                          <label for="status-reason-\(goal.id)">Reason (needed for not met or discontinued)</label>
                          <input id="status-reason-\(goal.id)" name="reason">
                          <button type="submit" class="secondary">Record</button>
                        </form>

                """
            }
            if goal.canRevise {
                html += """
                        <form method="post" action="\(goal.reviseAction)" class="inline" novalidate>
                          \(csrf: shell.csrfToken)
                          <label for="revise-measure-\(goal.id)">New measure</label><input id="revise-measure-\(goal.id)" name="measure">
                          <label for="revise-date-\(goal.id)">New target date</label><input id="revise-date-\(goal.id)" name="targetDate" type="date">
                          <label for="revise-reason-\(goal.id)">Why</label><input id="revise-reason-\(goal.id)" name="reason">
                          <button type="submit" class="secondary">Revise goal</button>
                        </form>

                """
            }
            html += "      </details>\n"
        }
        html += "    </div>\n"
        return html
    }

    /// One intervention; its change and remove forms appear only when the page carries a form token (the user may write).
    static func intervention(_ item: Intervention) -> HTML {
        var html: HTML = """
        <li class="intervention" id="intervention-\(item.id)">
          <strong>\(item.discipline)</strong> <code class="frequency">\(item.frequency)</code> — \(item.action)\(item.prnTrigger, { " <em>PRN for: \($0)</em>" })
          \(item.error, { "<p class=\"field-error\" role=\"alert\">\($0)</p>" })

        """
        if let token = item.csrfToken {
            html += """
              <details><summary>Change frequency</summary>
                <form method="post" action="\(item.frequencyAction)" class="inline" novalidate>
                  \(csrf: token)
                  <label for="frequency-\(item.id)">New frequency</label><input id="frequency-\(item.id)" name="frequency" value="\(item.frequency)">
                  <label for="prn-\(item.id)">PRN visits are for</label><input id="prn-\(item.id)" name="prnTrigger" value="\(item.prnTrigger)">
                  <button type="submit" class="secondary" id="change-frequency-\(item.id)">Change frequency</button>
                </form>
                <form method="post" action="\(item.removeAction)" class="inline">
                  \(csrf: token)
                  <button type="submit" class="secondary">Remove intervention</button>
                </form>
              </details>

            """
        }
        html += "</li>\n"
        return html
    }
}
