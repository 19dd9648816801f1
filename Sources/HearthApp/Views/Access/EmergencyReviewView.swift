import Foundation
import HearthCore

/// The supervisor's review of emergency accesses: the ones to review (open and ended), then the reviewed.
struct EmergencyReviewPage: Sendable {
    struct Line: Sendable {
        var id: UUID
        var user: String
        var patient: String
        var mrn: String
        var chartHref: String
        var reason: String
        var started: String
        var end: String
        var state: EmergencyAccessGrant.State
        /// The patient's access report for the access's days and user: what was opened.
        var disclosuresHref: String
        var reviewAction: String?
        var review: String?
    }

    /// A review refused for its note: shown beside that access's field, with what was typed.
    struct Refusal: Sendable {
        var accessID: UUID
        var note: String
        var error: String
    }

    var shell: PageShell
    var toReview: [Line]
    var reviewed: [Line]
    var previousHref: String?
    var nextHref: String?
    var refused: Refusal?
    var notice: String?
}

enum EmergencyReviewView {
    static func render(_ page: EmergencyReviewPage) -> HTML {
        Layout.page(page.shell, """
        <h1>Emergency access review</h1>
        <p class="lede">Every time someone opened a chart that is not theirs by breaking the glass: who, which patient, why, for how long, and what they opened. Review each one with a note [45 CFR 164.312(a)(2)(ii), 164.308(a)(1)(ii)(D)].</p>
        \(page.notice, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
        <section id="emergency-to-review">
          <h2>To review (\(page.toReview.count))</h2>
          \(if: page.toReview.isEmpty, "<p class=\"empty\">Nothing to review. Emergency accesses appear here as soon as they are opened.</p>")
          \(each: page.toReview, { card($0, page: page) })
        </section>
        <section id="emergency-reviewed">
          <h2>Reviewed</h2>
          \(if: page.reviewed.isEmpty, "<p class=\"empty\">None reviewed yet.</p>")
          \(each: page.reviewed, { card($0, page: page) })
          <nav class="pager" aria-label="Pages">\(page.previousHref, { "<a href=\"\($0)\" rel=\"prev\">Newer</a> " })\(page.nextHref, { "<a href=\"\($0)\" rel=\"next\">Older</a>" })</nav>
        </section>
        """)
    }

    private static func card(_ line: EmergencyReviewPage.Line, page: EmergencyReviewPage) -> HTML {
        let anchor = "access-" + line.id.uuidString.lowercased()
        let flag: HTML = switch line.state {
        case .open: "<span class=\"flag flag-emergency\">Open</span>"
        case .awaitingReview: "<span class=\"flag flag-overdue\">Ended, to review</span>"
        case .reviewed: "<span class=\"flag\">Reviewed</span>"
        }
        let refusal = page.refused?.accessID == line.id ? page.refused : nil
        return """
        <article class="card emergency-access" id="\(anchor)">
          <h3>\(line.user) opened <a href="\(line.chartHref)">\(line.patient)</a> <small class="mrn">MRN \(line.mrn)</small> \(flag)</h3>
          <dl>
            <div><dt>Reason</dt><dd class="emergency-reason">\(line.reason)</dd></div>
            <div><dt>From</dt><dd>\(line.started)</dd></div>
            <div><dt>\(line.state == .open ? "Until" : "Ended")</dt><dd>\(line.end)</dd></div>
            \(line.review, { "<div><dt>Review</dt><dd class=\"emergency-review-note\">\($0)</dd></div>" })
          </dl>
          <p><a href="\(line.disclosuresHref)" class="what-was-opened">What they opened and changed</a></p>
          \(line.reviewAction, { action in reviewForm(action, refusal: refusal, anchor: anchor, csrf: page.shell.csrfToken) })
        </article>
        """
    }

    private static func reviewForm(_ action: String, refusal: EmergencyReviewPage.Refusal?, anchor: String, csrf: String) -> HTML {
        let field = InputField(id: anchor + "-note", name: "note", label: "Review note", type: "textarea", value: refusal?.note ?? "",
                               error: refusal?.error, hint: "What you found: justified, or what you did about it.", wide: true)
        return """
        <form method="post" action="\(action)" class="emergency-review-form" novalidate>
            \(csrf: csrf)
            \(HTML.field(field))
            <button type="submit">Mark reviewed</button>
          </form>
        """
    }
}
