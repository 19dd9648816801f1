extension HospitalUnitListPage: HTMLPage {
    static let columns = [TableColumn("Bed"), TableColumn("Patient"), TableColumn("Status"), TableColumn("Midnights", numeric: true),
                          TableColumn("Expected discharge"), TableColumn("Notices due"), TableColumn("Warnings")]

    /// The badge colour for a status: observation and outpatient stand out from inpatient.
    static func statusFlag(_ status: String) -> String {
        switch status {
        case "inpatient": "ok"
        case "observation": "due_soon"
        default: "upcoming"
        }
    }

    var body: HTML {
        var html: HTML = """
        <h1>My units</h1>
        <p id="unit-summary">\(summary)</p>

        """
        if units.isEmpty {
            html += "<p class=\"empty\" id=\"no-units\">You are not assigned to a hospital unit yet. Ask an administrator to assign you to your units.</p>\n"
        }
        for unit in units {
            html += """
            <section class="card" id="unit-\(unit.code)">
              <h2>\(unit.code): \(unit.name) <small>\(unit.hospital)</small></h2>

            """
            if unit.rows.isEmpty {
                html += "  <p class=\"empty\">No current stays on this unit.</p>\n"
            } else {
                html += HTML.table(id: "stays-\(unit.code)", Self.columns, rows: unit.rows, rowID: { $0.id }) { row in
                    ["\(row.bed)",
                     "<a href=\"\(row.href)\">\(row.name)</a> <small>\(row.mrn)</small>",
                     "<span class=\"flag flag-\(Self.statusFlag(row.statusClass))\">\(row.status)</span>",
                     "\(row.midnights)",
                     "\(row.expectedDischarge)",
                     "<span class=\"flag flag-\(row.noticeClass)\">\(row.noticesDue)</span>",
                     "\(each: row.warnings, { "<span class=\"flag flag-overdue\">\($0)</span> " })"]
                }
                html += "\n"
            }
            html += "</section>\n"
        }
        return html
    }
}
