extension AssessmentReviewPage: HTMLPage {
    static let columns = [TableColumn("Score"), TableColumn("Value"), TableColumn("Meaning")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)">← \(patientName)</a></p>
        <h1>\(title) <small>\(kind)</small></h1>
        <p><span class="status status-\(status)" id="assessment-status">\(statusTitle)</span> · assessed \(assessedOn)\(signature, { " · \($0)" })</p>
        \(HTML.instrumentVersion(instrumentVersion, csrf: shell.csrfToken))
        \(amendmentReason, { "<p class=\"notice\">Amendment: \($0)</p>" })
        \(if: !versions.isEmpty, { "<nav class=\"tabs\" aria-label=\"Versions\"><ul>\(each: versions, { v in "<li><a href=\"\(v.href)\"\(if: v.current, " aria-current=\"page\" class=\"current\"")>\(v.label)</a></li>" })</ul></nav>" })
        \(if: !alerts.isEmpty, { "<div class=\"form-error\" role=\"alert\" id=\"safety-alerts\"><strong>Safety alert</strong><ul>\(each: alerts, { "<li>\($0)</li>" })</ul></div>" })
        <section class="card" id="scores">
          <h2>Scores</h2>

        """
        if scores.isEmpty {
            html += "  <p class=\"empty\">This instrument has no score; its answers inform the care plan.</p>\n"
        } else {
            html += HTML.table(Self.columns, rows: scores) { s in
                ["\(s.title)", "<strong class=\"score\">\(s.value)</strong>", "\(s.band)\(s.interpretation, { " — \($0)" })"]
            }
            html += "\n"
        }
        html += """
          \(if: !findings.isEmpty, { "<h3>Suggested care-plan problems</h3><ul id=\"findings\">\(each: findings, { "<li>\($0)</li>" })</ul>" })
        </section>
        \(if: problemCount > 0, { "<p class=\"form-error\" role=\"alert\" id=\"sign-problems\">\(problemCount) question(s) need an answer before this can be signed. Each is marked below.</p>" })

        """
        for section in sections {
            html += """
            <section class="card">
              <h2>\(section.title)\(section.editHref, { " <a href=\"\($0)\" class=\"small\">Edit</a>" })</h2>
              <dl class="answers">\(each: section.answers, { a in "<div\(if: a.problem != nil, " class=\"invalid\"")><dt>\(a.question)</dt><dd>\(a.answer)\(a.problem, { "<p class=\"field-error\">\($0)</p>" })</dd></div>" })</dl>
            </section>

            """
        }
        if canSign {
            html += """
            <form method="post" action="\(signAction)" class="card">
              \(csrf: shell.csrfToken)
              <p>Signing locks this assessment. A later correction is an amendment with a reason; both versions stay on the chart.</p>
              <button type="submit" id="sign-assessment">Sign assessment</button>
            </form>

            """
        }
        if canAmend {
            html += """
            <form method="post" action="\(amendAction)" class="card" novalidate>
              \(csrf: shell.csrfToken)
              <div class="field wide\(if: amendError != nil, " invalid")">
                <label for="amend-reason">Reason for the amendment</label>
                <input id="amend-reason" name="reason"\(if: amendError != nil, " aria-invalid=\"true\" aria-describedby=\"amend-reason-error\"")>
                \(amendError, { "<p class=\"field-error\" id=\"amend-reason-error\">\($0)</p>" })
              </div>
              <button type="submit" id="amend-assessment" class="secondary">Amend</button>
            </form>

            """
        }
        html += "<p class=\"hint\">Source: \(source)</p>"
        return html
    }
}
