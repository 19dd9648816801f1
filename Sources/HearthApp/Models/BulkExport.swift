import Fluent
import Foundation

/// A FHIR bulk export a client asked for (Bulk Data Access IG, async pattern): who asked, what, and how far it has
/// come. Kept in the database so whichever Hearth instance a poll reaches can report and advance it.
final class BulkExportJob: Model, @unchecked Sendable {
    static let schema = "bulk_export_jobs"
    var properties: [any AnyProperty] {
        listed([$id, $user, $level, $groupID, $types, $since, $requestURL, $transactionTime, $status, $patientTotal, $patientsDone,
                $cursor, $leaseToken, $leaseUntil, $createdAt])
    }

    enum Status: String { case inProgress = "in-progress", complete, cancelled }

    @ID(key: .id) var id: UUID?
    /// The user the export reads as (a SMART client's user): only she may poll, download or cancel it.
    @Parent(key: "user_id") var user: User
    /// `system`, `patient` or `group`.
    @Field(key: "level") var level: String
    @OptionalField(key: "group_id") var groupID: String?
    /// The resource types, comma-separated.
    @Field(key: "types") var types: String
    @OptionalField(key: "since") var since: Date?
    /// The kick-off request's address, as the manifest repeats it.
    @Field(key: "request_url") var requestURL: String
    @Field(key: "transaction_time") var transactionTime: Date
    @Field(key: "status") var status: String
    @Field(key: "patient_total") var patientTotal: Int
    @Field(key: "patients_done") var patientsDone: Int
    /// The last patient exported (patients go in id order).
    @OptionalField(key: "cursor") var cursor: UUID?
    /// Which poll is advancing the export, until when: two instances never export the same patients twice.
    @OptionalField(key: "lease_token") var leaseToken: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var typeList: [String] { types.split(separator: ",").map(String.init) }
}

/// One NDJSON output file of an export: resources of one type, one per line.
final class BulkExportFile: Model, @unchecked Sendable {
    static let schema = "bulk_export_files"
    var properties: [any AnyProperty] { listed([$id, $job, $resourceType, $lineCount, $ndjson, $createdAt, $part]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "job_id") var job: BulkExportJob
    @Field(key: "resource_type") var resourceType: String
    @Field(key: "line_count") var lineCount: Int
    /// Files written before migration 034 hold their lines here; since, their chunks do and this is empty.
    @Field(key: "ndjson") var ndjson: String
    @Field(key: "created_at") var createdAt: Date
    /// The file's number among its type's files, from 0: the manifest lists them in this order.
    @Field(key: "part") var part: Int

    init() {}
}

/// One batch's lines of an export file, in `seq` order; a download streams a file's chunks one after another.
final class BulkExportChunk: Model, @unchecked Sendable {
    static let schema = "bulk_export_chunks"
    var properties: [any AnyProperty] { listed([$id, $file, $seq, $lineCount, $ndjson]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "file_id") var file: BulkExportFile
    @Field(key: "seq") var seq: Int
    @Field(key: "line_count") var lineCount: Int
    @Field(key: "ndjson") var ndjson: String

    init() {}
}
