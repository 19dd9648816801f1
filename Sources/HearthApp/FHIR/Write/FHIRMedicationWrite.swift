import Fluent
import Foundation
import HearthCore
import Vapor

/// MedicationStatement and MedicationRequest from another system: an incoming medication list, never written into the
/// profile directly. Each one joins the patient's open reconciliation from the same sender (or starts one), where the
/// case manager decides it line by line as with a list typed or pasted in the chart. The RxNorm code and a text-only
/// dosage ("1 tablet by mouth twice daily") are kept (`FHIRReferralMedication`, the one reader of incoming medications).
extension FHIRController {
    func createMedicationStatement(req: Request) async throws -> Response {
        try await writing(req) { context in try await postMedication(try FHIRNode.body(req, type: "MedicationStatement"), context) }
    }

    func createMedicationRequest(req: Request) async throws -> Response {
        try await writing(req) { context in try await postMedication(try FHIRNode.body(req, type: "MedicationRequest"), context) }
    }

    /// 202 Accepted: the medication waits in the reconciliation named in the answer; sent again, 200 and nothing added.
    func postMedication(_ node: FHIRNode, _ context: FHIRWriteContext) async throws -> Response {
        let type = node.path.hasPrefix("MedicationRequest") ? "MedicationRequest" : "MedicationStatement"
        if let keys = InboundReferralContents.kept[type] { try node.allowOnly(keys) }
        if let status = try node.string("status"), !["active", "intended", "unknown", "on-hold", "draft"].contains(status) {
            throw node.failure("Send the medicines the patient takes now (status active); stopped ones are not part of the list to reconcile.", at: "status")
        }
        guard let subject = try node.object("subject") else { throw node.failure("Name the patient: subject.reference.", at: "subject") }
        try subject.allowOnly(["reference", "display"])
        let patient = try await context.patient(try subject.string("reference") ?? "", at: subject.path + ".reference")
        let patientID = try patient.requireID()
        let req = context.req
        let medication = try FHIRReferralMedication.medication(node, start: req.agencyToday)
        let user = try context.user
        let source = String("FHIR list from \(user.displayName)".prefix(200))
        var record: MedicationReconciliationRecord?
        if let started = context.memo.reconciliation(of: patientID) { record = started } else {
            record = try await MedicationReconciliationRecord.query(on: context.db).filter(\.$patient.$id == patientID).filter(\.$status == "open")
                .filter(\.$source == source).sort(\.$createdAt, .descending).first()
        }
        var incoming: [MedicationLine] = []
        if let open = record {
            let reconciliation = try ReconciliationController.decode(open)
            if reconciliation.lines.contains(where: { $0.decision != nil }) { record = nil } else { incoming = reconciliation.lines.compactMap(\.incoming) }
        }
        let line = MedicationLine(medication: medication, id: "in-\(incoming.count + 1)")
        if let record, incoming.contains(where: { Self.same($0, line) }) {
            try await context.audit("medication.reconciliation.read", patientID: patientID, resourceType: "List", resourceID: record.id?.uuidString,
                                    detail: "FHIR, the same medication again")
            return try queued(record, patientID: patientID, status: .ok)
        }
        // A patient this transaction registered has no episode or medication profile yet.
        let isNew = context.memo.isNew(patientID)
        let latest = isNew ? nil : try await EpisodeStore.latest(patientID: patientID, on: context.db)
        let transition: TransitionKind = latest.flatMap { EpisodeStatus(rawValue: $0.status) } == .active ? .resumptionOfCare : .startOfCare
        let home = (isNew ? [] : try await MedicationStore.profile(of: patientID, on: context.db)).filter { $0.1.isActive(on: req.agencyToday) }
            .map { MedicationLine(medication: $0.1, id: $0.0.id?.uuidString.lowercased() ?? "") }
        let reconciliation = Reconciliation(transition: transition, date: req.agencyToday, home: home, incoming: incoming + [line],
                                            catalog: req.application.medicationCatalog)
        let kept = record ?? MedicationReconciliationRecord()
        if record == nil {
            kept.$patient.id = patientID
            kept.$episode.id = try latest?.requireID()
            kept.transition = transition.rawValue
            kept.source = source
            kept.status = "open"
            kept.$createdBy.id = user.id
        }
        kept.reconciliationJSON = try ReconciliationController.encode(reconciliation)
        if record == nil, isNew {
            // A patient this transaction registered: kept for its end, and the memo answers the next medication.
            kept.id = UUID()
            kept.createdAt = Date()
            try await context.audit.insert(kept)
        } else {
            if record != nil { try await context.insertKept() } // the reconciliation may be a kept row
            try await kept.save(on: context.db)
        }
        context.memo.started(kept, for: patientID)
        try await context.audit(record == nil ? "medication.reconciliation.start" : "medication.reconciliation.update", patientID: patientID,
                                resourceType: "List", resourceID: kept.id?.uuidString, detail: "FHIR \(type), \(incoming.count + 1) incoming")
        return try queued(kept, patientID: patientID, status: .accepted)
    }

    /// Two incoming lines for the same medicine taken the same way.
    private static func same(_ a: MedicationLine, _ b: MedicationLine) -> Bool {
        a.name.lowercased() == b.name.lowercased() && a.rxnorm == b.rxnorm && a.strength == b.strength && a.doseText == b.doseText
            && a.routeText == b.routeText && a.frequencyText == b.frequencyText
    }

    /// Where the medication waits: an OperationOutcome naming the reconciliation, which the chart shows the case manager.
    private func queued(_ record: MedicationReconciliationRecord, patientID: UUID, status: HTTPResponseStatus) throws -> Response {
        let id = try record.requireID()
        let outcome = FHIROutcome(issue: [FHIRIssue(severity: "information", code: "informational",
                                                    diagnostics: "Queued for the case manager's medication reconciliation (List/\(id.uuidString.lowercased())); "
                                                        + "it joins the patient's medication profile when reconciled.", expression: nil)])
        let response = try Response.fhir(outcome, status: status)
        response.headers.replaceOrAdd(name: .contentLocation, value: SiteURL.patient(patientID, .medications(.reconciliation(id))).path)
        return response
    }
}
