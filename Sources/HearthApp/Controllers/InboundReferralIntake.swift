import Fluent
import Foundation
import HearthCore
import Vapor

/// Accepting or declining a referral from the intake inbox. Accepting registers the patient (or takes the one the
/// person matched), records the referral's diagnoses, allergies and coverage, opens the episode at referral with the clock
/// counting from the time the Bundle arrived, and queues the incoming medication list for reconciliation: all in
/// one transaction with the audit records, or nothing.
enum InboundReferralIntake {
    /// The referral's entries and contents, read again from the Bundle kept as sent.
    static func contents(_ referral: InboundReferral, today: CalendarDate) throws -> InboundReferralContents {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(referral.bundleJSON.utf8))
        let entries = try FHIRNode(value: value, path: "Bundle").array("entry").enumerated().map { try FHIRBundleEntry($0.element, index: $0.offset) }
        return try InboundReferralContents(entries, today: today)
    }

    /// Accepts into a new patient (`existing` nil) or the one matched; answers the patient's id.
    static func accept(_ referral: InboundReferral, existing: Patient?, req: Request) async throws -> UUID {
        let user = try req.currentUser
        let today = req.agencyToday
        let contents = try contents(referral, today: today)
        if contents.isRegistration { return try await confirmRegistration(referral, contents, existing: existing, req: req) }
        let zone = req.application.settings.agencyTimeZone
        return try await req.auditedWrite { db, audit in
            var context = FHIRWriteContext(req: req, db: db, audit: audit)
            let patientID: UUID
            if let existing {
                try await context.authorize(.manageEpisode, existing, at: contents.patientEntry.path)
                patientID = try existing.requireID()
            } else {
                do { patientID = try await FHIRPatientStore.create(contents.patient, context, at: "Patient").requireID() } catch let error as FHIRWriteError {
                    throw contents.patientEntry.placed(error)
                }
            }
            if let fullUrl = contents.patientEntry.fullUrl { context.created[fullUrl] = "Patient/\(patientID.uuidString)" }
            let fhir = FHIRController()
            for entry in contents.conditions + contents.allergies {
                do {
                    _ = entry.resourceType == "Condition" ? try await fhir.postCondition(entry.resource, context) : try await fhir.postAllergy(entry.resource, context)
                } catch let error as FHIRWriteError { throw entry.placed(error) }
            }
            for coverage in contents.coverageEntries {
                do { _ = try await fhir.postCoverage(coverage.entry.resource, context, payerName: coverage.payerName) } catch let error as FHIRWriteError {
                    throw coverage.entry.placed(error)
                }
            }
            let received = Referral(date: CalendarDate(referral.receivedAt, in: zone), receivedAt: referral.receivedAt,
                                    source: String(referral.senderName.prefix(200)), orderedStartOfCare: contents.orderedStartOfCare)
            let episode = try await EpisodeStore.open(patientID: patientID, referral: received, by: user, req: req, on: db, audit: audit)
            if !contents.medications.isEmpty {
                try await queueReconciliation(contents.medications, patientID: patientID, episodeID: try episode.requireID(), referral: referral, req: req, on: db, audit: audit)
            }
            // A hospital's discharge plan on this installation sent it: a late acceptance costs the stay avoidable days.
            if let sent = try await PostAcuteReferralRecord.query(on: db).filter(\.$inboundReferral.$id == referral.requireID()).first() {
                try await DischargePlanStore.recordLateAcceptance(sent, acceptedAt: req.now, zone: zone, on: db, audit: audit)
            }
            referral.status = InboundReferral.Status.accepted.rawValue
            referral.decidedAt = req.now
            referral.$decidedBy.id = user.id
            referral.$patient.id = patientID
            referral.$episode.id = try episode.requireID()
            try await referral.save(on: db)
            try await audit("referral.inbound.accept", patientID: patientID, resourceType: "Task", resourceID: referral.id?.uuidString,
                                detail: existing == nil ? "registered a new patient" : "matched to a registered patient")
            return patientID
        }
    }

    /// The hospital's list waits for the case manager beside the (empty or current) profile, as a start-of-care reconciliation.
    private static func queueReconciliation(_ medications: [Medication], patientID: UUID, episodeID: UUID, referral: InboundReferral,
                                            req: Request, on db: any Database, audit: AuditTrail) async throws {
        let reconciliation = try await ReconciliationController.reconciliation(patientID: patientID, incoming: medications, transition: .startOfCare,
                                                                               today: req.agencyToday, req: req, on: db)
        let record = MedicationReconciliationRecord()
        record.$patient.id = patientID
        record.$episode.id = episodeID
        record.transition = TransitionKind.startOfCare.rawValue
        record.source = String("Referral from \(referral.senderName)".prefix(200))
        record.status = "open"
        record.reconciliationJSON = try ReconciliationController.encode(reconciliation)
        record.$createdBy.id = try req.currentUser.id
        try await record.create(on: db)
        try await audit("medication.reconciliation.start", patientID: patientID, resourceType: "List", resourceID: record.id?.uuidString,
                            detail: "from a referral")
    }

    static func decline(_ referral: InboundReferral, reason: String, req: Request) async throws {
        referral.status = InboundReferral.Status.rejected.rawValue
        referral.reason = reason
        referral.decidedAt = req.now
        referral.$decidedBy.id = try req.currentUser.id
        try await req.auditedWrite { db, audit in
            try await referral.save(on: db)
            try await audit("referral.inbound.decline", resourceType: "Task", resourceID: referral.id?.uuidString)
        }
    }

    /// Registered patients the referral may be: the same identifier from another system, or the same name and birth
    /// date. A person decides; Hearth never merges or duplicates on its own.
    static func matches(_ contents: InboundReferralContents, on db: any Database) async throws -> [Patient] {
        var ids: Set<UUID> = []
        for identifier in contents.patient.identifiers {
            ids.formUnion(try await PatientIdentifier.query(on: db).filter(\.$system == identifier.system).filter(\.$value == identifier.value).all(\.$patient.$id))
        }
        let draft = contents.patient.draft
        ids.formUnion(try await Patient.query(on: db).filter(\.$birthDate == draft.birthDate).all()
            .filter { $0.familyName.lowercased() == draft.familyName.lowercased() && $0.givenName.lowercased() == draft.givenName.lowercased() }
            .compactMap(\.id))
        guard !ids.isEmpty else { return [] }
        return try await Patient.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$familyName).all()
    }
}
