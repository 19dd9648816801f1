extension PatientFormPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <h1>Register a patient</h1>
        \(if: hasErrors, "<p class=\"form-error\" role=\"alert\">Some details need attention. Each is marked below.</p>")
        <form method="post" action="\(action)" class="card" novalidate>
          \(csrf: shell.csrfToken)
          <div class="grid">
            \(each: fields, HTML.field)
          </div>

        """
        if !referralFields.isEmpty {
            html += """
              <h2>The referral</h2>
              <div class="grid">\(each: referralFields, HTML.field)</div>

            """
        }
        if !careFields.isEmpty {
            html += """
              <h2>Who will care for them</h2>
              <p class="hint">The attending physician signs the plan of care and orders. Choose one from the list, or enter the patient's own physician below.</p>
              <div class="grid">
                \(each: careFields, HTML.field)
              </div>
              <details id="outside-physician"\(if: outsidePhysicianOpen, " open")>
                <summary>The physician is not on the list: enter them</summary>
                <div class="grid">\(each: outsidePhysicianFields, HTML.field)</div>
              </details>

            """
        }
        if duplicateWarning {
            html += """
              <div class="form-error" role="alert" id="duplicate-warning">
                <p>A patient with this name and date of birth is already registered. Search for them before registering a second record.</p>
                <label class="check"><input type="checkbox" id="confirmDuplicate" name="confirmDuplicate" value="yes"> This is a different person: register anyway</label>
              </div>

            """
        }
        html += """
          <button type="submit" id="register-submit">Register patient</button>
        </form>
        """
        return html
    }
}
