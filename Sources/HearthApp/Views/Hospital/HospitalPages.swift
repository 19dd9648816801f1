/// The hospital case manager's home: her units' current stays with status, midnights, EDD and the notices due.
struct HospitalUnitListPage: Sendable {
    struct Row: Sendable {
        var id: String
        var href: String
        var name: String
        var mrn: String
        var bed: String
        var status: String
        /// `inpatient`, `observation`, `outpatient_in_bed`: the badge's colour.
        var statusClass: String
        var midnights: Int
        var expectedDischarge: String
        /// "IM overdue 1 day · MOON due 2026-12-02 21:00", or "None due".
        var noticesDue: String
        /// The worst notice state's class (`overdue`, `due_soon`, `open`, `met`).
        var noticeClass: String
        /// Two-midnight and SNF warnings, in a few words each.
        var warnings: [String]
    }

    struct Unit: Sendable {
        var code: String
        var name: String
        var hospital: String
        var rows: [Row]
    }

    var shell: PageShell
    var units: [Unit]
    /// Counts across her units for the line under the heading.
    var summary: String
}

/// One stay: who and where, the clocks and checks, the notices with the form that records a delivery, the status
/// timeline with the form that changes it, the expected discharge and the discharge.
struct HospitalStayPage: Sendable {
    struct Fact: Sendable {
        var label: String
        var value: String
    }

    struct Check: Sendable {
        var id: String
        var title: String
        var level: String
        var explanation: String
    }

    struct NoticeLine: Sendable {
        var kind: String
        var title: String
        var status: String
        var flagClass: String
        var explanation: String
        /// Where "Record delivery" goes: the form, with this notice chosen; nil once met or not applicable.
        var deliverHref: String?
    }

    struct Delivered: Sendable {
        var title: String
        var when: String
        var outcome: String
        var recipient: String
        var by: String
        var note: String?
    }

    struct TimelineLine: Sendable {
        var status: String
        var from: String
        var until: String
        var detail: String
    }

    var shell: PageShell
    var name: String
    var backHref: String
    var facts: [Fact]
    var checks: [Check]
    var notices: [NoticeLine]
    var delivered: [Delivered]
    var timeline: [TimelineLine]
    var discharged: Bool
    var noticeForm: PageForm
    var statusForm: PageForm
    var dischargeDateForm: PageForm
    var dischargeForm: PageForm
    /// False for a reader who may not change the stay (the UR nurse): the page shows no form she would be refused.
    var canWrite = true
    /// The form the last refusal came from, so the page opens at it.
    var refusedForm: String?
    var reviewHref: String? = nil
    var dischargePlan: DischargePlanSection?
}
