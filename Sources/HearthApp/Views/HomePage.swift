import Foundation
import HearthCore

/// The first page after log-in: what this role's day holds.
struct HomePage: Encodable, Sendable {
    struct Panel: Encodable, Sendable {
        var heading: String
        /// What will appear here, said to the user while it is empty.
        var emptyState: String
        var items: [Item] = []
        /// The page this panel summarises.
        var moreHref: String? = nil
        var moreText: String? = nil
        var id: String? = nil
    }

    /// A task or deadline on the worklist.
    struct Item: Encodable, Sendable {
        var text: String
        var detail: String
        /// Empty when the item is only reported, with nothing the user may open (a decided referral).
        var href: String
        var flag: String
        var flagClass: String
        /// Where "Done" posts, for tasks.
        var doneAction: String? = nil
        var csrfToken: String? = nil
        /// A button that leads to where the item is dealt with ("Correct and resend"), instead of "Done".
        var actionLabel: String? = nil
    }

    var shell: PageShell
    var heading: String
    var intro: String
    /// Open safety alerts, above everything else on the page.
    var safetyAlerts: [SafetyAlertLine] = []
    var panels: [Panel]
    var counts: [CaseloadCount]
    /// The user's patients (case manager's caseload, clinician's care-team patients); nil for agency-wide roles.
    var patients: PatientPanel?

    struct PatientPanel: Encodable, Sendable {
        var heading: String
        var rows: [PatientRow]
        var moreHref: String
    }
}

struct CaseloadCount: Encodable, Sendable {
    var caseManager: String
    var patients: Int
}

struct PatientRow: Encodable, Sendable {
    var href: String
    var name: String
    var mrn: String
    var birthDate: String
    var age: Int?
    var caseManager: String?
    var episodeStatus: String?
    var episodeTitle: String?
    /// Days left in the certification period, or how long ago it lapsed.
    var certification: String?
    var recertification: String?
    /// Regulatory deadlines past due, and those due within two days.
    var overdue = 0
    var dueSoon = 0
    /// Running 30-day periods at LUPA risk: the case manager books visits before the period ends.
    var lupaAtRisk = 0
    /// Medicines whose refill is due, and those already run out.
    var refillsDue = 0
    var refillsOverdue = 0
}
