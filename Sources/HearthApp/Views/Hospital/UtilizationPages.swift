/// A stay as a queue row names it: the patient linked to the page that works it, the unit and bed, the status.
struct StayQueueCells: Sendable {
    var id: String
    var href: String
    var name: String
    var mrn: String
    var unitBed: String
    var status: String
    var statusClass: String

    /// The patient, unit and bed, and status cells; `linkClass` marks the link tests and scripts look for.
    func cells(linkClass: String) -> [HTML] {
        ["<a href=\"\(href)\" class=\"\(linkClass)\">\(name)</a> <small>\(mrn)</small>", "\(unitBed)",
         "<span class=\"flag flag-\(HospitalUnitListPage.statusFlag(statusClass))\">\(status)</span>"]
    }
}

/// The UR nurse's ranked queue: each stay that needs review, the most urgent first, with its reasons.
struct ReviewQueuePage: Sendable {
    struct Reason: Sendable {
        var reason: String
        var title: String
        var explanation: String
        var citation: String
    }

    struct Row: Sendable {
        var rank: Int
        var stay: StayQueueCells
        var score: Int
        var reasons: [Reason]
        var lastReview: String
        var payerDays: String
    }

    var shell: PageShell
    var heading: String
    var summary: String
    var rows: [Row]
    var reportLinks: [(label: String, href: String)]
}

/// One stay's utilization review: what the criteria say, LOS vs GMLOS, the reviews, the payer log, denials and appeals,
/// avoidable days and advisor referrals, each with the form that records the next one.
struct StayReviewPage: Sendable {
    struct Finding: Sendable {
        var title: String
        var met: String
        var citation: String
        var explanation: String
    }

    struct Line: Sendable {
        var cells: [String]
    }

    struct Appeal: Sendable {
        var level: String
        var filed: String
        var deadline: String
        var outcome: String
        var detail: String
    }

    struct Denial: Sendable {
        var id: String
        var title: String
        var reason: String
        var appeals: [Appeal]
        /// "Redetermination by 2027-04-01 (42 CFR 405.942(a))", or why nothing more can be filed.
        var next: String
        var appealForm: PageForm?
        var decisionForm: PageForm?
    }

    var shell: PageShell
    var name: String
    var stayHref: String
    var queueHref: String
    var facts: [(label: String, value: String)]
    var criteriaSource: String
    var findings: [Finding]
    var queueReasons: [ReviewQueuePage.Reason]
    var reviews: [Line]
    var communications: [Line]
    var denials: [Denial]
    var avoidable: [Line]
    var avoidableTotal: String
    var referrals: [Line]
    var canReview: Bool
    var reviewForm: PageForm
    var nextReviewHint: String
    var payerForm: PageForm
    var denialForm: PageForm
    var avoidableForm: PageForm
    var advisorForm: PageForm
    /// The roster's state for this stay's hospital: who is on it, or what it lacks [42 CFR 482.30(b)].
    var committeeNote: String
    /// The signed-in advisor's open referrals on this stay, each with the form that records the determination.
    var determinationForms: [DeterminationForm]
    var refusedForm: String?

    struct DeterminationForm: Sendable {
        var id: String
        var question: String
        var form: PageForm
    }
}

/// A report over the stays in the user's scope: a table that reflows on a phone and a bar chart of the same numbers.
struct UtilizationReportPage: Sendable {
    struct Bar: Sendable {
        var label: String
        var value: Int
        var shown: String
    }

    var shell: PageShell
    var heading: String
    var summary: String
    var chartTitle: String
    var bars: [Bar]
    var tables: [(id: String, title: String, columns: [TableColumn], rows: [[String]])]
    var backHref: String
}
