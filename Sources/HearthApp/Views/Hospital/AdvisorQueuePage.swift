/// The physician advisor's queue: the stays referred to them that wait for a determination, oldest first, then their
/// latest determinations, so they can find a stay they answered (to read the notice's state or the attending's reply).
struct AdvisorQueuePage: Sendable {
    struct Row: Sendable {
        var stay: StayQueueCells
        var question: String
        var referred: String
        var waiting: String
    }

    struct Answered: Sendable {
        var stay: StayQueueCells
        var question: String
        var determination: String
        var determined: String
    }

    var shell: PageShell
    var summary: String
    var rows: [Row]
    var answered: [Answered]
}

extension AdvisorQueuePage: HTMLPage {
    static let columns = ["Patient", "Unit and bed", "Status", "Question", "Referred", "Waiting"].map { TableColumn($0) }
    static let answeredColumns = ["Patient", "Unit and bed", "Status", "Question", "Determination", "Determined"].map { TableColumn($0) }

    var body: HTML {
        var html: HTML = """
        <h1>Advisor referrals</h1>
        <p id="advisor-summary">\(summary)</p>

        """
        if rows.isEmpty {
            html += "<p class=\"empty\" id=\"advisor-queue-empty\">No referral waits for you. Stays appear here when a UR nurse refers one whose criteria are not met.</p>\n"
        } else {
            html += "<section class=\"card\" id=\"advisor-referrals\">\n"
            html += HTML.table(id: "advisor-queue", Self.columns, rows: rows, rowID: { $0.stay.id }) { row in
                row.stay.cells(linkClass: "advisor-stay") + ["\(row.question)", "\(row.referred)", "\(row.waiting)"]
            }
            html += "\n</section>\n"
        }
        guard !answered.isEmpty else { return html }
        html += "<section class=\"card\" id=\"advisor-answered\">\n<h2>Your latest determinations</h2>\n"
        html += HTML.table(id: "advisor-answered-list", Self.answeredColumns, rows: answered, rowID: { $0.stay.id }) { row in
            row.stay.cells(linkClass: "advisor-stay") + ["\(row.question)", "\(row.determination)", "\(row.determined)"]
        }
        html += "\n</section>\n"
        return html
    }
}
