import Foundation

/// One visit in a list: the day view, the chart's visits card.
struct VisitLine: Encodable, Sendable {
    var href: String
    var date: String
    var time: String
    var patient: String
    var address: String
    var discipline: String
    var clinician: String
    var status: String
    var statusTitle: String
    var todo: [String]
    /// The drive to this visit from the one before (or from home): "4.2 mi, about 8 min".
    var travel: String? = nil
}

/// A clinician's day: visits in time order with addresses and what to do.
struct VisitDayPage: Encodable, Sendable {
    var shell: PageShell
    var heading: String
    var date: String
    var previousHref: String
    var nextHref: String
    var visits: [VisitLine]
    var totalTravel: String?
    var lateNotes: [VisitLine]
}

/// One visit: EVV check-in and check-out, the note with vitals, signing, or recording it as missed.
struct ShortVisit: Encodable, Sendable {
    var minutes: Int
    var reason: String
}

struct VisitPage: Encodable, Sendable {
    var shell: PageShell
    var line: VisitLine
    var chartHref: String
    /// What whoever walks into the home must know first: code status, allergies and open safety alerts.
    var codeStatus: String?
    var allergySummary: String?
    var safetyAlerts: [SafetyAlertLine]
    var canDocument: Bool
    var checkedIn: String?
    var checkedOut: String?
    /// A visit under five minutes from check-in to check-out: its length, and the reason given at signing.
    var shortVisit: ShortVisit?
    var signed: String?
    var missed: String?
    var readings: [String]
    var flags: [String]
    var error: String?
    var visitID: UUID
    var vitals: [InputField]
    var interventions: [FieldOption]
    var response: String
    var teaching: String
    /// An aide supervisory visit [42 CFR 484.80(h)]: the note records whether the aide was there.
    var supervisory: Bool
    var aidePresent: Bool
    var missedFields: [InputField]
    /// Present for users who may change the schedule of a visit not yet started.
    var reschedule: PageForm?
    var cancelAction: String?
    /// Vital signs past the agency's alert thresholds: the safety alert they raised, said above the note.
    var vitalAlert: String? = nil
    /// The alert thresholds as JSON, for the note's script to say a dangerous value beside it as it is typed.
    var vitalThresholds = "[]"
}

/// A week of visits: one row per clinician, one column per day.
struct ScheduleBoardPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var clinician: String
        var days: [[VisitLine]]
    }

    var shell: PageShell
    var week: String
    var previousHref: String
    var nextHref: String
    var days: [String]
    var rows: [Row]
    /// "Plan this day", for those who may plan.
    var planHref: String? = nil
    /// What was just applied from a day's plan.
    var notice: String? = nil
    /// A supervisor's choice of the whole agency or one field team (none when the agency names no teams).
    var teams: [Choice] = []
    /// Everyone with a visit this week in the scope, on every page.
    var clinicianCount = 0
    /// "Clinicians 21–40 of 306" when the week takes more than one page.
    var showing: String? = nil
    var previousPageHref: String? = nil
    var nextPageHref: String? = nil
    /// Every clinician on one page, and back to pages.
    var allHref: String? = nil
    var pagedHref: String? = nil

    struct Choice: Encodable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }
}

/// Why a visit could not be scheduled as asked, and the warnings a scheduler may override.
struct ScheduleConflictPage: Encodable, Sendable {
    var shell: PageShell
    var patient: String
    var blocking: [String]
    var warnings: [String]
    var action: String
    var form: ScheduleController.ScheduleForm
    var backHref: String
}
