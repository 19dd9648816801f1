import Fluent
import Foundation

/// One entry of the audit trail. Written unsealed (no sequence); the sealer later links it into the hash chain.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"
    var properties: [any AnyProperty] {
        listed([
            $id, $sequence, $occurredAtMillis, $actorID, $actorName, $action, $outcome, $patientID, $resourceType, $resourceID,
            $sourceIP, $requestID, $detail, $previousHash, $hash
        ])
    }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "seq") var sequence: Int64?
    @Field(key: "occurred_at_ms") var occurredAtMillis: Int64
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "patient_id") var patientID: UUID?
    @OptionalField(key: "resource_type") var resourceType: String?
    @OptionalField(key: "resource_id") var resourceID: String?
    @OptionalField(key: "source_ip") var sourceIP: String?
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "detail") var detail: String?
    @OptionalField(key: "prev_hash") var previousHash: String?
    @OptionalField(key: "hash") var hash: String?

    init() {}
}

/// The last sealed audit record, so that deleting the tail of the chain is detected too.
final class AuditChainHead: Model, @unchecked Sendable {
    static let schema = "audit_chain_head"
    var properties: [any AnyProperty] { listed([$id, $sequence, $hash]) }
    /// There is only one head row.
    static let rowID = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!

    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var sequence: Int64
    @Field(key: "hash") var hash: String

    init() {}

    init(sequence: Int64, hash: String) {
        self.id = Self.rowID
        self.sequence = sequence
        self.hash = hash
    }
}
