import Fluent
import Foundation
import HearthCore
import Vapor

/// Break-the-glass as the policy sees it: an open emergency access is the relationship `.emergencyAccess`, found here
/// and only for a user whose role may break the glass and whom nothing else lets read the chart
/// [45 CFR 164.312(a)(2)(ii)].
extension PatientAccess {
    /// The user's open emergency access to a patient, if any: open until `ends_at`, and not ended early.
    static func openEmergencyAccess(of userID: UUID, to patientID: UUID, now: Date, on db: any Database) async throws -> EmergencyAccessRecord? {
        try await EmergencyAccessRecord.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$patient.$id == patientID)
            .filter(\.$endsAt > now).filter(\.$endedAt == nil)
            .sort(\.$endsAt, .descending).first()
    }

    /// Adds `.emergencyAccess` when the user may break the glass on this chart and has an open access; read once per
    /// request and patient.
    static func addEmergencyAccess(to found: inout Set<PatientRelationship>, patientID: UUID, on request: Request) async throws {
        let user = try request.currentUser
        guard AccessPolicy.mayBreakGlass(role: user.role, relationships: found) else { return }
        let open: EmergencyUse?
        if let known = request.storage[EmergencyLookupKey.self]?[patientID] {
            open = known
        } else {
            open = try await openEmergencyAccess(of: user.id, to: patientID, now: request.now, on: request.db).map {
                EmergencyUse(recordID: try $0.requireID(), endsAt: $0.endsAt)
            }
            var known = request.storage[EmergencyLookupKey.self] ?? [:]
            known[patientID] = .some(open)
            request.storage[EmergencyLookupKey.self] = known
        }
        if open != nil { found.insert(.emergencyAccess) }
    }

    /// Notes that this request reads or changes the patient only through emergency access: its audit records say so
    /// and its pages carry the banner.
    static func noteEmergencyUse(_ action: PatientAction, patientID: UUID, relationships: Set<PatientRelationship>, on request: Request) throws {
        let user = try request.currentUser
        guard AccessPolicy.isEmergencyUse(role: user.role, relationships: relationships, action: action),
              let use = request.storage[EmergencyLookupKey.self]?[patientID] ?? nil else { return }
        request.storage[EmergencyUseKey.self] = use.with(patientID: patientID)
    }
}

/// An open emergency access as a request uses it.
struct EmergencyUse: Sendable, Equatable {
    var recordID: UUID
    var endsAt: Date
    var patientID: UUID?

    func with(patientID: UUID) -> EmergencyUse {
        var use = self
        use.patientID = patientID
        return use
    }

    /// The word every audit record of an emergency use starts its detail with.
    static let auditMark = "emergency access"
}

/// The emergency access this request is using, if any: for the banner and the audit records.
struct EmergencyUseKey: StorageKey { typealias Value = EmergencyUse }

/// Open emergency accesses looked up during this request, by patient (nil: looked up, none open).
private struct EmergencyLookupKey: StorageKey { typealias Value = [UUID: EmergencyUse?] }

extension Request {
    /// The audit detail of a record about `patientID`: marked when this request reaches the patient by emergency access.
    func emergencyDetail(_ detail: String?, patientID: UUID?) -> String? {
        guard let patientID, let use = storage[EmergencyUseKey.self], use.patientID == patientID else { return detail }
        let mark = "\(EmergencyUse.auditMark) \(use.recordID.uuidString.lowercased().prefix(8))"
        return detail.map { mark + "; " + $0 } ?? mark
    }
}
