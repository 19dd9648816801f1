import Foundation

/// The addresses under one patient, `/patients/<patientID>/…`: the chart and every record kept on it.
enum PatientURL: Hashable, Sendable {
    case chart
    case caseManager, physician, outsidePhysician
    case safetyAlertContact(task: UUID)
    case diagnoses, allergies, coverages
    case profile
    case contacts, removeContact(UUID)
    case directives, removeDirective(UUID)
    case outsideContacts, removeOutsideContact(UUID)
    case carePlan(CarePlanURL)
    case medications(MedicationsURL)
    case visits, generateVisits
    case communications
    case referrals, referral(UUID)
    case homeSafety(HomeSafetyURL)
    case authorizations, teaching
    case assessments
    case assessment(UUID, AssessmentURL = .show)
    case careTeam, removeCareTeamMember(UUID)
    case episodes
    case episode(UUID, EpisodeURL)
    /// Break-the-glass on this patient, and her access report [45 CFR 164.312(a)(2)(ii), 164.528].
    case emergencyAccess, endEmergencyAccess
    case disclosures, printDisclosures

    static var carePlan: PatientURL { .carePlan(.plan) }
    static var medications: PatientURL { .medications(.list) }
    static var homeSafety: PatientURL { .homeSafety(.overview) }

    var segments: [URLSegment] {
        switch self {
        case .chart: []
        case .caseManager: ["case-manager"]
        case .physician: ["physician"]
        case .outsidePhysician: ["physician", "outside"]
        case let .safetyAlertContact(task): ["safety-alerts", .id(task, "taskID"), "contact"]
        case .diagnoses: ["diagnoses"]
        case .allergies: ["allergies"]
        case .coverages: ["coverages"]
        case .profile: ["profile"]
        case .contacts: ["contacts"]
        case let .removeContact(id): ["contacts", .id(id, "itemID"), "remove"]
        case .directives: ["directives"]
        case let .removeDirective(id): ["directives", .id(id, "itemID"), "remove"]
        case .outsideContacts: ["outside-contacts"]
        case let .removeOutsideContact(id): ["outside-contacts", .id(id, "itemID"), "remove"]
        case let .carePlan(page): ["care-plan"] + page.segments
        case let .medications(page): ["medications"] + page.segments
        case .visits: ["visits"]
        case .generateVisits: ["visits", "generate"]
        case .communications: ["communications"]
        case .referrals: ["referrals"]
        case let .referral(id): ["referrals", .id(id, "referralID")]
        case let .homeSafety(page): ["home-safety"] + page.segments
        case .authorizations: ["authorizations"]
        case .teaching: ["teaching"]
        case .assessments: ["assessments"]
        case let .assessment(id, page): ["assessments", .id(id, "assessmentID")] + page.segments
        case .careTeam: ["care-team"]
        case let .removeCareTeamMember(id): ["care-team", .id(id, "memberID"), "remove"]
        case .episodes: ["episodes"]
        case let .episode(id, page): ["episodes", .id(id, "episodeID")] + page.segments
        case .emergencyAccess: ["emergency-access"]
        case .endEmergencyAccess: ["emergency-access", "end"]
        case .disclosures: ["disclosures"]
        case .printDisclosures: ["disclosures", "print"]
        }
    }
}

/// `/patients/<id>/care-plan/…`: the plan, its parts, its versions and the plan of care sent for signature.
enum CarePlanURL: Hashable, Sendable {
    case plan
    case problems, goals, interventions, input, details
    /// Goals and interventions are named by the plan's own ids, which are text.
    case goal(String, GoalAction)
    case intervention(String, InterventionAction)
    case version(Int)
    case send, sendChanges, verbalOrders, print

    enum GoalAction: String, URLWord { case status, revise }
    enum InterventionAction: String, URLWord { case frequency, remove }

    var segments: [URLSegment] {
        switch self {
        case .plan: []
        case .problems: ["problems"]
        case .goals: ["goals"]
        case .interventions: ["interventions"]
        case .input: ["input"]
        case .details: ["details"]
        case let .goal(id, action): ["goals", .value(id, "itemID")] + action.segments
        case let .intervention(id, action): ["interventions", .value(id, "itemID")] + action.segments
        case let .version(number): ["versions", .value(String(number), "number")]
        case .send: ["send"]
        case .sendChanges: ["send-changes"]
        case .verbalOrders: ["verbal-orders"]
        case .print: ["print"]
        }
    }
}

/// `/patients/<id>/medications/…`: the profile, the MAR, reconciliations and one medication.
enum MedicationsURL: Hashable, Sendable {
    case list
    case adherence, sideEffects, teaching
    case administrations
    case reconciliations
    case reconciliation(UUID, ReconciliationAction = .show)
    case medication(UUID, MedicationAction = .show)

    enum ReconciliationAction: String, URLWord { case show = "", decide, finish }
    enum MedicationAction: String, URLWord { case show = "", discontinue }

    var segments: [URLSegment] {
        switch self {
        case .list: []
        case .adherence: ["adherence"]
        case .sideEffects: ["side-effects"]
        case .teaching: ["teaching"]
        case .administrations: ["mar"]
        case .reconciliations: ["reconciliations"]
        case let .reconciliation(id, action): ["reconciliations", .id(id, "reconciliationID")] + action.segments
        case let .medication(id, action): [.id(id, "medicationID")] + action.segments
        }
    }
}

/// `/patients/<id>/home-safety/…`: evaluations of the home and the hazards they found.
enum HomeSafetyURL: Hashable, Sendable {
    case overview, evaluate
    case findings(evaluation: UUID)
    /// A finding by its id as the evaluation stores it, lower-case.
    case finding(String)

    var segments: [URLSegment] {
        switch self {
        case .overview: []
        case .evaluate: ["evaluate"]
        case let .findings(evaluation): ["evaluations", .id(evaluation, "evaluationID"), "findings"]
        case let .finding(id): ["findings", .value(id, "findingID")]
        }
    }
}

/// `/patients/<id>/assessments/<assessmentID>/…`: filling in, reviewing and signing one assessment.
enum AssessmentURL: Hashable, Sendable {
    case show
    case section(String)
    case autosave, review, sign, amend, upgrade

    var segments: [URLSegment] {
        switch self {
        case .show: []
        case let .section(id): ["sections", .value(id, "sectionID")]
        case .autosave: ["autosave"]
        case .review: ["review"]
        case .sign: ["sign"]
        case .amend: ["amend"]
        case .upgrade: ["upgrade"]
        }
    }
}

/// `/patients/<id>/episodes/<episodeID>/…`: the episode's moves and the regulatory clock's records.
enum EpisodeURL: Hashable, Sendable {
    case events, documents, waivers, oasisSubmissions, careEvents, notices
    case paymentPeriod(Int)

    var segments: [URLSegment] {
        switch self {
        case .events: ["events"]
        case .documents: ["documents"]
        case .waivers: ["waivers"]
        case .oasisSubmissions: ["oasis-submissions"]
        case .careEvents: ["care-events"]
        case .notices: ["notices"]
        case let .paymentPeriod(number): ["payment-periods", .value(String(number), "number")]
        }
    }
}
