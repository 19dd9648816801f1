extension StaffPage: HTMLPage {
    static let columns = [TableColumn("Credential"), TableColumn("Number"), TableColumn("Issued"), TableColumn("Expires"), TableColumn("Status")]

    var body: HTML {
        var html: HTML = """
        <h1>\(name)</h1>
        <p class="meta">\(role) · works \(hours)</p>
        \(observation, { "<p id=\"aide-observation\">\($0)</p>" })
        \(inServiceCard)
        <section class="card" id="credentials">
          <h2>Licenses and certifications</h2>

        """
        if credentials.isEmpty {
            html += "  <p class=\"empty\">No credentials on file. Record each license and certification as verified with the issuing board: visits are refused without a valid one.</p>\n"
        } else {
            html += HTML.table(id: "credential-list", Self.columns, rows: credentials) { credential in
                ["\(credential.name)", "\(credential.number)", "\(credential.issued)", "\(credential.expires)",
                 "<span class=\"flag flag-\(credential.flag)\">\(credential.status)</span>"]
            }
        }
        if canWrite {
            html += """

              <form method="post" action="\(credentialForm.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(credentialForm, errorID: "credential-error"))
                <button type="submit" id="add-credential">Add credential</button>
              </form>
            </section>
            <section class="card" id="profile">
              <h2>Discipline, home base and hours</h2>
              <form method="post" action="\(profile.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(profile, errorID: "profile-error"))
                <button type="submit" id="save-staff-profile">Save</button>
              </form>
            </section>
            """
        } else {
            html += "\n</section>"
        }
        return html
    }
}
