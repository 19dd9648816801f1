import Foundation

/// Intake's inbox of referrals hospitals sent over FHIR: what waits for a decision, oldest first, then the last decided.
struct ReferralInboxPage: Sendable {
    struct Row: Sendable {
        var id: String
        var href: String
        var patient: String
        var birthDate: String
        var sender: String
        var received: String
        var startOfCare: String
        var summary: String
        var status: String
        var statusClass: String
    }

    var shell: PageShell
    var waiting: [Row]
    var decided: [Row]
}

/// One referral: who, from whom, what it holds, the registered patients it may be, and the accept and decline forms.
struct ReferralInboxDetailPage: Sendable {
    struct Section: Sendable {
        var id: String
        var title: String
        var lines: [String]
        var empty: String
    }

    struct Match: Sendable {
        var value: String
        /// "Okafor, Mary (MRN 4471…), born 1944-06-02", or a line that names no one when the user may not open the chart.
        var label: String
        var selectable: Bool
    }

    var shell: PageShell
    var backHref: String
    var title: String
    var status: String
    var statusClass: String
    var decision: String?
    var facts: [(label: String, value: String)]
    var sections: [Section]
    var matches: [Match]
    var open: Bool
    var acceptAction: String
    var chosenMatch: String
    var confirmNew: Bool
    var acceptError: String?
    var declineForm: PageForm
    /// The hospital withdrew it: the decision is shown as an alert.
    var withdrawn = false
}
