extension ProfilePage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): profile</h1>
        \(if: hasErrors, "<p class=\"form-error\" role=\"alert\">Some details need attention. Each is marked below; nothing was saved.</p>")
        <section class="card" id="details">
          <h2>Details</h2>

        """
        if canWrite {
            html += """
              <form method="post" action="\(detailsAction)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: details, HTML.field)</div>
                <h3>Code status and disaster plan</h3>
                <div class="grid">\(each: care, HTML.field)</div>
                <button type="submit" id="save-details">Save details</button>
              </form>

            """
        } else {
            html += """
              <dl class="facts">\(each: details, { f in "<div><dt>\(f.label)</dt><dd>\(f.shownValue)</dd></div>" })
              \(each: care, { "<div><dt>\($0.label)</dt><dd>\($0.value)</dd></div>" })</dl>

            """
        }
        html += "</section>\n"
        html += section(id: "contacts", heading: "Contacts and caregivers", lines: contacts,
                        empty: "No contacts yet. Add the people who live with or care for the patient, and who decides when the patient cannot.",
                        form: canWrite ? (contactAction, contactFields, "add-contact", "Add contact") : nil)
        html += section(id: "directives", heading: "Advance directives", lines: directives,
                        empty: "No advance directives recorded. Ask whether the patient has a living will, a health-care power of attorney, a DNR order or a POLST, and where it is kept.",
                        form: canWrite ? (directiveAction, directiveFields, "add-directive", "Add directive") : nil)
        html += section(id: "outside-contacts", heading: "Other physicians and outside contacts", lines: externals,
                        empty: "No outside contacts yet. Add specialists, the pharmacy and community services who care for this patient.",
                        form: canManageTeam ? (externalAction, externalFields, "add-outside-contact", "Add outside contact") : nil)
        return html
    }

    /// A list of contacts, directives or outside contacts, and the form that adds one when the user may.
    private func section(id: String, heading: String, lines: [ProfileLine], empty: String,
                         form: (action: String, fields: [InputField], submitID: String, submit: String)?) -> HTML {
        var html: HTML = """
        <section class="card" id="\(id)">
          <h2>\(heading)</h2>
          \(if: lines.isEmpty, { "<p class=\"empty\">\(empty)</p>" })\(if: !lines.isEmpty, { "<ul class=\"records\">\(each: lines, HTML.profileLine)</ul>" })

        """
        if let form {
            html += """
              <form method="post" action="\(form.action)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">\(each: form.fields, HTML.field)</div>
                <button type="submit" id="\(form.submitID)">\(form.submit)</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }
}
