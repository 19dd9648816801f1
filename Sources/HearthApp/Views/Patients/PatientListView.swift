extension PatientListPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <div class="titlebar">
          <h1>Patients</h1>
          \(if: canRegister, { "<a class=\"button\" href=\"\(newPatientHref)\">Register a patient</a>" })
        </div>
        <form method="get" action="\(SiteURL.patients.path)" class="search" role="search">
          <label for="q">Find a patient by name, MRN, date of birth (YYYY-MM-DD) or phone</label>
          <div class="row"><input id="q" name="q" value="\(query)" type="search"><button type="submit">Search</button></div>
        </form>
        \(emergencyHref, { "<p class=\"hint\" id=\"emergency-find-link\">Not on your list and needs you now? <a href=\"\($0)\">Emergency access</a>: find the patient by MRN, or by name and date of birth.</p>" })

        """
        if rows.isEmpty {
            html += query.isEmpty
                ? "  <p class=\"empty\">No patients yet. Patients appear here when you are their case manager or on their care team.</p>\n"
                : "  <p class=\"empty\">No patient you can see matches “\(query)”. Check the spelling or search by MRN.</p>\n"
        } else {
            html += """
              <p class="sorts">Sort by: \(each: sorts, { "<a href=\"\($0.href)\"\(if: $0.current, " aria-current=\"true\"")>\($0.label)</a> " })</p>
              \(HTML.patientTable(rows))

            """
        }
        html += """
        <nav class="pager" aria-label="Pages">
          \(previousHref, { "<a href=\"\($0)\" rel=\"prev\">Previous</a>" })
          <span>Page \(page)</span>
          \(nextHref, { "<a href=\"\($0)\" rel=\"next\">Next</a>" })
        </nav>
        """
        return html
    }
}
