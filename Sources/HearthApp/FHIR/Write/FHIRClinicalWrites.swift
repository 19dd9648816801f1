import Fluent
import Foundation
import HearthCore
import Vapor

/// Condition and AllergyIntolerance from partners: the same checks as the chart's forms, the patient's write
/// permission, a history line and an audit record. Hearth keeps one diagnosis per code and one allergy per
/// substance, so sending the same one again answers the one on file (200) instead of a copy.
extension FHIRController {
    func createCondition(req: Request) async throws -> Response {
        try await writing(req) { context in try await postCondition(try FHIRNode.body(req, type: "Condition"), context) }
    }

    func createAllergy(req: Request) async throws -> Response {
        try await writing(req) { context in try await postAllergy(try FHIRNode.body(req, type: "AllergyIntolerance"), context) }
    }

    func postCondition(_ node: FHIRNode, _ context: FHIRWriteContext) async throws -> Response {
        let write = try ConditionWrite(node, req: context.req)
        let patient = try await context.patient(write.patientReference.text, at: write.patientReference.path, for: .recordReferral)
        let patientID = try patient.requireID()
        let coded = write.coded
        // The patient's few diagnoses, read once per transaction, then the code: filtering on the code too lets SQLite
        // pick the code's index, which grows with every patient who has that code (an import slowed with each patient loaded).
        if let existing = try await context.memo.diagnoses(of: patientID, on: context.db).first(where: { $0.code == coded.code.value }) {
            return try await written(FHIRCondition(existing), type: "Condition", id: existing.requireID(), patientID: patientID, status: .ok, context)
        }
        let user = try context.user
        let diagnosis = Diagnosis()
        diagnosis.id = UUID()
        diagnosis.$patient.id = patientID
        write.apply(to: diagnosis)
        diagnosis.$recordedBy.id = user.id
        diagnosis.createdAt = Date() // the chart lists a rank's diagnoses in the order they came
        // With the transaction's other diagnoses in one insert at its end; the memo answers "already on file" until then.
        try await context.audit.insert(diagnosis)
        context.memo.added(diagnosis)
        try await context.audit.recordChange(RecordChange(patientID: patientID, field: "Diagnosis", from: nil, to: ConditionWrite.summary(diagnosis) + ", by FHIR", by: user.id))
        try await context.audit("diagnosis.create", patientID: patientID, resourceType: "Condition", resourceID: diagnosis.id?.uuidString, detail: "FHIR, \(coded.code.value)")
        return try await written(FHIRCondition(diagnosis), type: "Condition", id: diagnosis.requireID(), patientID: patientID, status: .created, context)
    }

    func postAllergy(_ node: FHIRNode, _ context: FHIRWriteContext) async throws -> Response {
        let write = try AllergyWrite(node)
        let patient = try await context.patient(write.patientReference.text, at: write.patientReference.path, for: .recordReferral)
        let patientID = try patient.requireID()
        let known = try await context.memo.allergies(of: patientID, on: context.db)
        if let existing = known.first(where: { $0.substance.lowercased() == write.draft.substance.lowercased() }) {
            return try await written(FHIRAllergyIntolerance(existing), type: "AllergyIntolerance", id: existing.requireID(), patientID: patientID, status: .ok, context)
        }
        let allergy = try await AllergyController.record(write.draft, severity: write.severity, patientID: patientID, by: try context.user.id, source: "FHIR",
                                                         req: context.req, on: context.db, audit: context.audit)
        context.memo.added(allergy)
        return try await written(FHIRAllergyIntolerance(allergy), type: "AllergyIntolerance", id: allergy.requireID(), patientID: patientID, status: .created, context)
    }

    /// A date-time element to the day (`2024-05-01T10:00:00Z` → `2024-05-01`): Hearth dates diagnoses by day.
    static func day(_ node: FHIRNode, _ key: String) throws -> String? {
        guard let text = try node.string(key) else { return nil }
        guard CalendarDate(String(text.prefix(10))) != nil else { throw node.failure("Use a date as YYYY-MM-DD.", at: key) }
        return String(text.prefix(10))
    }

    /// A written (or already kept) resource with its Location; one already kept is audited as a read (an update was
    /// audited as the change it made: `updated`).
    func written(_ resource: some Encodable, type: String, id: UUID, patientID: UUID, status: HTTPResponseStatus, _ context: FHIRWriteContext,
                 updated: Bool = false) async throws -> Response {
        if status == .ok, !updated {
            try await context.audit("\(type.lowercased()).read", patientID: patientID, resourceType: type, resourceID: id.uuidString, detail: "FHIR write answered")
        }
        // `Prefer: return=minimal`: the status and Location only (an import reads nothing else).
        let served = try FHIRServed(resource)
        let response = context.req.prefersMinimalReturn ? Response(status: status) : try Response.fhir(served.json, status: status)
        served.describe(response) // the ETag a later If-Match names
        response.headers.replaceOrAdd(name: .location, value: FHIRAddress(context.req).resource(type, id.uuidString.lowercased()))
        return response
    }
}

/// A Condition as the chart's diagnosis form takes it: an ICD-10-CM code, primary or secondary, the onset day, and
/// active or resolved on a day. Anything else is refused by its path.
struct ConditionWrite: Sendable {
    var coded: DiagnosisDraft.Coded
    var resolved: String?
    var patientReference: (text: String, path: String)

    init(_ node: FHIRNode, req: Request) throws {
        try node.allowOnly(["resourceType", "id", "meta", "text", "clinicalStatus", "verificationStatus", "category", "code", "subject",
                            "onsetDateTime", "abatementDateTime"])
        guard let subject = try node.object("subject") else { throw node.failure("Name the patient: subject.reference.", at: "subject") }
        try subject.allowOnly(["reference", "display"])
        patientReference = (try subject.string("reference") ?? "", subject.path + ".reference")
        guard let code = try node.object("code") else { throw node.failure("Send the diagnosis code.", at: "code") }
        let concept = try FHIRConcept.concept(code)
        guard let coding = concept.coding?.first(where: { $0.system == FHIRCondition.icd10 }), let typed = coding.code else {
            throw code.failure("Hearth records diagnoses in ICD-10-CM: send a coding of \(FHIRCondition.icd10).", at: "coding", code: "code-invalid")
        }
        let primary = try node.array("category").contains { try FHIRConcept.concept($0).text == "Primary diagnosis" }
        let onset = try FHIRController.day(node, "onsetDateTime")
        let draft = DiagnosisDraft(code: typed, rank: primary ? "primary" : "secondary", onset: onset ?? "")
        switch draft.coded(today: req.agencyToday, codes: req.application.icd10CodeSet, examples: req.application.icd10) {
        case .success(let valid): coded = valid
        case .failure(let problems):
            let paths = ["code": "Condition.code.coding", "onset": "Condition.onsetDateTime", "rank": "Condition.category"]
            throw FHIRWriteError(status: .unprocessableEntity, issues: problems.byField.sorted { $0.key < $1.key }.map {
                FHIRIssue(code: "invalid", diagnostics: $0.value, expression: [paths[$0.key] ?? "Condition"])
            })
        }
        let status = try node.object("clinicalStatus").map { try FHIRConcept.concept($0).coding?.first?.code } ?? "active"
        resolved = try FHIRController.day(node, "abatementDateTime")
        guard status == "active" || (status == "resolved" && resolved != nil) else {
            throw node.failure("Send clinicalStatus active, or resolved with abatementDateTime.", at: "clinicalStatus")
        }
    }

    /// Sets what the Condition says; the patient and who recorded it stay.
    func apply(to diagnosis: Diagnosis) {
        diagnosis.code = coded.code.value
        diagnosis.title = coded.title
        diagnosis.rank = coded.rank.rawValue
        diagnosis.onsetDate = coded.onset?.description
        diagnosis.resolvedDate = resolved
    }

    /// The diagnosis as its line in the chart's history says it.
    static func summary(_ diagnosis: Diagnosis) -> String {
        "\(diagnosis.code) \(diagnosis.title) (\(diagnosis.rank))" + (diagnosis.resolvedDate.map { ", resolved \($0)" } ?? "")
    }
}

/// An AllergyIntolerance as the chart's allergy form takes it: the substance in words, one reaction and its severity
/// (criticality follows from it). Anything else is refused by its path.
struct AllergyWrite: Sendable {
    var draft: AllergyDraft
    var severity: AllergyDraft.Severity
    var patientReference: (text: String, path: String)

    init(_ node: FHIRNode) throws {
        try node.allowOnly(["resourceType", "id", "meta", "text", "clinicalStatus", "verificationStatus", "type", "category", "criticality", "code", "patient", "reaction"])
        guard let reference = try node.object("patient") else { throw node.failure("Name the patient: patient.reference.", at: "patient") }
        try reference.allowOnly(["reference", "display"])
        patientReference = (try reference.string("reference") ?? "", reference.path + ".reference")
        guard let code = try node.object("code") else { throw node.failure("Name the substance: code.text.", at: "code") }
        try code.allowOnly(["text"], why: "Hearth keeps the substance in words")
        let reactions = try node.array("reaction")
        if reactions.count > 1 { throw reactions[1].failure("Hearth keeps one reaction per allergy.") }
        var reactionText = "", severity = ""
        if let reaction = reactions.first {
            try reaction.allowOnly(["manifestation", "severity"])
            reactionText = try reaction.array("manifestation").map { try FHIRConcept.concept($0).text ?? "" }.filter { !$0.isEmpty }.joined(separator: ", ")
            severity = try reaction.string("severity") ?? ""
        }
        draft = AllergyDraft(substance: try code.string("text") ?? "", reaction: reactionText, severity: severity)
        let problems = draft.problems
        guard problems.isEmpty, let level = draft.severity else {
            let paths = ["substance": "AllergyIntolerance.code.text", "reaction": "AllergyIntolerance.reaction[0].manifestation", "severity": "AllergyIntolerance.reaction[0].severity"]
            throw FHIRWriteError(status: .unprocessableEntity, issues: problems.sorted { $0.key < $1.key }.map {
                FHIRIssue(code: "invalid", diagnostics: $0.value, expression: [paths[$0.key] ?? "AllergyIntolerance"])
            })
        }
        if let criticality = try node.string("criticality"), criticality != (level == .severe ? "high" : "low") {
            throw node.failure("Hearth derives criticality from the reaction's severity (severe is high, else low).", at: "criticality")
        }
        self.severity = level
    }
}
