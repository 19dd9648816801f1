import Fluent
import Foundation
import HearthCore
import Vapor

/// Applies `AccessPolicy` to a request: every patient-data handler gets its patient through here.
enum PatientAccess {
    /// Loads the patient if the signed-in user may take `action`; otherwise audits the denial and throws 403 or 404.
    static func authorize(_ action: PatientAction, patientID: UUID?, on request: Request) async throws -> Patient {
        let user = try request.currentUser
        guard let patientID, let patient = try await Patient.find(patientID, on: request.db) else {
            throw AppError.notFound()
        }
        let relationships = try await relationships(of: user, to: patient, on: request.db)
        let decision = AccessPolicy.decide(role: user.role, relationships: relationships, action: action)
        switch decision {
        case .allowed:
            return patient
        case .forbidden(let reason):
            try await request.audit("patient.\(action.rawValue)", outcome: .denied, patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString, detail: reason)
            throw AppError.forbidden(reason)
        case .hidden:
            try await request.audit("patient.\(action.rawValue)", outcome: .denied, patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString, detail: "no relationship to the patient")
            throw AppError.notFound()
        }
    }

    /// Throws 403 unless the user's role may take this agency-wide action.
    static func authorize(_ action: AgencyAction, on request: Request) async throws {
        let user = try request.currentUser
        if case .forbidden(let reason) = AccessPolicy.decide(role: user.role, action: action) {
            try await request.audit("agency.\(action.rawValue)", outcome: .denied, detail: reason)
            throw AppError.forbidden(reason)
        }
    }

    /// Whether the signed-in user may take `action` on a patient they already opened (to show or hide a form).
    static func may(_ action: PatientAction, _ patient: Patient, _ request: Request) async throws -> Bool {
        let user = try request.currentUser
        return AccessPolicy.decide(role: user.role, relationships: try await relationships(of: user, to: patient, on: request.db), action: action).isAllowed
    }

    static func relationships(of user: CurrentUser, to patient: Patient, on db: any Database) async throws -> Set<PatientRelationship> {
        var found = Set<PatientRelationship>()
        if patient.$caseManager.id == user.id { found.insert(.caseManager) }
        if patient.$physician.id == user.id { found.insert(.physician) }
        if patient.$referredBy.id == user.id { found.insert(.referrer) }
        let onTeam = try await CareTeamMember.query(on: db)
            .filter(\.$patient.$id == patient.requireID())
            .filter(\.$user.$id == user.id)
            .count() > 0
        if onTeam { found.insert(.careTeam) }
        return found
    }

    /// The patients a user may see in lists: the same policy, as a query.
    static func visiblePatients(for user: CurrentUser, on db: any Database) async throws -> QueryBuilder<Patient> {
        let query = Patient.query(on: db)
        guard let through = AccessPolicy.relationships(granting: .read, to: user.role) else { return query }
        let teamPatientIDs = through.contains(.careTeam)
            ? try await CareTeamMember.query(on: db).filter(\.$user.$id == user.id).all(\.$patient.$id)
            : []
        return query.group(.or) { group in
            group.filter(\.$mrn == "") // no patient has an empty MRN: with no relationship the list stays empty
            if through.contains(.caseManager) { group.filter(\.$caseManager.$id == user.id) }
            if through.contains(.physician) { group.filter(\.$physician.$id == user.id) }
            if through.contains(.referrer) { group.filter(\.$referredBy.$id == user.id) }
            if !teamPatientIDs.isEmpty { group.filter(\.$id ~~ teamPatientIDs) }
        }
    }
}
