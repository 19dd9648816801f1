import Fluent
import Foundation
import HearthCore

/// The payer relationship: a health plan's case manager relates to the members whose coverage names her
/// (`Coverage.payerCaseManager`), and to no one else (minimum necessary, 45 CFR 164.502(b)).
extension PatientAccess {
    /// Whether the user is the payer case manager on one of the patient's coverages.
    static func isPayerCaseManager(_ userID: UUID, _ patientID: UUID, on db: any Database) async throws -> Bool {
        try await Coverage.query(on: db).filter(\.$patient.$id == patientID).filter(\.$payerCaseManager.$id == userID).count() > 0
    }

    /// The patients whose coverage names the user as the payer's case manager.
    static func members(of userID: UUID, on db: any Database) async throws -> [UUID] {
        Array(Set(try await Coverage.query(on: db).filter(\.$payerCaseManager.$id == userID).all(\.$patient.$id)))
    }
}
