import Foundation

/// One medication as the profile lists it.
struct MedicationRow: Encodable, Sendable {
    var id: String
    var href: String
    var name: String
    /// "Anticoagulant": the drug is on the high-alert list.
    var highAlert: String?
    var sig: String
    var administeredBy: String
    var prescriber: String
    var dates: String
    /// "Refill due 2026-11-28 (5 days left)" and its state: ok, due, overdue, or "" when no supply is recorded.
    var refill: String
    var refillState: String
    /// A recorded allergy this medication conflicts with, one finding each (also one recorded after it was added).
    var allergyWarnings: [String] = []
    /// "Saved despite a safety warning by Carla Case, 2026-12-02: Dr. Patel confirmed by phone".
    var overrides: [String] = []
}

/// A form on a page: where it posts, its fields with their errors, and the message over it when it was refused.
struct PageForm: Encodable, Sendable {
    var action: String
    var fields: [InputField]
    var error: String?

    /// The line above a refused form: "Nothing was saved: 2 things need attention below."; nil when nothing was refused.
    static func refusal(_ problems: [String: String]) -> String? {
        problems.isEmpty ? nil : "Nothing was saved: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") attention below."
    }
}

/// The medications tab: the profile, reconciliations, today's MAR, adherence, side effects and teaching.
struct MedicationsPage: Encodable, Sendable {
    struct Reconciliation: Encodable, Sendable {
        var href: String
        var title: String
        var status: String
        var statusTitle: String
        var when: String
    }

    struct Note: Encodable, Sendable {
        var when: String
        var text: String
        var detail: String
        var state: String
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var marHref: String
    var canWrite: Bool
    var canDocument: Bool
    var current: [MedicationRow]
    var stopped: [MedicationRow]
    var highAlertCount: Int
    /// Current medications that conflict with a recorded allergy.
    var allergyConflicts: Int
    var refillsDue: Int
    var add: PageForm
    /// Why the medication just typed was not added: allergy or duplicate-therapy findings.
    var safetyWarning: SafetyWarning?
    var reconciliations: [Reconciliation]
    var reconcile: PageForm
    var adherence: TrendChart?
    var adherenceSummary: String
    var adherenceChecks: [Note]
    var adherenceForm: PageForm?
    var sideEffects: [Note]
    var sideEffectForm: PageForm
    var teaching: [Note]
    var teachingForm: PageForm
}

/// One medication: its details, the edit and discontinue forms, and its history.
struct MedicationPage: Encodable, Sendable {
    struct Change: Encodable, Sendable {
        var when: String
        var who: String
        var what: String
    }

    var shell: PageShell
    var patientName: String
    var backHref: String
    var line: MedicationRow
    var stopped: Bool
    var canWrite: Bool
    var edit: PageForm
    var discontinue: PageForm
    var history: [Change]
    /// Why the change was not saved: allergy or duplicate-therapy findings.
    var safetyWarning: SafetyWarning? = nil
}

/// A reconciliation: each line paired, classified and flagged, with the case manager's decision.
struct ReconciliationPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var id: String
        var kind: String
        var kindTitle: String
        var home: String?
        var incoming: String?
        var changes: [String]
        var flags: [String]
        var decisions: [FieldOption]
        var decisionTitle: String?
        var note: String
    }

    var shell: PageShell
    var patientName: String
    var backHref: String
    var title: String
    var source: String
    var finished: Bool
    var canWrite: Bool
    var lines: [Line]
    var undecided: Int
    var decideAction: String
    var finishAction: String
    var error: String?
    var orderHref: String?
    var orderStatus: String?
    /// Why finishing was refused: allergy or duplicate-therapy findings on the medications being taken.
    var safetyWarning: SafetyWarning? = nil
}

/// The medication administration record of one day, for medicines an aide or nurse gives.
struct MARPage: Encodable, Sendable {
    struct Slot: Encodable, Sendable {
        /// "08:00", or "Dose 2" when the medication has no set times.
        var time: String
        /// What the form posts as the time: the clock time, or "" for an untimed dose.
        var value: String
        var status: String?
        var statusTitle: String?
        var reason: String?
        var by: String?
        var error: String?
    }

    struct Row: Encodable, Sendable {
        var medicationID: String
        var name: String
        var highAlert: String?
        var sig: String
        var slots: [Slot]
        var asNeeded: Bool
        var prnGiven: [Slot]
    }

    var shell: PageShell
    var patientName: String
    var backHref: String
    var date: String
    var previousHref: String
    var nextHref: String?
    var canDocument: Bool
    var recordAction: String
    var statuses: [FieldOption]
    var rows: [Row]
    var error: String?
}
