extension CommunicationsPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): communications</h1>

        """
        if canDocument {
            html += """
            <section class="card" id="log-communication">
              <h2>Log a call, message or meeting</h2>
              <form method="post" action="\(form.action)" novalidate>
                \(csrf: shell.csrfToken)
                \(HTML.formFields(form, errorID: "communication-error"))
                <button type="submit" id="log-communication-submit">Log it</button>
              </form>
            </section>

            """
        }
        html += """
        <section class="card" id="communication-log">
          <h2>Log</h2>
          \(if: entries.isEmpty, "<p class=\"empty\">Nothing logged yet. Calls, messages, faxes and conferences with physicians, family, pharmacies, payers and the team appear here.</p>")
          \(if: !entries.isEmpty, { "<ul class=\"records\">\(each: entries, { e in "<li><strong>\(e.heading)</strong>: \(e.subject) <small>\(e.when), \(e.by)</small><br>\(e.summary)\(e.task, { "<br><span class=\"flag flag-due_soon\">\($0)</span>" })</li>" })</ul>" })
        </section>
        """
        return html
    }
}
