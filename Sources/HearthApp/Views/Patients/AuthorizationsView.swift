extension AuthorizationsPage: HTMLPage {
    static let columns = [TableColumn("Payer"), TableColumn("Number"), TableColumn("Discipline"), TableColumn("Use")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): authorizations</h1>
        <section class="card" id="authorizations">

        """
        if lines.isEmpty {
            html += "  <p class=\"empty\">No authorizations recorded. Record each payer authorization with its number, the visits authorized and the days it covers; Hearth counts the visits made against it and warns before it runs out or ends.</p>\n"
        } else {
            html += HTML.table(Self.columns, rows: lines) { l in
                ["\(l.payer)", "<code>\(l.number)</code>", "\(l.discipline)",
                 "\(l.bar, { "<svg width=\"120\" height=\"10\" aria-hidden=\"true\"><rect width=\"120\" height=\"10\" fill=\"#e5e7eb\"/><rect width=\"\($0)\" height=\"10\" fill=\"#2563eb\"/></svg> " })\(l.summary)\(l.alert, { " <span class=\"flag flag-overdue\">\($0)</span>" })"]
            }
            html += "\n"
        }
        html += "</section>\n"
        if canWrite {
            html += """
            <section class="card" id="add-authorization">
              <h2>Record an authorization</h2>
              <form method="post" action="\(form.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(form, errorID: "authorization-error"))
                <button type="submit" id="add-authorization-submit">Record</button>
              </form>
            </section>
            """
        }
        return html
    }
}
