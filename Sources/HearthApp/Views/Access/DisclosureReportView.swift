/// One patient's access report: who saw or changed the record, when, from where [45 CFR 164.528].
struct DisclosureReportPage: Sendable {
    struct Row: Sendable {
        var when: String
        var who: String
        var what: String
        var from: String
        var outcome: String
        /// Reached by break-the-glass.
        var emergency: Bool
        /// Through the FHIR API rather than a page.
        var viaAPI: Bool
    }

    var shell: PageShell
    var patient: String
    var mrn: String
    var birthDate: String
    var agency: String
    var chartHref: String
    var action: String
    var printHref: String?
    var filter: AuditTrailFilter
    var generated: String
    var generatedBy: String
    var rows: [Row]
    var previousHref: String?
    var nextHref: String?
    var isPrint = false
    /// The print stopped at its limit: narrow the dates for the rest.
    var cut = false
}

enum DisclosureReportView {
    static func render(_ page: DisclosureReportPage) -> HTML {
        let filter = page.filter
        let fields = [
            InputField(id: "from", name: "from", label: "From", type: "date", value: filter.from, error: filter.errors["from"]),
            InputField(id: "to", name: "to", label: "To", type: "date", value: filter.to, error: filter.errors["to"]),
            InputField(id: "user", name: "user", label: "User (optional)", value: filter.user, hint: "A username, e.g. nurse1"),
        ]
        let period = filter.from.isEmpty && filter.to.isEmpty ? "all dates" : "\(filter.from.isEmpty ? "the start" : filter.from) to \(filter.to.isEmpty ? "today" : filter.to)"
        let columns = ["When", "Who", "What", "From (address)", "Note"].map { TableColumn($0) }
        let table: HTML = page.rows.isEmpty
            ? "<p class=\"empty\" id=\"access-report-empty\">No one saw or changed this record in this period.</p>"
            : HTML.table(id: "access-report-rows", class: "audit", columns, rows: page.rows, rowClass: { "outcome-\($0.outcome)" }) { row in
                ["\(row.when)", "\(row.who)", "\(row.what)", "\(row.from)", note(row)]
            }
        let controls: HTML = page.isPrint
            ? "<p class=\"no-print\"><a href=\"\(page.action)\">← Back to the report</a> · <button type=\"button\" onclick=\"window.print()\">Print</button></p>"
            : """
            <p><a href="\(page.chartHref)">← Back to the chart</a>\(page.printHref, { " · <a class=\"button secondary\" id=\"access-report-print\" href=\"\($0)\">Print version</a>" })</p>
            <form method="get" action="\(page.action)" class="card filters" id="access-report-filters" novalidate>
              <div class="grid">\(fields.map(HTML.field))</div>
              <button type="submit">Show</button>
            </form>
            """
        let body: HTML = """
        \(controls)
        <article class="access-report" id="access-report">
          <h1>Access report: \(page.patient)</h1>
          <p>MRN \(page.mrn) · born \(page.birthDate) · \(page.agency)</p>
          <p class="lede">Who saw or changed this patient's record, when, from which address and doing what, for \(period): every page, change, print, API read and refusal in the audit trail [45 CFR 164.528]. Prepared \(page.generated) by \(page.generatedBy).</p>
          \(table)
          \(if: page.cut, "<p class=\"form-error\">Cut at 5,000 rows: choose narrower dates for the rest.</p>")
        </article>
        <nav class="pager" aria-label="Pages">\(page.previousHref, { "<a href=\"\($0)\" rel=\"prev\">Newer</a> " })\(page.nextHref, { "<a href=\"\($0)\" rel=\"next\">Older</a>" })</nav>
        """
        return Layout.page(page.shell, body)
    }

    private static func note(_ row: DisclosureReportPage.Row) -> HTML {
        "\(if: row.emergency, "<span class=\"flag flag-emergency\">Emergency access</span> ")\(if: row.viaAPI, "through the API")"
    }
}
