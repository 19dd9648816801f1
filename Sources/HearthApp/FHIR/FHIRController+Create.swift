import Fluent
import Foundation
import HearthCore
import Vapor

extension FHIRController {
    /// `POST /fhir/Patient`: registers a patient with the same checks as the web form. With
    /// `If-None-Exist: identifier=system|value` an existing match is answered (200) instead of a second record.
    func createPatient(req: Request) async throws -> Response {
        try await writing(req) { context in
            try await postPatient(try FHIRNode.body(req, type: "Patient"), ifNoneExist: req.headers.first(name: "If-None-Exist"), context, onMatch: .hold)
        }
    }

    /// `PUT /fhir/Patient/{id}`: replaces the patient's demographics with what is sent.
    func updatePatient(req: Request) async throws -> Response {
        try await writing(req) { context in
            try await putPatient(try FHIRNode.body(req, type: "Patient"), url: "Patient/" + (req.parameters.get("id") ?? ""), context)
        }
    }

    /// `PUT /fhir/Patient?identifier=system|value`: updates the one patient the identifier names, or registers one
    /// when none does.
    func conditionalUpdatePatient(req: Request) async throws -> Response {
        try await writing(req) { context in
            try await putPatient(try FHIRNode.body(req, type: "Patient"), url: "Patient?" + (req.url.query ?? ""), context)
        }
    }

    /// A Patient that may be a registered one is held for a person to confirm, or refused (`FHIRPatientHold`).
    func postPatient(_ node: FHIRNode, ifNoneExist: String?, _ context: FHIRWriteContext, onMatch: FHIRPatientHold.OnMatch) async throws -> Response {
        let write = try PatientWrite(node, today: context.req.agencyToday)
        let criterion = try ifNoneExist.map { try FHIRPatientStore.identifierCriterion($0, at: "If-None-Exist") }
        // If-None-Exist, the identifiers, the name and date of birth and a new MRN, asked at once.
        let mrn = MedicalRecordNumber.random()
        let screen = try await FHIRPatientStore.screen(write, ifNoneExist: criterion, mrn: mrn, context)
        if let criterion, screen.matched, let existing = try await existingMatch(criterion, context) {
            return try await patientResponse(existing, status: .ok, context)
        }
        if let held = try await FHIRPatientHold.check(node, write, onMatch, context, screen: screen) { return held }
        // Checked just now: nobody holds its identifiers or has its name and date of birth.
        let created = try await FHIRPatientStore.create(write, context, at: "Patient", screened: true, mrn: screen.mrnTaken ? nil : mrn)
        return try await patientResponse(created, status: .created, context)
    }

    /// `url` is `Patient/<id>` or `Patient?identifier=system|value`.
    func putPatient(_ node: FHIRNode, url: String, _ context: FHIRWriteContext) async throws -> Response {
        let write = try PatientWrite(node, today: context.req.agencyToday)
        if url.hasPrefix("Patient?") {
            let criterion = try FHIRPatientStore.identifierCriterion(String(url.dropFirst("Patient?".count)), at: "Patient?")
            let matches = try await FHIRPatientStore.matches(criterion, on: context.db)
            guard matches.count <= 1 else {
                throw FHIRWriteError(.preconditionFailed, "The identifier matches more than one patient; update by id.", code: "multiple-matches")
            }
            guard let patient = matches.first else {
                _ = try await FHIRPatientHold.check(node, write, .refuse, context, absent: criterion)
                return try await patientResponse(try await FHIRPatientStore.create(write, context, at: "Patient", screened: true), status: .created, context)
            }
            try await checkIfMatch(patient, context)
            _ = try await FHIRPatientStore.update(patient, with: write, context, at: "Patient")
            return try await patientResponse(patient, status: .ok, context)
        }
        let id = UUID(uuidString: String(url.dropFirst("Patient/".count)))
        guard url.hasPrefix("Patient/"), let id, let patient = try await Patient.find(id, on: context.db) else {
            throw FHIRWriteError(.notFound, "No patient has this id; Hearth assigns ids, so create with POST.", code: "not-found")
        }
        guard write.id == nil || write.id?.lowercased() == id.uuidString.lowercased() else {
            throw FHIRWriteError(.badRequest, "The id in the body must be the id in the URL.", at: "Patient.id")
        }
        try await checkIfMatch(patient, context)
        _ = try await FHIRPatientStore.update(patient, with: write, context, at: "Patient")
        return try await patientResponse(patient, status: .ok, context)
    }

    /// `If-Match` on a PUT: the update applies only to the version the client read, else 412 and nothing changes.
    private func checkIfMatch(_ patient: Patient, _ context: FHIRWriteContext) async throws {
        guard let tag = context.ifMatch else { return }
        try await context.authorize(.write, patient, at: "Patient")
        let current = try FHIRServed(try await FHIRPatientStore.resource(patient, on: context.db))
        guard FHIRServed.version(inTag: tag) == current.versionID else {
            throw FHIRWriteError(.preconditionFailed, "The patient changed since the version in If-Match (now \(current.versionID)); read it again and apply your change to that.", code: "conflict")
        }
    }

    /// The one patient a conditional create matches, if the caller may see it; nil when none does.
    func existingMatch(_ criterion: FHIRPatientStore.Criterion, _ context: FHIRWriteContext) async throws -> Patient? {
        try await context.insertKept()
        let matches = try await FHIRPatientStore.matches(criterion, on: context.db)
        guard matches.count <= 1 else {
            throw FHIRWriteError(.preconditionFailed, "If-None-Exist matches more than one patient.", code: "multiple-matches")
        }
        guard let match = matches.first else { return nil }
        do {
            try await context.authorize(.read, match, at: "If-None-Exist")
        } catch var error as FHIRWriteError {
            // Never a silent duplicate: the partner hears the identifier is taken, and nothing of the patient.
            error.issues = [FHIRIssue(code: "duplicate", diagnostics: "A patient with this identifier is already registered and is not shared with your account; ask the agency to match the records.", expression: ["If-None-Exist"])]
            error.status = .conflict
            throw error
        }
        return match
    }

    /// A patient as written, with its Location; a match answered instead of a create is audited as a read.
    func patientResponse(_ patient: Patient, status: HTTPResponseStatus, _ context: FHIRWriteContext) async throws -> Response {
        let id = try patient.requireID()
        if status == .ok {
            try await context.audit("patient.read", patientID: id, resourceType: "Patient", resourceID: id.uuidString, detail: "FHIR write answered")
        }
        let location = FHIRAddress(context.req).resource(.Patient, id: id)
        if context.req.prefersMinimalReturn { // status and Location only: the patient is not read back
            let response = Response(status: status)
            response.headers.replaceOrAdd(name: .location, value: location)
            return response
        }
        try await context.insertKept() // the patient's identifiers, read back
        let served = try FHIRServed(try await FHIRPatientStore.resource(patient, on: context.db))
        let response = try Response.fhir(served.json, status: status)
        served.describe(response)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }

    /// Runs one FHIR write in a transaction with its audit records; a refusal answers an OperationOutcome naming the
    /// element, and the policy's refusals are audited after the rollback.
    func writing(_ req: Request, _ body: @escaping @Sendable (FHIRWriteContext) async throws -> Response) async throws -> Response {
        do {
            return try await req.auditedWrite { db, audit in
                try await body(FHIRWriteContext(req: req, db: db, audit: audit, ifMatch: req.method == .PUT ? req.headers.first(name: .ifMatch) : nil))
            }
        } catch let error as FHIRWriteError {
            try await req.auditDenials(error)
            return error.response
        }
    }
}
