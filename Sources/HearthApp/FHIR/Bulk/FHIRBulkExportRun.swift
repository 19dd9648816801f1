import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// Advances a bulk export while its client polls: a poll takes the job's lease (so two instances never export the same
/// patients), exports batches of patients in id order for up to `budget` seconds, each batch's NDJSON lines appended to
/// the job's files and each patient's export audited in one transaction, then lets the lease go. Memory holds one batch.
struct FHIRBulkExportRun {
    static let batchSize = 50
    /// A file holds at most this many resources; the next ones start a new file of the same type.
    static let fileLines = 10_000
    static let lease: TimeInterval = 120
    static let budget: TimeInterval = 2

    let job: BulkExportJob
    let req: Request

    /// The export's population: the patients its user may read (`PatientAccess.visiblePatients`), within its Group.
    static func patients(of job: BulkExportJob, user: CurrentUser, on db: any Database) async throws -> QueryBuilder<Patient> {
        try await patients(in: job.groupID.flatMap(FHIRExportGroup.init), user: user, on: db)
    }

    /// The group's members the user may read (every patient she may read, without a group).
    static func patients(in group: FHIRExportGroup?, user: CurrentUser, on db: any Database) async throws -> QueryBuilder<Patient> {
        let query = try await PatientAccess.visiblePatients(for: user, on: db)
        guard let group else { return query }
        switch group.kind {
        case .caseload:
            query.filter(\.$caseManager.$id == group.member)
        case .payer:
            let members = try await Coverage.query(on: db).filter(\.$payerOrganization.$id == group.member).all(\.$patient.$id)
            if members.isEmpty { query.filter(\.$mrn == "") } else { query.filter(\.$id ~~ Array(Set(members))) }
        }
        return query
    }

    /// Exports what the budget allows and answers the job as it now stands.
    func advance() async throws -> BulkExportJob {
        let jobID = try job.requireID()
        let token = UUID().uuidString
        let now = req.now
        try await BulkExportJob.query(on: req.db).filter(\.$id == jobID).filter(\.$status == BulkExportJob.Status.inProgress.rawValue)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < now) }
            .set(\.$leaseToken, to: token).set(\.$leaseUntil, to: now.addingTimeInterval(Self.lease)).update()
        guard let claimed = try await BulkExportJob.find(jobID, on: req.db), claimed.leaseToken == token else {
            return try await BulkExportJob.find(jobID, on: req.db) ?? job // another poll is advancing it
        }
        let started = ProcessInfo.processInfo.systemUptime
        var finished = false
        while !finished, ProcessInfo.processInfo.systemUptime - started < Self.budget {
            finished = try await step(claimed, token: token)
        }
        try await BulkExportJob.query(on: req.db).filter(\.$id == jobID).filter(\.$leaseToken == token)
            .set(\.$leaseToken, to: nil).set(\.$leaseUntil, to: nil).update()
        return try await BulkExportJob.find(jobID, on: req.db) ?? claimed
    }

    /// One batch of patients; true when it was the last.
    private func step(_ job: BulkExportJob, token: String) async throws -> Bool {
        let query = try await Self.patients(of: job, user: try req.currentUser, on: req.db)
        if let cursor = job.cursor { query.filter(\.$id > cursor) }
        let batch = try await query.sort(\.$id).limit(Self.batchSize).all()
        var lines: [String: [String]] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for patient in batch {
            for resource in try await FHIRController().wholeRecord(of: patient, types: job.typeList, since: job.since, req: req) {
                guard let json = resource.json.pruned else { continue }
                lines[resource.type, default: []].append(String(decoding: try encoder.encode(json), as: UTF8.self))
            }
        }
        let finished = batch.count < Self.batchSize
        let output = lines
        let jobName = try job.requireID().uuidString.lowercased()
        try await req.auditedWrite { db, audit in
            guard let current = try await BulkExportJob.find(job.id, on: db), current.leaseToken == token,
                  current.status == BulkExportJob.Status.inProgress.rawValue else { return }
            for (type, typeLines) in output { try await append(typeLines, type: type, job: current, on: db) }
            for patient in batch {
                try await audit("patient.export", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString,
                                    detail: "FHIR bulk $export \(jobName)")
            }
            current.cursor = batch.last?.id ?? current.cursor
            current.patientsDone += batch.count
            if finished { current.status = BulkExportJob.Status.complete.rawValue }
            try await current.save(on: db)
            job.cursor = current.cursor
            job.patientsDone = current.patientsDone
        }
        return finished
    }

    /// Appends lines to the type's open file, or starts one; a file is never read back to grow it.
    private func append(_ lines: [String], type: String, job: BulkExportJob, on db: any Database) async throws {
        let jobID = try job.requireID()
        let text = lines.joined(separator: "\n") + "\n"
        let open = try await BulkExportFile.query(on: db).filter(\.$job.$id == jobID).filter(\.$resourceType == type)
            .filter(\.$lineCount < Self.fileLines).field(\.$id).field(\.$job.$id).field(\.$resourceType).field(\.$lineCount).first()
        if let open, let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE \(ident: BulkExportFile.schema) SET ndjson = ndjson || \(bind: text), line_count = line_count + \(bind: lines.count) WHERE id = \(bind: try open.requireID())").run()
            return
        }
        let file = BulkExportFile()
        file.$job.id = jobID
        file.resourceType = type
        file.lineCount = lines.count
        file.ndjson = text
        file.createdAt = req.now
        try await file.create(on: db)
    }
}
