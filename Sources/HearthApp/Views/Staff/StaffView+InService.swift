extension StaffPage {
    static let sessionColumns = [TableColumn("Day"), TableColumn("Hours"), TableColumn("What it covered")]

    /// The aide's in-service card [42 CFR 484.80(d)]: each period's hours against the 12 owed, why, the sessions, the form.
    var inServiceCard: HTML {
        guard let inService else { return "" }
        var html: HTML = """
        <section class="card" id="in-service">
          <h2>In-service training <small>\(inService.citation)</small></h2>
          \(inService.noVisitYet, { "<p class=\"empty\">\($0)</p>" })
          <ul class="deadlines">

        """
        for p in inService.periods {
            html += """
                <li class="deadline deadline-\(p.state)"><span class="flag flag-\(p.state)">\(p.status)</span> <strong>\(p.title)</strong>
                  <details open><summary>Why?</summary><p>\(p.explanation)</p></details></li>

            """
        }
        html += "  </ul>\n"
        if inService.sessions.isEmpty {
            html += "  <p class=\"empty\">No in-service training recorded.</p>\n"
        } else {
            html += HTML.table(id: "in-service-list", Self.sessionColumns, rows: inService.sessions) { s in ["\(s.date)", "\(s.hours)", "\(s.topic)"] }
        }
        if let form = inService.form {
            html += """
              <form method="post" action="\(form.action)" id="in-service-form" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(form, errorID: "in-service-error"))
                <button type="submit" id="record-in-service">Record the training</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }
}
