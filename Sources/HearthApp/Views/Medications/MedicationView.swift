extension MedicationPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-medications">← Back to medications</a></p>
        <h1>\(line.name)\(line.highAlert, { " <span class=\"flag flag-overdue\">High-alert: \($0)</span>" })</h1>
        <p class="meta">\(patientName) · \(line.sig) · given by \(line.administeredBy) · \(line.dates)\(if: !line.refill.isEmpty, { " · <span class=\"flag flag-\(line.refillState)\">\(line.refill)</span>" })</p>
        \(each: line.allergyWarnings, { "<p class=\"standing-warning\"><span class=\"flag flag-overdue\">Allergy conflict</span> \($0)</p>" })
        \(each: line.overrides, { "<p class=\"override-note\">\($0)</p>" })
        \(safetyWarning, HTML.safetyWarning)

        """
        if canWrite && !stopped {
            html += """
            <section class="card" id="edit">
              <h2>Change</h2>
              \(HTML.postForm(edit, csrf: shell.csrfToken, id: "edit-medication-form", errorID: "edit-error", button: "<button type=\"submit\" id=\"save-medication\">Save changes</button>"))
            </section>
            <section class="card" id="discontinue">
              <h2>Discontinue</h2>
              \(HTML.postForm(discontinue, csrf: shell.csrfToken, button: "<button type=\"submit\" class=\"secondary\" id=\"discontinue-medication\">Discontinue</button>"))
            </section>

            """
        }
        html += """
        <section class="card" id="history">
          <h2>History</h2>
          \(if: history.isEmpty, "<p class=\"empty\">No changes since it was added.</p>")\
        \(if: !history.isEmpty, { "<ul class=\"records\">\(each: history, { c in "<li>\(c.what) <small>\(c.who), \(c.when)</small></li>" })</ul>" })
        </section>
        """
        return html
    }
}
