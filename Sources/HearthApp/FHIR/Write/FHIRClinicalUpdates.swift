import Fluent
import Foundation
import HearthCore
import Vapor

/// Corrections to what partners sent (`PUT /fhir/<type>/<id>` or `PUT /fhir/<type>?<criteria>`, alone or in a Bundle): a
/// reported vital sign, a diagnosis, an allergy. `If-Match` (or an entry's `request.ifMatch`) makes the update apply only to
/// the version the partner read (412 otherwise, http.html#concurrency). The create's checks and access policy; the row
/// stays with its patient; what changed is saved with an audit record naming the changed elements (and the chart's
/// history line) in one transaction, and nothing is written when nothing changed.
extension FHIRController {
    func updateObservation(req: Request) async throws -> Response {
        try await updating(req, "Observation") { try await putObservation($0, url: $1, $2) }
    }

    func updateCondition(req: Request) async throws -> Response {
        try await updating(req, "Condition") { try await putCondition($0, url: $1, $2) }
    }

    func updateAllergy(req: Request) async throws -> Response {
        try await updating(req, "AllergyIntolerance") { try await putAllergy($0, url: $1, $2) }
    }

    /// A reported vital sign takes the reading sent; a visit's own readings are corrected in its visit note.
    func putObservation(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        if url.hasPrefix("Observation?") {
            return try await conditionally(node, url: url, context, for: .write) { patientID in
                try await context.memo.vitalSigns(of: patientID, on: context.db).map { try FHIRServed(FHIRObservation(reported: $0)) }
            } update: { try await putObservation(node, url: $0, context) } create: { try await postObservation(node, context) }
        }
        let write = try VitalSignWrite(node)
        let (reading, patientID, _) = try await kept(url, node, patient: write.patientReference, for: .write, context, owner: \ReportedVitalSign.$patient.id,
                                                     unknown: "No reported vital sign has this id; a visit's vital signs are corrected in its visit note.") {
            try await context.memo.vitalSigns(of: $0, on: context.db)
        }
        return try await correct(reading, patientID: patientID, as: FHIRObservation.init(reported:), audit: "vitals.reported.update", context) { write.apply(to: $0) }
    }

    /// A diagnosis takes the code, rank, onset and resolution sent; the patient's other diagnosis with that code is a conflict.
    func putCondition(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        if url.hasPrefix("Condition?") {
            return try await conditionally(node, url: url, context, for: .recordReferral) { patientID in
                try await context.memo.diagnoses(of: patientID, on: context.db).map { try FHIRServed(FHIRCondition($0)) }
            } update: { try await putCondition(node, url: $0, context) } create: { try await postCondition(node, context) }
        }
        let write = try ConditionWrite(node, req: context.req)
        let (diagnosis, patientID, known) = try await kept(url, node, patient: write.patientReference, for: .recordReferral, context, owner: \Diagnosis.$patient.id,
                                                           unknown: "No diagnosis has this id; send a new one with POST /fhir/Condition.") {
            try await context.memo.diagnoses(of: $0, on: context.db)
        }
        if known.contains(where: { $0.code == write.coded.code.value && $0.id != diagnosis.id }) {
            throw FHIRWriteError(.conflict, "The patient has another diagnosis with this code; update that one instead.", at: "Condition.code", code: "duplicate")
        }
        return try await correct(diagnosis, patientID: patientID, as: FHIRCondition.init, audit: "diagnosis.update", history: ("Diagnosis", ConditionWrite.summary),
                                 context) { write.apply(to: $0) }
    }

    /// An allergy takes the substance, reaction and severity sent; the patient's other allergy to that substance is a conflict.
    func putAllergy(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        if url.hasPrefix("AllergyIntolerance?") {
            return try await conditionally(node, url: url, context, for: .recordReferral) { patientID in
                try await context.memo.allergies(of: patientID, on: context.db).map { try FHIRServed(FHIRAllergyIntolerance($0)) }
            } update: { try await putAllergy(node, url: $0, context) } create: { try await postAllergy(node, context) }
        }
        let write = try AllergyWrite(node)
        let (allergy, patientID, known) = try await kept(url, node, patient: write.patientReference, for: .recordReferral, context, owner: \Allergy.$patient.id,
                                                         unknown: "No allergy has this id; send a new one with POST /fhir/AllergyIntolerance.") {
            try await context.memo.allergies(of: $0, on: context.db)
        }
        if known.contains(where: { $0.substance.lowercased() == write.draft.substance.lowercased() && $0.id != allergy.id }) {
            throw FHIRWriteError(.conflict, "The patient has another allergy to this substance; update that one instead.", at: "AllergyIntolerance.code.text", code: "duplicate")
        }
        return try await correct(allergy, patientID: patientID, as: FHIRAllergyIntolerance.init, audit: "allergy.update",
                                 history: ("Allergy", { "\($0.substance) (\($0.severity))" }), context) { row in
            row.substance = write.draft.substance
            row.reaction = write.draft.reaction.isEmpty ? nil : write.draft.reaction
            row.severity = write.severity.rawValue
        }
    }

    private func updating(_ req: Request, _ type: String, _ put: @escaping @Sendable (FHIRNode, String, FHIRWriteContext) async throws -> Response) async throws -> Response {
        let url = req.parameters.get("id").map { type + "/" + $0 } ?? type + "?" + (req.url.query ?? "")
        return try await writing(req) { context in try await put(try FHIRNode.body(req, type: type), url, context) }
    }

    /// A conditional update, `PUT <type>?patient=<id>&<criteria>` (FHIR R4 http.html#cond-update): the type's own search
    /// within the one patient's record the query names picks the row. One match is updated as by id (the body's id, if
    /// sent, must be that row's: else 400); none is created as by POST, unless the body names an id (Hearth assigns
    /// ids, so it does not update-as-create) or `If-Match` names a version of it; more than one is a 412.
    private func conditionally(_ node: FHIRNode, url: String, _ context: FHIRWriteContext, for action: PatientAction,
                               candidates: (UUID) async throws -> [FHIRServed], update: (String) async throws -> Response,
                               create: () async throws -> Response) async throws -> Response {
        let type = node.path
        guard let searchable = FHIRSearchTable.type(type) else { throw FHIRWriteError(.badRequest, "\(type) has no search to match on.", at: type + "?") }
        let search: FHIRSearchRequest
        do {
            search = try FHIRSearchRequest(searchable, query: String(url.dropFirst(type.count + 1)), strict: true,
                                           zone: context.req.application.settings.agencyTimeZone)
        } catch let refusal as AppError {
            throw FHIRWriteError(.badRequest, refusal.reason, at: type + "?", code: "not-supported")
        }
        let references = ["patient", "subject"].compactMap { search.criterion($0) }.flatMap(\.values).map { $0.hasPrefix("Patient/") ? $0 : "Patient/" + $0 }
            + (search.criterion("patient.identifier")?.values.map { "Patient?identifier=" + $0 } ?? [])
        guard let reference = references.first, references.count == 1 else {
            throw FHIRWriteError(.badRequest, "A conditional update names one patient once: \(type)?patient=<Patient id>&<criteria>.", at: type + "?", code: "not-supported")
        }
        let patient = try await context.patient(reference, at: type + "?", for: action)
        // The patient's rows are the candidates, so only the other criteria are matched.
        let criteria = search.matchedCriteria.filter { !["patient", "subject"].contains($0.parameter.name) }
        let matches = try await candidates(try patient.requireID()).filter { resource in criteria.allSatisfy { $0.matches(resource.json, zone: search.zone) } }
        guard matches.count <= 1 else {
            throw FHIRWriteError(.preconditionFailed, "The criteria match \(matches.count) of the patient's \(type) resources; narrow them or update by id.", code: "multiple-matches")
        }
        let sent = try node.string("id")
        guard let match = matches.first else {
            if context.ifMatch != nil {
                throw FHIRWriteError(.preconditionFailed, "Nothing matches the criteria, so no version can match If-Match; send it without If-Match to create it.", code: "not-found")
            }
            guard sent == nil else {
                throw FHIRWriteError(.badRequest, "Nothing matches the criteria and Hearth assigns ids: leave out the id to create it.", at: type + ".id", code: "not-supported")
            }
            return try await create()
        }
        guard sent == nil || sent?.lowercased() == match.id.lowercased() else {
            throw FHIRWriteError(.badRequest, "The id in the body is not the id of the \(type) the criteria match; leave it out or update by id.", at: type + ".id")
        }
        return try await update(type + "/" + match.id)
    }

    /// The row a PUT's `url` names, as this transaction knows it among its patient's rows (`known`), once the caller may
    /// take `action` on that patient: a body naming another id is a 422, an unknown id a 404, a patient the caller may
    /// not see answers as a read does, and a reference to another patient is a 422 (a row stays with its patient).
    private func kept<Row: Model>(_ url: String, _ node: FHIRNode, patient reference: (text: String, path: String), for action: PatientAction,
                                  _ context: FHIRWriteContext, owner: KeyPath<Row, UUID>, unknown: String,
                                  known: (UUID) async throws -> [Row]) async throws -> (row: Row, patientID: UUID, known: [Row]) where Row.IDValue == UUID {
        let id = String(url.dropFirst(node.path.count + 1))
        if let sent = try node.string("id"), sent.lowercased() != id.lowercased() { throw node.failure("The id in the body must be the id in the URL (\(id)).", at: "id") }
        let missing = FHIRWriteError(.notFound, unknown, code: "not-found")
        guard let found = try await UUID(uuidString: id).asyncFlatMap({ try await Row.find($0, on: context.db) }),
              let patient = try await context.patients.patient(found[keyPath: owner], on: context.db) else { throw missing }
        do { try await context.authorize(action, patient, at: node.path) } catch var hidden as FHIRWriteError where hidden.status == .notFound {
            hidden.issues = missing.issues // word for word the unknown id's answer; the denial is still audited
            throw hidden
        }
        guard try await context.patient(reference.text, at: reference.path, for: action).id == patient.id else {
            // The element, not its `.reference`: the patient named is what may not change.
            throw FHIRWriteError(.unprocessableEntity, "A \(node.path) stays with its patient; send a new one for the other patient.",
                                 at: String(reference.path.dropLast(".reference".count)))
        }
        let rows = try await known(found[keyPath: owner])
        return (rows.first { $0.id == found.id } ?? found, found[keyPath: owner], rows)
    }

    /// Applies `change`; when the resource the row reads as (`read`) changed, saves it with an audit record naming the
    /// changed elements and, with `history`, the chart's history line, in the write's transaction. Answers the resource.
    private func correct<Row: Model, Resource: Encodable>(_ row: Row, patientID: UUID, as read: (Row) throws -> Resource, audit action: String,
                                                          history: (field: String, line: (Row) -> String)? = nil, _ context: FHIRWriteContext,
                                                          change: (Row) -> Void) async throws -> Response where Row.IDValue == UUID {
        let before = try FHIRJSON(encoding: read(row))
        try requireVersion(before, context)
        let earlierLine = history?.line(row)
        change(row)
        let resource = try read(row)
        let after = try FHIRJSON(encoding: resource)
        let type = after["resourceType"]?.string ?? ""
        let changed = Self.changedElements(before, after)
        if !changed.isEmpty {
            try await row.save(on: context.db)
            if let history {
                try await context.audit.recordChange(RecordChange(patientID: patientID, field: history.field, from: earlierLine, to: history.line(row) + ", by FHIR",
                                                                  by: try context.user.id))
            }
            try await context.audit(action, patientID: patientID, resourceType: type, resourceID: row.id?.uuidString, detail: "FHIR, changed: " + changed.joined(separator: ", "))
        }
        return try await written(resource, type: type, id: try row.requireID(), patientID: patientID, status: .ok, context, updated: !changed.isEmpty)
    }

    /// `If-Match` (or an entry's `request.ifMatch`): an update applies only to the version the partner read, the one a
    /// read answers for `current`; else 412 and nothing changes (FHIR R4 http.html#concurrency).
    func requireVersion(_ current: FHIRJSON, _ context: FHIRWriteContext) throws {
        guard let tag = context.ifMatch, FHIRServed.version(inTag: tag) != current.versionID else { return }
        let type = current["resourceType"]?.string ?? "resource"
        throw FHIRWriteError(.preconditionFailed, "The \(type) changed since the version in If-Match (now \(current.versionID)); read it again and apply your change to that.",
                             code: "conflict")
    }

    /// The resource's elements whose values differ, by name: what an update's audit record says changed.
    static func changedElements(_ before: FHIRJSON, _ after: FHIRJSON) -> [String] {
        guard case .object(let old) = before, case .object(let new) = after else { return [] }
        return Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
