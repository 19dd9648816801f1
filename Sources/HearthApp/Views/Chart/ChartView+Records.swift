extension ChartPage {
    static let coverageColumns = [TableColumn("Order"), TableColumn("Payer"), TableColumn("Kind"), TableColumn("Plan"), TableColumn("Member id"), TableColumn("Period")]
    static let diagnosisColumns = [TableColumn("Code"), TableColumn("Diagnosis"), TableColumn("Rank"), TableColumn("Onset")]

    var peopleSection: HTML {
        """
        <section class="card" id="people">
          <h2>Contacts, directives and disaster plan</h2>
          \(if: contacts.isEmpty, { "<p class=\"empty\">No contacts or caregivers recorded. <a href=\"\(profileHref)#contacts\">Add them on the profile</a>.</p>" })\
        \(if: !contacts.isEmpty, { "<ul class=\"records\">\(each: contacts, HTML.profileLine)</ul>" })
          \(if: directives.isEmpty, { "<p class=\"empty\">No advance directives recorded. <a href=\"\(profileHref)#directives\">Record them on the profile</a>.</p>" })\
        \(if: !directives.isEmpty, { "<ul class=\"records\">\(each: directives, HTML.profileLine)</ul>" })
          <p>Emergency priority: \(emergencyPriority.map { priority -> HTML in "<strong id=\"emergency-priority\">\(priority)</strong>" }
            ?? "<em>not set</em> — <a href=\"\(profileHref)#details\">set the disaster plan</a>")</p>
        </section>

        """
    }

    var coverageSection: HTML {
        var html: HTML = """
        <section class="card" id="coverage">
          <h2>Coverage</h2>
          <p><a href="\(authorizationsHref)" id="authorizations-link">Visit authorizations</a></p>

        """
        if coverages.isEmpty {
            html += "  <p class=\"empty\">No payer recorded. Add the primary payer before the first visit is billed.</p>\n"
        } else {
            html += HTML.table(Self.coverageColumns, rows: coverages) { c in
                ["\(c.order)", "\(c.payer)", "\(c.program)", "\(c.plan)", "<code>\(c.memberID)</code>", "\(c.period)"]
            }
            html += "\n"
        }
        if canWrite {
            let f = coverageForm
            html += """
              <form method="post" action="\(coverageHref)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">
            \(HTML.chartInput(id: "coverage-payer", name: "payer", label: "Payer", f.payer, placeholder: "Medicare"))\
            \(HTML.chartSelect(id: "coverage-program", name: "program", label: "Kind of payer", f.programs.map { ($0.value, $0.label) }, selected: f.program,
                               error: f.programError, choose: true))\
            \(HTML.chartInput(id: "coverage-member", name: "memberID", label: "Member id", f.memberID))\
            \(HTML.chartInput(id: "coverage-plan", name: "plan", label: "Plan (optional)", f.plan))\
            \(HTML.chartSelect(id: "coverage-order", name: "order", label: "Billing order", [("1", "Primary"), ("2", "Secondary"), ("3", "Tertiary")],
                               selected: f.order, error: f.orderError, describeError: false))\
            \(HTML.chartInput(id: "coverage-start", name: "start", label: "Start (optional)", f.start, type: "date", describeError: false))\
            \(HTML.chartInput(id: "coverage-end", name: "end", label: "End (optional)", f.end, type: "date"))\
                </div>
                <button type="submit" id="add-coverage">Add coverage</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }

    var allergySection: HTML {
        var html: HTML = """
        <section class="card" id="allergies">
          <h2>Allergies</h2>
          \(if: allergies.isEmpty, "<p class=\"empty\">No allergies recorded. Ask about drugs, foods, latex and contrast; record each here.</p>")\
        \(if: !allergies.isEmpty, { "<ul>\(each: allergies, { a in "<li><strong>\(a.substance)</strong> — \(a.severity)\(a.reaction, { " (\($0))" })</li>" })</ul>" })

        """
        if canWrite {
            html += """
              <form method="post" action="\(allergyHref)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">
            \(HTML.chartInput(id: "allergy-substance", name: "substance", label: "Substance", allergyForm.substance))\
            \(HTML.chartInput(id: "allergy-reaction", name: "reaction", label: "Reaction (optional)", allergyForm.reaction, placeholder: "Hives", describeError: false))\
            \(HTML.chartSelect(id: "allergy-severity", name: "severity", label: "Severity", [("mild", "Mild"), ("moderate", "Moderate"), ("severe", "Severe")],
                               selected: allergyForm.severity, error: allergyForm.severityError, choose: true))\
                </div>
                <button type="submit" id="add-allergy">Add allergy</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }

    var diagnosisSection: HTML {
        var html: HTML = """
        <section class="card" id="diagnoses">
          <h2>Diagnoses</h2>

        """
        if diagnoses.isEmpty {
            html += "  <p class=\"empty\">No diagnoses coded yet. Add the primary diagnosis (the chief reason for home health) first.</p>\n"
        } else {
            html += HTML.table(Self.diagnosisColumns, rows: diagnoses) { d in ["<code>\(d.code)</code>", "\(d.title)", "\(d.rank)", "\(d.onset)"] }
            html += "\n"
        }
        if canWrite {
            let f = diagnosisForm
            html += """
              <form method="post" action="\(diagnosisHref)" novalidate>
                \(csrf: shell.csrfToken)
                <datalist id="icd10-codes">\(each: codeOptions, { "<option value=\"\($0.value)\">\($0.label)</option>" })</datalist>
                <div class="grid">
            \(HTML.chartInput(id: "diagnosis-code", name: "code", label: "ICD-10-CM code (its official description is filled in)", f.code,
                              list: "icd10-codes", extra: " autocapitalize=\"characters\""))\
            \(HTML.chartSelect(id: "diagnosis-rank", name: "rank", label: "Rank", [("primary", "Primary"), ("secondary", "Secondary")], selected: f.rank,
                               error: f.rankError, describeError: false))\
            \(HTML.chartInput(id: "diagnosis-onset", name: "onset", label: "Onset (optional)", f.onset, type: "date"))\
                </div>
                <button type="submit" id="add-diagnosis">Add diagnosis</button>
              </form>

            """
        }
        html += "</section>\n"
        return html
    }

    var careTeamSection: HTML {
        """
        <section class="card" id="care-team">
          <h2>Care team</h2>
          \(if: careTeam.isEmpty, "<p class=\"empty\">No one on the care team yet. Nurses, therapists and aides assigned to this patient will appear here.</p>")\
        \(if: !careTeam.isEmpty, { """
          <ul class="team">
            \(each: careTeam, { m in """
        <li>\(m.name) — \(m.teamRole)\(m.removeHref, { "\n      <form method=\"post\" action=\"\($0)\" class=\"inline\">\(csrf: shell.csrfToken)<button type=\"submit\" class=\"link\">Remove</button></form>" })</li>

        """ })
          </ul>
        """ })
          \(if: !outsideContacts.isEmpty, { "<h3>Outside the agency</h3><ul class=\"records\">\(each: outsideContacts, HTML.profileLine)</ul>" })
          \(careTeamHref, { "<p><a href=\"\($0)\" id=\"add-team-member-link\">Add a team member</a> · <a href=\"\(profileHref)#outside-contacts\">Add an outside contact</a></p>" })
        </section>

        """
    }
}
