extension CompliancePage: HTMLPage {
    static let columns = [TableColumn("Status"), TableColumn("Patient"), TableColumn("Obligation"), TableColumn("Due"), TableColumn("Case manager"), TableColumn("Rule")]
    static let staffColumns = [TableColumn("Status"), TableColumn("Staff member"), TableColumn("What"), TableColumn("Due"), TableColumn("Rule")]

    var body: HTML {
        var html = HTML(capacity: 1_024 + rows.count * 600)
        html += HTML.safetyAlerts(safetyAlerts)
        html += """
        <h1>\(heading)</h1>
        <p class="lede">Every deadline is computed by the regulatory clock from each episode's events and signed records. Open a patient to see why a deadline is due.</p>
        <details class="card filters" id="compliance-filters" data-open-wide\(if: filterError != nil || managerError != nil, " open")>
        <summary>Filter: \(shows.first(where: \.selected)?.label ?? "Overdue")\(rules.first(where: \.selected).map { " · \($0.label)" } ?? "")\(if: !manager.isEmpty, { " · \(manager)" })</summary>
        <form method="get" action="\(SiteURL.compliance)">
          <div class="grid">
            <div class="field"><label for="show">Show</label>
              <select id="show" name="show">\(options(shows))</select></div>
            <div class="field"><label for="rule">Rule</label>
              <select id="rule" name="rule"><option value="">Every rule</option>\(options(rules))</select></div>
            \(if: agencyWide, { managerField })
            <div class="field\(if: filterError != nil, " invalid")"><label for="minDays">At least this many days overdue</label>
              <input id="minDays" name="minDays" inputmode="numeric" value="\(minDays)"\(if: filterError != nil, " aria-invalid=\"true\" aria-describedby=\"minDays-error\"")>
              \(filterError, { "<p class=\"field-error\" id=\"minDays-error\">\($0)</p>" })</div>
          </div>
          <button type="submit" id="filter-compliance">Filter</button>
        </form>
        </details>

        """
        if rows.isEmpty {
            html += "<p class=\"empty\" id=\"no-deadlines\">Nothing matches: no outstanding deadlines of this kind. Try \"Everything outstanding\".</p>\n"
        } else {
            html += HTML.table(class: "compliance", Self.columns, rows: rows) { row in
                ["<span class=\"flag flag-\(row.state)\">\(row.status)</span>", "<a href=\"\(row.href)\">\(row.patient)</a> <small>\(row.mrn)</small>",
                 "\(row.obligation)", "\(row.due)", row.caseManager.map { "\($0)" } ?? "<em>unassigned</em>", "<small>\(row.citation)</small>"]
            }
        }
        html += """

        <nav class="pager" aria-label="Pages">
          \(previousHref, { "<a href=\"\($0)\" rel=\"prev\">Previous</a>" })
          \(nextHref, { "<a href=\"\($0)\" rel=\"next\">Next</a>" })
        </nav>

        """
        html += rejectedTransmissions
        if agencyWide { html += staffClock }
        return html
    }

    private var managerField: HTML {
        """
        <div class="field\(if: managerError != nil, " invalid")"><label for="manager">Case manager (name, or part of it)</label>
              <input id="manager" name="manager" value="\(manager)" placeholder="Every case manager"\(if: managerError != nil, " aria-invalid=\"true\" aria-describedby=\"manager-error\"")>
              \(managerError, { "<p class=\"field-error\" id=\"manager-error\">\($0)</p>" })</div>
        """
    }

    private var staffClock: HTML {
        var html: HTML = """
        <section class="card" id="staff-clock">
          <h2>Staff: credentials and aide observations</h2>

        """
        if staff.isEmpty {
            html += "  <p class=\"empty\">No license or certification lapses and no aide observation due in the next 60 days.</p>\n"
        } else {
            html += HTML.table(Self.staffColumns, rows: staff) { row in
                ["<span class=\"flag flag-\(row.state)\">\(row.status)</span>", "<a href=\"\(row.href)\">\(row.name)</a>", "\(row.what)", "\(row.due)",
                 "<small>\(row.citation)</small>"]
            }
        }
        html += "\n</section>\n"
        return html
    }

    private func options(_ options: [FieldOption]) -> HTML {
        "\(each: options, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })"
    }
}
