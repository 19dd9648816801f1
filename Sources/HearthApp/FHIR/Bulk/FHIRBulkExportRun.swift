import Fluent
import Foundation
import HearthCore
import Vapor

/// Advances a bulk export while its client polls: a poll takes the job's lease (so two instances never export the same
/// patients), exports batches of patients in id order for up to `budget` seconds, each batch's NDJSON lines added to the
/// job's files as new chunks and each patient's export audited in one transaction, then lets the lease go. Memory holds
/// one batch; a batch reads each table once for all its patients (`FHIRBatchRecords`).
struct FHIRBulkExportRun {
    /// Patients per batch, and resources per file: a file holds at most `fileLines` resources, the next ones start a
    /// new file of the same type. Tests make them small to see many batches and files.
    struct Sizes: Sendable {
        var batch = 200
        var fileLines = 10_000
    }

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
        let sizes = req.application.bulkExportSizes
        let query = try await Self.patients(of: job, user: try req.currentUser, on: req.db)
        if let cursor = job.cursor { query.filter(\.$id > cursor) }
        let batch = try await query.sort(\.$id).limit(sizes.batch).all()
        var lines: [String: [String]] = [:]
        for (type, resources) in try await FHIRBatchRecords(patients: batch, types: job.typeList, since: job.since, req: req).byType() {
            lines[type] = resources.compactMap { resource in resource.json.pruned.map { String(decoding: $0.jsonBytes, as: UTF8.self) } }
        }
        let finished = batch.count < sizes.batch
        let output = lines
        let jobName = try job.requireID().uuidString.lowercased()
        try await req.auditedWrite { db, audit in
            guard let current = try await BulkExportJob.find(job.id, on: db), current.leaseToken == token,
                  current.status == BulkExportJob.Status.inProgress.rawValue else { return }
            for type in job.typeList {
                guard let typeLines = output[type], !typeLines.isEmpty else { continue }
                try await append(typeLines, type: type, job: current, fileLines: sizes.fileLines, on: db)
            }
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

    /// Adds lines to the type's open file as a new chunk, starting a file when it is full: nothing written is rewritten.
    private func append(_ lines: [String], type: String, job: BulkExportJob, fileLines: Int, on db: any Database) async throws {
        let jobID = try job.requireID()
        var rest = lines[...]
        while !rest.isEmpty {
            let file: BulkExportFile
            if let open = try await BulkExportFile.query(on: db).filter(\.$job.$id == jobID).filter(\.$resourceType == type)
                .filter(\.$lineCount < fileLines).sort(\.$part, .descending)
                .field(\.$id).field(\.$job.$id).field(\.$resourceType).field(\.$lineCount).field(\.$part).first() {
                file = open
            } else {
                let parts = try await BulkExportFile.query(on: db).filter(\.$job.$id == jobID).filter(\.$resourceType == type).count()
                file = BulkExportFile()
                file.$job.id = jobID
                file.resourceType = type
                file.lineCount = 0
                file.part = parts
                file.ndjson = ""
                file.createdAt = req.now
                try await file.create(on: db)
            }
            let part = rest.prefix(max(1, fileLines - file.lineCount))
            rest = rest.dropFirst(part.count)
            let chunk = BulkExportChunk()
            chunk.$file.id = try file.requireID()
            chunk.seq = file.lineCount
            chunk.lineCount = part.count
            chunk.ndjson = part.joined(separator: "\n") + "\n"
            try await chunk.create(on: db)
            try await BulkExportFile.query(on: db).filter(\.$id == file.requireID()).set(\.$lineCount, to: file.lineCount + part.count).update()
        }
    }
}

extension Application {
    private struct BulkExportSizesKey: StorageKey { typealias Value = FHIRBulkExportRun.Sizes }

    /// How many patients a bulk export batch holds and how many resources a file (`FHIRBulkExportRun.Sizes`).
    var bulkExportSizes: FHIRBulkExportRun.Sizes {
        get { storage[BulkExportSizesKey.self] ?? .init() }
        set { storage[BulkExportSizesKey.self] = newValue }
    }
}
