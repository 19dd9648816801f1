import Foundation
import HearthCore

/// The care plan page: problems → goals → interventions, visit totals, the patient's input, the rest of the
/// CMS-485, versions, and the forms that change it (each form keeps what was typed and its errors).
struct CarePlanPage: Encodable, Sendable {
    struct Goal: Encodable, Sendable {
        var id: String
        var what: String
        var measure: String
        var targetDate: String
        var status: String
        var statusTitle: String
        var statusReason: String?
        var statusAction: String
        var reviseAction: String
        var nextStatuses: [FieldOption]
        var canRevise: Bool
        var error: String?
    }

    struct Intervention: Encodable, Sendable {
        var id: String
        var discipline: String
        var action: String
        var frequency: String
        var prnTrigger: String?
        var frequencyAction: String
        var removeAction: String
        var error: String?
        /// Present only when the user may change the plan: the partial draws its forms with it.
        var csrfToken: String?
    }

    struct Problem: Encodable, Sendable {
        var id: String
        var title: String
        var source: String
        /// The open home hazards behind a "Home safety / fall risk" problem, with a link to them.
        var hazards: [String] = []
        var hazardsHref: String? = nil
        var goals: [Goal]
        var interventions: [Intervention]
    }

    /// One discipline's visits: per week of the period and in total.
    struct Visits: Encodable, Sendable {
        var discipline: String
        var weeks: [String]
        var total: String
        var prn: String
    }

    struct Version: Encodable, Sendable {
        var number: Int
        var when: String
        var who: String
        var summary: [String]
        var href: String
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var printHref: String
    var physician: String
    /// "Period 1 · 2026-11-01 – 2026-12-30", or nil before start of care.
    var period: String?
    /// Why the plan cannot be edited yet (no episode, not admitted, discharged), when it cannot.
    var notice: String?
    var canWrite: Bool
    var version: Int
    var savedBy: String?
    var problems: [Problem]
    /// Interventions not tied to one problem.
    var generalInterventions: [Intervention]
    var weekNumbers: [Int]
    var visits: [Visits]
    var patientInput: PatientFamilyInput
    var versions: [Version]
    var hasErrors: Bool
    var formError: String?
    // Forms
    var actions: Actions
    var problemFields: [InputField]
    var goalFields: [InputField]
    var interventionFields: [InputField]
    var inputFields: [InputField]
    var detailFields: [InputField]
    var detailChecks: [CheckGroup]
    var orders: [Order]
    var sendAction: String
    var verbalAction: String
    var verbalFields: [InputField]
    var verbalOpen: Bool
    var standing = Standing()

    /// Which version is in force (signed) and which is a draft, at the top of the page [42 CFR 484.60(b)(1), (c)(1)].
    struct Standing: Encodable, Sendable {
        /// "Version 2, signed by Dr. X on 2026-12-01 — in force."
        var inForce: String?
        /// Nothing signed yet: what care follows meanwhile and what to do.
        var notSigned: String?
        /// "Version 3 sent to Dr. X on … — awaiting signature."
        var awaiting: String?
        /// "Draft changes, not yet signed (version 4)", when the physician does not have them yet.
        var draft: String?
        var changes: [String] = []
        var sendChangesAction: String?
        var physician = ""
    }

    /// One physician order of this episode, as the case manager follows it.
    struct Order: Encodable, Sendable {
        var href: String
        var summary: String
        var status: String
        var statusTitle: String
        var physician: String
        var sent: String
        var returned: String?
    }

    struct Actions: Encodable, Sendable {
        var problems: String
        var goals: String
        var interventions: String
        var input: String
        var details: String
    }

    /// A set of checkboxes posting the same name (CMS-485 boxes 18A, 18B, 19).
    struct CheckGroup: Encodable, Sendable {
        var name: String
        var legend: String
        var options: [FieldOption]
        var error: String?
    }
}

/// The page's forms as typed, with errors by field; a fresh page has empty ones.
struct CarePlanForms: Sendable {
    var problem: [String: String] = [:]
    var goal: [String: String] = [:]
    var intervention: [String: String] = [:]
    var input: [String: String] = [:]
    var details: [String: String] = [:]
    var verbal: [String: String] = [:]
    var typed: [String: String] = [:]
    /// Errors of the inline forms on one goal or intervention, by its id.
    var itemErrors: [String: String] = [:]
    var formError: String?

    var hasErrors: Bool {
        !(problem.isEmpty && goal.isEmpty && intervention.isEmpty && input.isEmpty && details.isEmpty && verbal.isEmpty && itemErrors.isEmpty) || formError != nil
    }
}

/// The printable plan of care: the CMS-485 boxes, the signature manifest when signed.
struct PlanOfCarePrintPage: Encodable, Sendable {
    var shell: PageShell
    var planHref: String
    var document: PlanOfCareDocument
    var version: Int
    var signature: String?
    /// The plan in force differs from the plan of care as signed (changes since were signed as interim orders, or the
    /// medication profile and diagnoses it prints have changed).
    var signedDocumentDiffers: Bool
    /// "Draft changes (version 5) are not on this plan until the physician signs them."
    var draftNote: String? = nil
}
