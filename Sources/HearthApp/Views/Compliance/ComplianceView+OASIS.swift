/// One OASIS transmission CMS rejected whose assessment has not been accepted since: it stays owed [42 CFR 484.45(a)].
struct RejectedTransmission: Encodable, Sendable {
    var patient: String
    var href: String
    var assessment: String
    var rejectedOn: String
    var reason: String
}

extension CompliancePage {
    static let rejectedColumns = [TableColumn("Patient"), TableColumn("OASIS assessment"), TableColumn("Rejected"), TableColumn("CMS's reason")]

    /// Rejections stay on the page until the corrected assessment is accepted, so a supervisor sees them beside what is due.
    var rejectedTransmissions: HTML {
        guard !rejected.isEmpty else { return "" }
        var html: HTML = """
        <section class="card" id="oasis-rejected">
          <h2>OASIS transmissions rejected (\(rejected.count))</h2>
          <p class="meta">Still owed within 30 days of completing the assessment (42 CFR 484.45(a)): correct it and transmit again, then record the acceptance on the chart.</p>

        """
        html += HTML.table(Self.rejectedColumns, rows: rejected) { row in
            ["<a href=\"\(row.href)\">\(row.patient)</a>", "\(row.assessment)", "\(row.rejectedOn)", "\(row.reason)"]
        }
        html += "\n</section>\n"
        return html
    }
}
