import Fluent
import Foundation
import HearthCore
import Vapor

extension InboundReferralIntake {
    /// A Patient held because it may be a registered one (`FHIRPatientHold`), confirmed by a person: the same person
    /// (the partner's identifiers join that chart) or a different one (registered now). No episode opens: nobody
    /// referred the patient for care.
    static func confirmRegistration(_ referral: InboundReferral, _ contents: InboundReferralContents, existing: Patient?, req: Request) async throws -> UUID {
        let user = try req.currentUser
        return try await req.auditedWrite { db, audit in
            let context = FHIRWriteContext(req: req, db: db, audit: audit)
            let patientID: UUID
            do {
                if let existing {
                    try await FHIRPatientStore.link(contents.patient, to: existing, context)
                    patientID = try existing.requireID()
                } else {
                    patientID = try await FHIRPatientStore.create(contents.patient, context, at: "Patient").requireID()
                }
            } catch let error as FHIRWriteError { throw contents.patientEntry.placed(error) }
            referral.status = InboundReferral.Status.accepted.rawValue
            referral.decidedAt = req.now
            referral.$decidedBy.id = user.id
            referral.$patient.id = patientID
            try await referral.save(on: db)
            try await audit("patient.hold.confirm", patientID: patientID, resourceType: "Task", resourceID: referral.id?.uuidString,
                            detail: existing == nil ? "a different person: registered" : "the same person: identifiers linked")
            return patientID
        }
    }
}
