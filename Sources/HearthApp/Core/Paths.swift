import Foundation
import Vapor

/// Every URL Hearth serves, in one place: handlers register these and pages link to these.
enum Paths {
    static let home = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let healthz = "/healthz"
    static let readyz = "/readyz"
    static let metrics = "/metrics"
    static let patients = "/patients"
    static let newPatient = "/patients/new"
    static let adminAudit = "/admin/audit"
    static let compliance = "/compliance"
    static let adminUsers = "/admin/users"
    static let stylesheet = "/css/hearth.css"
    static let staff = "/staff"
    static let visits = "/visits"
    static let schedule = "/schedule"
    static func calendarFeed(_ token: String) -> String { "/calendar/\(token).ics" }
    static func visit(_ id: UUID) -> String { "/visits/\(id.uuidString.lowercased())" }
    static func patientVisits(_ id: UUID) -> String { patient(id) + "/visits" }
    static func patientCommunications(_ id: UUID) -> String { patient(id) + "/communications" }
    static func patientReferrals(_ id: UUID) -> String { patient(id) + "/referrals" }
    static func homeSafety(_ id: UUID) -> String { patient(id) + "/home-safety" }
    static func teaching(_ id: UUID) -> String { patient(id) + "/teaching" }
    static func authorizations(_ id: UUID) -> String { patient(id) + "/authorizations" }
    static let worklist = "/worklist"
    static let tasks = "/tasks"
    static func taskDone(_ id: UUID) -> String { "/tasks/\(id.uuidString.lowercased())/done" }
    static func taskSnooze(_ id: UUID) -> String { "/tasks/\(id.uuidString.lowercased())/snooze" }
    static let resources = "/resources"
    static func staffMember(_ id: UUID) -> String { "/staff/\(id.uuidString.lowercased())" }

    static func patient(_ id: UUID) -> String { "/patients/\(id.uuidString.lowercased())" }
    static func patientEpisodes(_ id: UUID) -> String { patient(id) + "/episodes" }
    static func patientCaseManager(_ id: UUID) -> String { patient(id) + "/case-manager" }
    static func patientPhysician(_ id: UUID) -> String { patient(id) + "/physician" }
    static func safetyAlertContact(patient id: UUID, task: UUID) -> String { patient(id) + "/safety-alerts/\(task.uuidString.lowercased())/contact" }
    static func patientCareTeam(_ id: UUID) -> String { patient(id) + "/care-team" }
    static func patientDiagnoses(_ id: UUID) -> String { patient(id) + "/diagnoses" }
    static func patientAllergies(_ id: UUID) -> String { patient(id) + "/allergies" }
    static func patientCoverages(_ id: UUID) -> String { patient(id) + "/coverages" }
    static func patientProfile(_ id: UUID) -> String { patient(id) + "/profile" }
    static func patientAssessments(_ id: UUID) -> String { patient(id) + "/assessments" }
    static func assessment(patient: UUID, assessment: UUID) -> String { patientAssessments(patient) + "/\(assessment.uuidString.lowercased())" }
    static let orders = "/orders"
    static func order(_ id: UUID) -> String { "/orders/\(id.uuidString.lowercased())" }
    static func carePlan(_ id: UUID) -> String { patient(id) + "/care-plan" }
    static func carePlanVersion(_ id: UUID, _ number: Int) -> String { carePlan(id) + "/versions/\(number)" }
    static func planOfCarePrint(_ id: UUID) -> String { carePlan(id) + "/print" }
    static func medications(_ id: UUID) -> String { patient(id) + "/medications" }
    static func medication(patient: UUID, medication: UUID) -> String { medications(patient) + "/\(medication.uuidString.lowercased())" }
    static func medicationReconciliations(_ id: UUID) -> String { medications(id) + "/reconciliations" }
    static func medicationReconciliation(patient: UUID, reconciliation: UUID) -> String {
        medicationReconciliations(patient) + "/\(reconciliation.uuidString.lowercased())"
    }
    static func medicationAdministrations(_ id: UUID) -> String { medications(id) + "/mar" }
    static func patientContacts(_ id: UUID) -> String { patient(id) + "/contacts" }
    static func patientDirectives(_ id: UUID) -> String { patient(id) + "/directives" }
    static func patientExternalContacts(_ id: UUID) -> String { patient(id) + "/outside-contacts" }
    static func removeCareTeamMember(patient: UUID, member: UUID) -> String {
        patientCareTeam(patient) + "/\(member.uuidString.lowercased())/remove"
    }
    static func episodeEvents(patient: UUID, episode: UUID) -> String {
        patientEpisodes(patient) + "/\(episode.uuidString.lowercased())/events"
    }

    /// A path Hearth may send a user back to after signing in: only its own pages, never another site.
    /// A path on this site to return to after signing in. Only printable URL characters: a tab or new line
    /// ("/%09/evil.example") is dropped by browsers, turning "/\t/evil" into "//evil", another site (issue 20 #4).
    static func isSafeReturnPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix(logout)
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
    }

    enum FHIR {
        static let base = "/fhir"
        static let metadata = "/fhir/metadata"
        static func patient(_ id: UUID) -> String { "/fhir/Patient/\(id.uuidString.lowercased())" }
    }

    enum API {
        static let me = "/api/me"
    }
}

extension Request {
    /// Deepest offset a list may be paged to; beyond it arithmetic could overflow and no person pages that far.
    static let maxOffset = 10_000_000

    /// `?page=N` from 1, clamped so that `(page - 1) × page size` stays small.
    var pageNumber: Int {
        min(max(1, query[Int.self, at: "page"] ?? 1), 100_000)
    }
}
