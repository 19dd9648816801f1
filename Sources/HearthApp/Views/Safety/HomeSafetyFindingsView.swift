extension HomeSafetyFindingsPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)">← Back to home safety</a></p>
        <h1>\(name): hazards found on \(day)</h1>
        <p class="hint">For each hazard, say who makes the change and when you will check. Severity, the usual fix and the follow-up date come from the checklist; change them as the home needs.</p>
        <form method="post" action="\(action)" novalidate id="findings-form">
          \(csrf: shell.csrfToken)
          \(error, { "<p class=\"form-error\" role=\"alert\" id=\"findings-error\">\($0)</p>" })

        """
        for hazard in hazards {
            html += """
              <fieldset class="card" id="hazard-\(hazard.id)">
                <legend>\(hazard.hazard) <small>\(hazard.area)</small></legend>
                <div class="grid">\(each: hazard.fields, HTML.field)</div>
              </fieldset>

            """
        }
        html += "  <button type=\"submit\" id=\"save-findings\">Save the findings</button>\n</form>\n"
        return html
    }
}
