/// The audit trail, filtered: who did what, to which patient (by name and MRN), when, from where.
struct AuditPage: Sendable {
    struct Row: Sendable {
        var sequence: String
        var occurredAt: String
        var actor: String
        var action: String
        var outcome: String
        var patientName: String?
        var mrn: String?
        var resource: String?
        var sourceIP: String?
        var detail: String?
    }

    var shell: PageShell
    var filter: AuditTrailFilter
    var outcomes: [String]
    var rows: [Row]
    var previousHref: String?
    var nextHref: String?
    var exportHref: String?
}

enum AuditView {
    static func render(_ page: AuditPage) -> HTML {
        let filter = page.filter
        let fields = [
            InputField(id: "from", name: "from", label: "From", type: "date", value: filter.from, error: filter.errors["from"]),
            InputField(id: "to", name: "to", label: "To", type: "date", value: filter.to, error: filter.errors["to"]),
            InputField(id: "patient", name: "patient", label: "Patient (MRN or name)", value: filter.patient, error: filter.errors["patient"]),
            InputField(id: "user", name: "user", label: "User", value: filter.user, hint: "A username, e.g. jdoe"),
            InputField(id: "action", name: "action", label: "Action", value: filter.action, hint: "Starts with, e.g. patient. or user."),
            InputField(id: "outcome", name: "outcome", label: "Outcome", type: "select",
                       options: page.outcomes.map { FieldOption(value: $0, label: $0, selected: $0 == filter.outcome) }),
        ]
        let columns = ["#", "When", "User", "Action", "Outcome", "Patient", "Record", "From", "Detail"].map { TableColumn($0) }
        let export: HTML = page.exportHref.map { "<a class=\"button secondary\" id=\"export-csv\" href=\"\($0)\">Export CSV</a>" } ?? HTML()
        let table: HTML = page.rows.isEmpty
            ? "<p class=\"empty\">No audit records match these filters.</p>"
            : HTML.table(id: "audit", class: "audit", columns, rows: page.rows, rowClass: { "outcome-\($0.outcome)" }) { row in
                [
                    "\(row.sequence)", "\(row.occurredAt)", "\(row.actor)", "\(row.action)", "\(row.outcome)",
                    patient(row), "\(row.resource)", "\(row.sourceIP)", "\(row.detail)",
                ]
            }
        var pager: HTML = "<nav class=\"pager\" aria-label=\"Pages\">"
        if let href = page.previousHref { pager += "<a href=\"\(href)\" rel=\"prev\">Newer</a> " }
        if let href = page.nextHref { pager += "<a href=\"\(href)\" rel=\"next\">Older</a>" }
        pager += "</nav>"
        let body: HTML = """
        <h1>Audit trail</h1>
        <p class="lede">Every sign-in, every read and change of patient data, every refusal and every administrator action. Newest first. Records are sealed into a SHA-256 chain within seconds; <code>hearth audit verify</code> checks it.</p>
        <form method="get" action="\(SiteURL.admin(.audit).path)" class="card filters" id="audit-filters">
          <div class="grid">\(fields.map(HTML.field))</div>
          <button type="submit">Filter</button>
          \(export)
        </form>
        \(table)
        \(pager)
        """
        return Layout.page(page.shell, body)
    }

    private static func patient(_ row: AuditPage.Row) -> HTML {
        guard let name = row.patientName else { return HTML() }
        guard let mrn = row.mrn, !mrn.isEmpty else { return "\(name)" }
        return "\(name) <small class=\"mrn\">MRN \(mrn)</small>"
    }
}
