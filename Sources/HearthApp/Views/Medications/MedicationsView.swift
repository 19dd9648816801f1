extension MedicationsPage: HTMLPage {
    static let columns = [TableColumn("Medication"), TableColumn("How taken"), TableColumn("Given by"), TableColumn("Prescriber"), TableColumn("Refill")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): medications</h1>
        \(safetyWarning, HTML.safetyWarning)
        <p class="meta"><span id="active-count">\(current.count)</span> current\
        \(if: allergyConflicts > 0, { " · <a href=\"#profile\" class=\"flag flag-overdue\" id=\"allergy-conflicts\">\(allergyConflicts) in conflict with an allergy</a>" })\
        \(if: highAlertCount > 0, { " · <span class=\"flag flag-overdue\">\(highAlertCount) high-alert</span>" })\
        \(if: refillsDue > 0, { " · <span class=\"flag flag-due\" id=\"refills-due\">\(refillsDue) refill(s) due</span>" }) · <a href="\(marHref)" id="mar-link">Today's administration record (MAR)</a></p>
        <nav class="tabs" aria-label="Medication sections"><ul><li><a href="#profile">Profile</a></li><li><a href="#reconciliation">Reconciliation</a></li><li><a href="#adherence">Adherence</a></li><li><a href="#side-effects">Side effects</a></li><li><a href="#teaching">Teaching</a></li><li><a href="#stopped">Stopped</a></li></ul></nav>

        <section class="card" id="profile">
          <h2>Current medications</h2>

        """
        if current.isEmpty {
            html += "  <p class=\"empty\">No current medications. Add each medicine the patient takes, including over-the-counter ones, or reconcile the hospital's list below.</p>\n"
        } else {
            html += HTML.table(id: "medication-list", Self.columns, rows: current, rowID: { "med-\($0.id)" }) { m in
                ["""
                 <a href="\(m.href)">\(m.name)</a>\(m.highAlert, { " <span class=\"flag flag-overdue\" title=\"High-alert medication\">\($0)</span>" })<br><small>\(m.dates)</small>\
                 \(each: m.allergyWarnings, { "<p class=\"standing-warning\"><span class=\"flag flag-overdue\">Allergy conflict</span> \($0)</p>" })\
                 \(each: m.overrides, { "<p class=\"override-note\"><small>\($0)</small></p>" })
                 """,
                 "\(m.sig)", "\(m.administeredBy)", "\(m.prescriber)",
                 "\(if: !m.refill.isEmpty, { "<span class=\"flag flag-\(m.refillState)\">\(m.refill)</span>" })"]
            }
            html += "\n"
        }
        if canWrite {
            html += """
              <details\(if: add.error != nil || safetyWarning != nil, " open") id="add-medication"><summary>Add a medication</summary>
              \(HTML.postForm(add, csrf: shell.csrfToken, id: "add-medication-form", errorID: "add-error", button: "<button type=\"submit\" id=\"add-medication-submit\">Add medication</button>"))
              </details>

            """
        }
        html += """
        </section>

        <section class="card" id="reconciliation">
          <h2>Reconciliation at transitions</h2>
          \(if: reconciliations.isEmpty, "<p class=\"empty\">No reconciliation yet. Reconcile at start of care, after every hospital stay and at discharge: compare the list the patient came home with against this profile.</p>")\
        \(if: !reconciliations.isEmpty, { "<ul class=\"records\">\(each: reconciliations, { r in "<li><a href=\"\(r.href)\">\(r.title)</a> <span class=\"status status-\(r.status)\">\(r.statusTitle)</span> <small>\(r.when)</small></li>" })</ul>" })

        """
        if canWrite {
            html += """
              <details\(if: reconcile.error != nil, " open") id="start-reconciliation"><summary>Reconcile another list</summary>
              \(HTML.postForm(reconcile, csrf: shell.csrfToken, errorID: "reconcile-error", button: "<button type=\"submit\" id=\"start-reconciliation-submit\">Compare with the profile</button>"))
              </details>

            """
        }
        html += """
        </section>

        <section class="card" id="adherence">
          <h2>Adherence</h2>
          <p>\(adherenceSummary)</p>
          \(adherence, HTML.trend)\(if: !adherenceChecks.isEmpty, { "<ul class=\"records\">\(each: adherenceChecks, Self.note)</ul>" })
          \(adherenceForm, { HTML.postForm($0, csrf: shell.csrfToken, id: "adherence-form", button: "<button type=\"submit\" class=\"secondary\">Record adherence check</button>") })
        </section>

        """
        html += notes(id: "side-effects", heading: "Side effects", notes: sideEffects,
                      empty: "No side effects reported. Ask at each visit: dizziness, bleeding, confusion, falls, nausea, low blood sugar.",
                      form: sideEffectForm, summary: "Report a side effect", button: "Report")
        html += notes(id: "teaching", heading: "Medication teaching", notes: teaching,
                      empty: "No medication teaching recorded. Teach each new or changed medicine and check understanding with teach-back.",
                      form: teachingForm, summary: "Record teaching", button: "Record teaching")
        html += """
        <section class="card" id="stopped">
          <h2>Stopped medications</h2>
          \(if: stopped.isEmpty, "<p class=\"empty\">Nothing stopped.</p>")\
        \(if: !stopped.isEmpty, { "<ul class=\"records\">\(each: stopped, { m in "<li><a href=\"\(m.href)\">\(m.name)</a> — \(m.sig) <small>\(m.dates)</small></li>" })</ul>" })
        </section>
        """
        return html
    }

    private static func note(_ n: Note) -> HTML {
        "<li><span class=\"status status-\(n.state)\">\(n.text)</span> \(n.detail) <small>\(n.when)</small></li>"
    }

    /// Side effects or teaching: the notes so far and, for those who document, the form folded under them.
    private func notes(id: String, heading: String, notes: [Note], empty: String, form: PageForm, summary: String, button: String) -> HTML {
        var html: HTML = """
        <section class="card" id="\(id)">
          <h2>\(heading)</h2>
          \(if: notes.isEmpty, { "<p class=\"empty\">\(empty)</p>" })\(if: !notes.isEmpty, { "<ul class=\"records\">\(each: notes, Self.note)</ul>" })

        """
        if canDocument {
            html += """
              <details\(if: form.error != nil, " open")><summary>\(summary)</summary>
              \(HTML.postForm(form, csrf: shell.csrfToken, button: "<button type=\"submit\" class=\"secondary\">\(button)</button>"))
              </details>

            """
        }
        html += "</section>\n\n"
        return html
    }
}
