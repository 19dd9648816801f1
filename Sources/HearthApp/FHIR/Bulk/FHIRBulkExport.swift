import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR Bulk Data export, async pattern (Bulk Data Access IG v2 "Export"): kick-off answers 202 with a status URL;
/// polls answer 202 with `X-Progress` until the manifest is ready, then 200 with it; the NDJSON files are fetched with
/// the same token; DELETE cancels. Jobs and files live in the database, so any instance serves any step.
struct FHIRBulkExportController {
    static let ndjson = HTTPMediaType(type: "application", subType: "fhir+ndjson")
    static let outputFormats: Set<String> = ["application/fhir+ndjson", "application/ndjson", "ndjson"]

    /// `GET /fhir/$export`: every patient the caller may read.
    func exportSystem(req: Request) async throws -> Response { try await kickOff(req, level: "system", group: nil) }

    /// `GET /fhir/Patient/$export`: the same population, as the IG's patient-level export.
    func exportPatients(req: Request) async throws -> Response { try await kickOff(req, level: "patient", group: nil) }

    /// `GET /fhir/Group/<id>/$export`: a caseload (`caseload-<case manager id>`) or a payer's members
    /// (`payer-<organization id>`), within what the caller may read.
    func exportGroup(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard let group = FHIRExportGroup(id) else {
            throw AppError.notFound("Groups are caseload-<case manager id> and payer-<payer organization id>.")
        }
        return try await kickOff(req, level: "group", group: group)
    }

    private func kickOff(_ req: Request, level: String, group: FHIRExportGroup?) async throws -> Response {
        let prefer = req.headers[canonicalForm: "Prefer"].map { $0.lowercased().replacingOccurrences(of: " ", with: "") }
        guard prefer.contains("respond-async") else {
            throw AppError.badRequest("A bulk export runs asynchronously: send the header Prefer: respond-async.")
        }
        if let format = req.query[String.self, at: "_outputFormat"], !Self.outputFormats.contains(format) {
            throw AppError.badRequest("_outputFormat may be application/fhir+ndjson only.")
        }
        if req.query[String.self, at: "_typeFilter"] != nil {
            throw AppError.badRequest("_typeFilter is not supported; narrow the export with _type and _since.")
        }
        let filter = try FHIRRecordFilter(types: req.query[String.self, at: "_type"], since: req.query[String.self, at: "_since"],
                                          zone: req.application.settings.agencyTimeZone)
        let user = try req.currentUser
        let job = BulkExportJob()
        job.id = UUID()
        job.$user.id = user.id
        job.level = level
        job.groupID = group?.id
        job.types = (filter.types ?? FHIRController.recordTypes).joined(separator: ",")
        job.since = filter.since
        job.requestURL = req.publicOrigin + req.url.string
        job.transactionTime = req.now
        job.status = BulkExportJob.Status.inProgress.rawValue
        job.patientTotal = try await FHIRBulkExportRun.patients(of: job, user: user, on: req.db).count()
        job.patientsDone = 0
        job.createdAt = req.now
        try await req.auditedWrite { db, audit in
            try await job.create(on: db)
            try await audit("bulk.export.start", resourceType: "Group", resourceID: group?.id,
                                detail: "FHIR \(level) $export of \(job.patientTotal) patients; types \(job.types)")
        }
        let response = try Response.fhir(OperationOutcome(severity: "information", code: "informational",
                                                          diagnostics: "Export started for \(job.patientTotal) patients; poll the Content-Location."), status: .accepted)
        response.headers.replaceOrAdd(name: .contentLocation, value: Self.statusURL(job, req))
        return response
    }

    /// `GET /fhir/$export-status/<job>`: 202 with progress (advancing the export by a step), or 200 with the manifest.
    func status(req: Request) async throws -> Response {
        let job = try await ownJob(req)
        // A poll that finds the export running advances it and reports progress; the manifest comes on the next.
        if job.status == BulkExportJob.Status.inProgress.rawValue {
            let advanced = try await FHIRBulkExportRun(job: job, req: req).advance()
            let response = Response(status: .accepted)
            response.headers.replaceOrAdd(name: "X-Progress", value: "\(advanced.patientsDone) of \(max(advanced.patientTotal, advanced.patientsDone)) patients exported")
            response.headers.replaceOrAdd(name: .retryAfter, value: "1")
            return response
        }
        let files = try await BulkExportFile.query(on: req.db).filter(\.$job.$id == job.requireID())
            .field(\.$id).field(\.$resourceType).field(\.$lineCount).field(\.$job.$id).field(\.$createdAt).field(\.$part)
            .sort(\.$part).sort(\.$createdAt).sort(\.$id).all()
        let order = FHIRController.recordTypes
        let base = FHIRAddress(req)
        // By type in `recordTypes` order, then each type's files in the order they were written.
        let output: [FHIRJSON] = files.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.resourceType) ?? 0, order.firstIndex(of: b.element.resourceType) ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element).map { file in
            .object(["type": .string(file.resourceType), "url": .string(base.url(.exportFile((file.id ?? UUID()).uuidString.lowercased()))),
                     "count": .number(Double(file.lineCount))])
        }
        let manifest = FHIRJSON.object([
            "transactionTime": .string(job.transactionTime.fhirInstant), "request": .string(job.requestURL),
            "requiresAccessToken": .bool(true), "output": .array(output), "error": .array([]),
        ])
        let response = Response(status: .ok)
        try response.content.encode(manifest, using: JSONEncoder())
        response.headers.contentType = .json
        return response
    }

    /// `DELETE /fhir/$export-status/<job>`: cancels the export and deletes its files (202).
    func cancel(req: Request) async throws -> Response {
        let job = try await ownJob(req)
        let jobID = try job.requireID()
        try await req.auditedWrite { db, audit in
            let files = try await BulkExportFile.query(on: db).filter(\.$job.$id == jobID).all(\.$id)
            if !files.isEmpty { try await BulkExportChunk.query(on: db).filter(\.$file.$id ~~ files).delete() }
            try await BulkExportFile.query(on: db).filter(\.$job.$id == jobID).delete()
            job.status = BulkExportJob.Status.cancelled.rawValue
            try await job.save(on: db)
            try await audit("bulk.export.cancel", detail: "FHIR $export \(jobID.uuidString.lowercased())")
        }
        return try .fhir(OperationOutcome(severity: "information", code: "informational", diagnostics: "Export cancelled and its files deleted."), status: .accepted)
    }

    /// `GET /fhir/$export-file/<file>`: one NDJSON file, to the user whose export it is, streamed chunk by chunk.
    func download(req: Request) async throws -> Response {
        guard let id = req.parameters.get("file", as: UUID.self), let file = try await BulkExportFile.find(id, on: req.db),
              let job = try await BulkExportJob.find(file.$job.id, on: req.db), job.$user.id == (try req.currentUser).id,
              job.status == BulkExportJob.Status.complete.rawValue else { throw AppError.notFound() }
        try await req.auditRead("bulk.export.download", resourceType: file.resourceType, resourceID: id.uuidString,
                                detail: "FHIR $export file of \(file.lineCount) \(file.resourceType)")
        let chunks = try await BulkExportChunk.query(on: req.db).filter(\.$file.$id == id).sort(\.$seq).all(\.$id)
        let (db, legacy) = (req.db, file.ndjson)
        let response = Response(status: .ok, body: .init(managedAsyncStream: { writer in
            if !legacy.isEmpty { try await writer.writeBuffer(ByteBuffer(string: legacy)) }
            for chunk in chunks {
                guard let text = try await BulkExportChunk.find(chunk, on: db)?.ndjson else { continue }
                try await writer.writeBuffer(ByteBuffer(string: text))
            }
        }))
        response.headers.contentType = Self.ndjson
        return response
    }

    /// The caller's own job; anyone else's is not found, as is a cancelled one.
    private func ownJob(_ req: Request) async throws -> BulkExportJob {
        guard let id = req.parameters.get("job", as: UUID.self), let job = try await BulkExportJob.find(id, on: req.db),
              job.$user.id == (try req.currentUser).id, job.status != BulkExportJob.Status.cancelled.rawValue else {
            throw AppError.notFound()
        }
        return job
    }

    static func statusURL(_ job: BulkExportJob, _ req: Request) -> String {
        FHIRAddress(req).url(.exportStatus((job.id ?? UUID()).uuidString.lowercased()))
    }
}

/// A Group Hearth exports: a case manager's caseload or a payer organization's members.
struct FHIRExportGroup: Equatable {
    enum Kind: String { case caseload, payer }
    var kind: Kind
    var member: UUID

    init?(_ id: String) {
        let parts = id.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), let member = UUID(uuidString: parts[1]) else { return nil }
        self.kind = kind
        self.member = member
    }

    var id: String { "\(kind.rawValue)-\(member.uuidString.lowercased())" }
}
