import Fluent
import Foundation
import HearthCore
import Vapor

/// What the signed-in user may do on one patient: `AccessPolicy`'s answers for the relationships found once per
/// request, so a page that shows or hides six forms asks the database once, not six times.
struct PatientPermissions: Sendable {
    let role: Role
    let relationships: Set<PatientRelationship>

    func decision(_ action: PatientAction) -> AccessDecision {
        AccessPolicy.decide(role: role, relationships: relationships, action: action)
    }

    func allows(_ action: PatientAction) -> Bool { decision(action).isAllowed }
}

extension PatientAccess {
    /// What the signed-in user may do on a patient they already opened (to show or hide a form, a button, a card).
    static func permissions(on patient: Patient, _ request: Request) async throws -> PatientPermissions {
        PatientPermissions(role: try request.currentUser.role, relationships: try await relationships(to: patient, on: request))
    }
}

extension Request {
    /// The patient the route's `patientID` names, if the signed-in user may take `action` on it; otherwise the denial
    /// is audited and the answer is 403 or 404 (`PatientAccess.authorize`).
    func patient(_ action: PatientAction, parameter: String = "patientID") async throws -> Patient {
        try await PatientAccess.authorize(action, patientID: parameters.get(parameter, as: UUID.self), on: self)
    }

    /// What the signed-in user may do on this patient (`PatientAccess.permissions`).
    func permissions(on patient: Patient) async throws -> PatientPermissions {
        try await PatientAccess.permissions(on: patient, self)
    }
}

extension CurrentUser {
    /// Whether the user's role may take an agency-wide action (`AccessPolicy`), to show a link or widen a list.
    func may(_ action: AgencyAction) -> Bool { AccessPolicy.decide(role: role, action: action).isAllowed }
}
