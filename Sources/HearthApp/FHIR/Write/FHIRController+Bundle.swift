import Fluent
import Foundation
import SQLKit
import Vapor

extension FHIRController {
    /// The most entries one Bundle may hold; a larger load goes through `hearth fhir import` or several Bundles.
    static let maxBundleEntries = 1_000

    /// `POST /fhir`: a `transaction` (all or nothing, in one database transaction with its audit records) or a
    /// `batch` (each entry on its own). `urn:uuid:` references to a transaction's earlier entries are resolved.
    func bundle(req: Request) async throws -> Response {
        try await bundle(req, skippingBad: false)
    }

    /// `skippingBad` (`hearth fhir import --skip-bad`): a transaction's refused entries are rolled back one by one and
    /// answered with their OperationOutcome, and the rest is written in the same pass. `read`: the Bundle as the import
    /// already holds it, instead of the request's body (no JSON to write out and read again).
    func bundle(_ req: Request, read: FHIRNode? = nil, skippingBad: Bool) async throws -> Response {
        do {
            let node = try read ?? FHIRNode.body(req, type: "Bundle")
            try node.allowOnly(["resourceType", "id", "meta", "type", "entry", "timestamp", "identifier"])
            guard try node.string("resourceType") == "Bundle" else { throw node.failure("POST /fhir takes a Bundle.", at: "resourceType") }
            let type = try node.string("type")
            guard type == "transaction" || type == "batch" else { throw node.failure("Send a Bundle of type transaction or batch.", at: "type", code: "not-supported") }
            let items = try node.array("entry")
            guard items.count <= Self.maxBundleEntries else {
                throw FHIRWriteError(.payloadTooLarge, "A Bundle holds at most \(Self.maxBundleEntries) entries; split it.", at: "Bundle.entry", code: "too-costly")
            }
            let entries = try items.enumerated().map { try FHIRBundleEntry($0.element, index: $0.offset) }
            var seen: Set<String> = []
            for entry in entries {
                if let fullUrl = entry.fullUrl, !seen.insert(fullUrl).inserted {
                    throw FHIRWriteError(.badRequest, "Two entries have the same fullUrl.", at: entry.path + ".fullUrl", code: "duplicate")
                }
            }
            if type == "transaction", entries.contains(where: { $0.resourceType == "Task" }) { return try await receiveReferral(entries, req: req) }
            let results = type == "transaction" ? try await transaction(entries, req: req, skippingBad: skippingBad) : try await batch(entries, req: req)
            return try .fhir(FHIRBundleResponse(type: type! + "-response", entry: results))
        } catch let error as FHIRWriteError {
            try await req.auditDenials(error)
            // Paths only: an audit record never repeats what was sent.
            try await req.audit("fhir.bundle", outcome: .failure, resourceType: "Bundle", detail: error.issues.compactMap { $0.expression?.first }.joined(separator: ", "))
            return error.response
        }
    }

    /// All or nothing: the first failing entry rolls everything back and is named in the answer. The audit records and
    /// history lines go in a few multi-row inserts before the commit, and each patient's access is asked once.
    private func transaction(_ entries: [FHIRBundleEntry], req: Request, skippingBad: Bool) async throws -> [FHIRBundleResult] {
        try await req.auditedWrite(batchingRecords: true) { db, audit in
            var context = FHIRWriteContext(req: req, db: db, audit: audit)
            var results: [Int: FHIRBundleResult] = [:]
            var refused = 0
            for entry in entries.sorted(by: { ($0.processingRank, $0.index) < ($1.processingRank, $1.index) }) {
                let answer: Response
                if skippingBad {
                    answer = try await performSkippingBad(entry, context)
                    if answer.status.code >= 300 { refused += 1 }
                } else {
                    do { answer = try await perform(entry, context, onMatch: .refuse) } catch let error as FHIRWriteError { throw entry.placed(error) }
                }
                remember(entry, answer, in: &context)
                results[entry.index] = FHIRBundleResult(answer, base: FHIRAddress(req), minimal: req.prefersMinimalReturn)
            }
            try await audit("fhir.transaction", resourceType: "Bundle", detail: "\(entries.count) entries" + (skippingBad ? ", \(refused) refused" : ""))
            return entries.compactMap { results[$0.index] }
        }
    }

    /// One entry of an import that skips bad entries, behind a savepoint: a refusal undoes only this entry's writes (and
    /// what the transaction remembered since), is audited in the transaction, and is this entry's answer.
    private func performSkippingBad(_ entry: FHIRBundleEntry, _ context: FHIRWriteContext) async throws -> Response {
        guard let sql = context.db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Importing with --skip-bad needs an SQL database.") }
        let mark = context.audit.mark
        let memoMark = context.memo.mark
        try await sql.raw("SAVEPOINT fhir_entry").run()
        do {
            let answer = try await perform(entry, context, onMatch: .refuse)
            try await sql.raw("RELEASE SAVEPOINT fhir_entry").run()
            return answer
        } catch let error as FHIRWriteError {
            try await sql.raw("ROLLBACK TO SAVEPOINT fhir_entry").run()
            try await sql.raw("RELEASE SAVEPOINT fhir_entry").run()
            context.audit.rollBack(to: mark)
            // The earlier entries' kept rows go in now: the memo forgets the patients it registered and the database answers.
            try await context.insertKept()
            context.access.forgetAll()
            context.patients.forgetAll()
            context.memo.rollBack(to: memoMark)
            let placed = entry.placed(error)
            for denial in placed.denials {
                try await context.audit(denial.action, outcome: .denied, patientID: denial.patientID, resourceType: "Patient",
                                        resourceID: denial.patientID?.uuidString, detail: "FHIR write: \(denial.detail)")
            }
            try await context.audit("fhir.bundle", outcome: .failure, resourceType: "Bundle", detail: placed.issues.compactMap { $0.expression?.first }.joined(separator: ", "))
            return placed.response
        }
    }

    /// Each entry on its own: a failure is that entry's answer, and the others stand.
    private func batch(_ entries: [FHIRBundleEntry], req: Request) async throws -> [FHIRBundleResult] {
        var results: [FHIRBundleResult] = []
        for entry in entries {
            let answer = try await writing(req) { context in
                do { return try await perform(entry, context, onMatch: .hold) } catch let error as FHIRWriteError { throw entry.placed(error) }
            }
            results.append(FHIRBundleResult(answer, base: FHIRAddress(req), minimal: req.prefersMinimalReturn))
        }
        try await req.audit("fhir.batch", resourceType: "Bundle", detail: "\(entries.count) entries, \(results.filter { $0.response.outcome == nil }.count) written")
        return results
    }

    /// Routes one entry to the resource's writer.
    /// A Patient that may be a registered one is refused in a transaction (later entries need it) and held in a batch.
    private func perform(_ entry: FHIRBundleEntry, _ context: FHIRWriteContext, onMatch: FHIRPatientHold.OnMatch) async throws -> Response {
        var context = context
        context.ifMatch = entry.method == .put ? entry.ifMatch : nil
        // An update, or a create whose checks are not answered by the transaction's memo, may read or change the rows
        // kept for the end of the transaction: they are inserted first.
        if entry.method != .post || !Self.createsAnsweredByTheMemo.contains(entry.resourceType) { try await context.insertKept() }
        // The entries after a Patient update read the patient as it now is.
        defer {
            if entry.resourceType == "Patient", entry.method == .put { context.patients.forgetAll() }
            if entry.resourceType == "Practitioner" { context.memo.forgetPhysicians() } // a physician's account may have changed
            if entry.resourceType == "Coverage", entry.method == .put { context.memo.forgetCoverages() }
        }
        return switch (entry.resourceType, entry.method) {
        case ("Patient", .post): try await postPatient(entry.resource, ifNoneExist: entry.ifNoneExist, context, onMatch: onMatch)
        case ("Patient", .put): try await putPatient(entry.resource, url: entry.url, context)
        case ("Condition", .post): try await postCondition(entry.resource, context)
        case ("Condition", .put): try await putCondition(entry.resource, url: entry.url, context)
        case ("AllergyIntolerance", .post): try await postAllergy(entry.resource, context)
        case ("AllergyIntolerance", .put): try await putAllergy(entry.resource, url: entry.url, context)
        case ("Coverage", .post): try await postCoverage(entry.resource, context)
        case ("Coverage", .put): try await putCoverage(entry.resource, url: entry.url, context)
        case ("MedicationStatement", .post), ("MedicationRequest", .post): try await postMedication(entry.resource, context)
        case ("Observation", .post): try await postObservation(entry.resource, context)
        case ("Observation", .put): try await putObservation(entry.resource, url: entry.url, context)
        case ("Practitioner", .post): try await postPractitioner(entry.resource, ifNoneExist: entry.ifNoneExist, context)
        case ("Practitioner", .put): try await putPractitioner(entry.resource, url: entry.url, context)
        case ("Organization", .post): try await postOrganization(entry.resource, context)
        case ("Organization", .put): try await putOrganization(entry.resource, url: entry.url, context)
        default:
            throw FHIRWriteError(.unprocessableEntity, "Hearth does not accept \(entry.method.rawValue) of \(entry.resourceType) yet; see GET /fhir/metadata.",
                                 at: entry.resourceType, code: "not-supported")
        }
    }

    private static let createsAnsweredByTheMemo: Set<String> = ["Patient", "Condition", "AllergyIntolerance", "Coverage", "MedicationStatement",
                                                                 "MedicationRequest", "Observation"]

    /// A created entry's `urn:uuid:` now names the row it became, for the entries after it.
    private func remember(_ entry: FHIRBundleEntry, _ answer: Response, in context: inout FHIRWriteContext) {
        guard let fullUrl = entry.fullUrl, fullUrl.hasPrefix("urn:uuid:"), let location = answer.headers.first(name: .location) else { return }
        context.created[fullUrl] = FHIRAddress(context.req).reference(location) ?? location
    }
}

extension Request {
    /// `Prefer: return=minimal` (FHIR R4 http.html#ops): the answer names what was written and leaves the resources out.
    var prefersMinimalReturn: Bool {
        headers[canonicalForm: "Prefer"].contains { $0.lowercased().replacingOccurrences(of: " ", with: "") == "return=minimal" }
    }
}
