extension PatientChoicePage: HTMLPage {
    var body: HTML {
        let invalid: HTML = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(fieldName)-error\""
        var html: HTML = """
        <p><a href="\(patientHref)">← \(patientName)</a></p>
        <h1>\(heading)</h1>
        \(intro, { "<p class=\"lede\">\($0)</p>" })
        <form method="post" action="\(action)" class="card" novalidate>
          \(csrf: shell.csrfToken)
          <div class="grid">
            <div class="field\(if: error != nil, " invalid")">
              <label for="\(fieldName)">\(label)</label>
              <select id="\(fieldName)" name="\(fieldName)"\(invalid)>
                \(each: options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })
              </select>
              \(error, { "<p class=\"field-error\" id=\"\(fieldName)-error\">\($0)</p>" })
            </div>

        """
        if let textName {
            html += """
                <div class="field">
                  <label for="\(textName)">\(textLabel)</label>
                  <input id="\(textName)" name="\(textName)" value="\(textValue)" placeholder="Skilled nursing">
                </div>

            """
        }
        html += """
          </div>
          <button type="submit" id="\(submitID)">\(submitLabel)</button>
        </form>

        """
        if let secondForm {
            html += """
            <section class="card" id="second-form">
              <h2>\(secondHeading)</h2>
              <form method="post" action="\(secondForm.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(secondForm.error, { "<p class=\"form-error\" role=\"alert\">\($0)</p>" })
                <div class="grid">\(each: secondForm.fields, HTML.field)</div>
                <button type="submit" id="\(secondSubmitID)">\(secondSubmitLabel)</button>
              </form>
            </section>

            """
        }
        if !history.isEmpty {
            html += """
            <section class="card" id="choice-history">
              <h2>History</h2>
              <ul>\(each: history, { "<li>\($0)</li>" })</ul>
            </section>
            """
        }
        return html
    }
}
