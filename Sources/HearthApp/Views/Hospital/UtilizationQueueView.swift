extension ReviewQueuePage: HTMLPage {
    static let columns = [TableColumn("#", numeric: true), TableColumn("Patient"), TableColumn("Unit and bed"), TableColumn("Status"),
                          TableColumn("Why now"), TableColumn("Last review"), TableColumn("Payer days")]

    /// A reason's badge colour: status and hours first, then reviews and payer days, then the rest.
    static func flag(_ reason: String) -> String {
        switch reason {
        case "wrong_status", "observation_hours": "overdue"
        case "review_overdue", "payer_days": "due_soon"
        default: "upcoming"
        }
    }

    var body: HTML {
        var html: HTML = """
        <h1>\(heading)</h1>
        <p id="queue-summary">\(summary)</p>
        <nav class="tabs" aria-label="Utilization review"><ul>\(each: reportLinks, { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" })</ul></nav>

        """
        if rows.isEmpty {
            html += "<p class=\"empty\" id=\"queue-empty\">No stay needs review now. Stays appear here when a review is due, observation nears 24 or 48 hours, payer days run out or the status may be wrong.</p>\n"
            return html
        }
        html += "<section class=\"card\" id=\"review-queue\">\n"
        html += HTML.table(id: "queue", Self.columns, rows: rows, rowID: { $0.stay.id }) { row in
            ["\(row.rank)"] + row.stay.cells(linkClass: "queue-stay") + [
             "<ul class=\"reasons\">\(each: row.reasons, { r in "<li class=\"reason-\(r.reason)\"><span class=\"flag flag-\(Self.flag(r.reason))\">\(r.title)</span> <small>\(r.explanation) [\(r.citation)]</small></li>" })</ul>",
             "\(row.lastReview)",
             "\(row.payerDays)"]
        }
        html += "\n</section>\n"
        return html
    }
}
