extension TeachingPage: HTMLPage {
    static let columns = [TableColumn("Day"), TableColumn("Topic"), TableColumn("Learner"), TableColumn("Method"), TableColumn("Teach-back"),
                          TableColumn("Material and note")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): teaching</h1>
        <section class="card" id="teaching-progress">
          <p id="teaching-headline"><strong>\(headline)</strong></p>

        """
        if lines.isEmpty {
            html += "  <p class=\"empty\">Nothing taught yet. Record each topic with the learner and the teach-back result; topics that need reinforcement stay at the top.</p>\n"
        } else {
            html += "  <ul class=\"records\">"
            for l in lines {
                html += """
                <li class="teaching-line"><strong>\(l.title)</strong> <span class="flag flag-\(l.needsReinforcement ? "due_soon" : "met")">\(l.result)</span><br><small>\(l.detail)</small>\(l.note, { "<br>\($0)" })
                    \(if: l.needsReinforcement && !l.keyPoints.isEmpty, { "<details><summary>Key points to go over again</summary><ul>\(each: l.keyPoints, { "<li>\($0)</li>" })</ul></details>" })</li>
                """
            }
            html += "</ul>\n"
        }
        html += "</section>\n"
        if canDocument {
            html += """
            <section class="card" id="record-teaching">
              <h2>Record teaching</h2>
              <form method="post" action="\(form.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(form, errorID: "teaching-error"))
                <button type="submit" id="record-teaching-submit">Record</button>
              </form>
            </section>

            """
        }
        html += """
        <section class="card" id="teaching-history">
          <h2>Every session</h2>

        """
        if history.isEmpty {
            html += "  <p class=\"empty\">No sessions yet.</p>\n"
        } else {
            html += HTML.table(Self.columns, rows: history) { s in
                ["\(s.day)", "\(s.topic)", "\(s.learner)", "\(s.method)", "\(s.result)", "\(s.material)\(s.note, { " \($0)" })"]
            }
            html += "\n"
        }
        html += "</section>"
        return html
    }
}
