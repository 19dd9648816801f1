import Crypto
import Foundation

/// The facts of one audit record that its hash covers: who did what, to which patient and record, when, from where.
public struct AuditFacts: Sendable, Equatable {
    public var id: UUID
    /// Milliseconds since 1970 UTC; whole milliseconds so the value survives every database unchanged.
    public var occurredAtMillis: Int64
    public var actorID: UUID?
    public var actorName: String
    public var action: String
    public var outcome: String
    public var patientID: UUID?
    public var resourceType: String?
    public var resourceID: String?
    public var sourceIP: String?
    public var requestID: String?
    public var detail: String?

    public init(
        id: UUID, occurredAtMillis: Int64, actorID: UUID?, actorName: String, action: String, outcome: String,
        patientID: UUID?, resourceType: String?, resourceID: String?, sourceIP: String?, requestID: String?,
        detail: String?
    ) {
        self.id = id
        self.occurredAtMillis = occurredAtMillis
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.outcome = outcome
        self.patientID = patientID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.sourceIP = sourceIP
        self.requestID = requestID
        self.detail = detail
    }

    /// One unambiguous line per record: every field is length-prefixed, so no value can imitate another.
    var canonical: String {
        let fields: [String?] = [
            id.uuidString, String(occurredAtMillis), actorID?.uuidString, actorName, action, outcome,
            patientID?.uuidString, resourceType, resourceID, sourceIP, requestID, detail,
        ]
        return fields.map { field in
            guard let field else { return "-" }
            return "\(field.utf8.count):\(field)"
        }.joined(separator: "|")
    }
}

/// An audit record after the sealer placed it in the chain.
public struct SealedAuditRecord: Sendable, Equatable {
    public var sequence: Int64
    public var facts: AuditFacts
    public var previousHash: String
    public var hash: String

    public init(sequence: Int64, facts: AuditFacts, previousHash: String, hash: String) {
        self.sequence = sequence
        self.facts = facts
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The secret that keys the chain: kept outside the database (`HEARTH_AUDIT_KEY` or a key file), so that whoever can
/// write the database still cannot compute the hash of a record they forge.
public struct AuditKey: Sendable, Equatable {
    /// At least 32 bytes: the HMAC-SHA256 key length (RFC 2104 section 3).
    public static let minimumLength = 32
    let bytes: Data

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= Self.minimumLength else { return nil }
        bytes = Data(trimmed.utf8)
    }

    /// A new random key, as hex (64 characters), for a key file.
    public static func generate() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.hexString
    }

    func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes))).hexString
    }
}

/// The hash chain that makes the audit trail tamper-evident (HIPAA audit controls, 45 CFR 164.312(b)).
/// With a key each link is an HMAC-SHA256 and its hash carries the `hmac:` prefix; without one (and in trails sealed
/// before keys existed) a plain SHA-256. Each record names its scheme, so an older unkeyed stretch keeps verifying.
public enum AuditChain {
    /// The "previous hash" of the first record.
    public static let genesis = String(repeating: "0", count: 64)
    public static let keyedPrefix = "hmac:"

    public static func hash(_ facts: AuditFacts, sequence: Int64, previousHash: String, key: AuditKey? = nil) -> String {
        let line = "\(sequence)|\(previousHash)|\(facts.canonical)"
        guard let key else { return Data(SHA256.hash(data: Data(line.utf8))).hexString }
        return keyedPrefix + key.mac(line)
    }

    public static func isKeyed(_ hash: String) -> Bool { hash.hasPrefix(keyedPrefix) }

    /// Links records to the chain in order, starting after the given head.
    public static func seal(_ records: [AuditFacts], after head: ChainHead, key: AuditKey? = nil) -> [SealedAuditRecord] {
        var head = head
        return records.map { facts in
            let sequence = head.sequence + 1
            let sealed = SealedAuditRecord(
                sequence: sequence, facts: facts, previousHash: head.hash,
                hash: hash(facts, sequence: sequence, previousHash: head.hash, key: key)
            )
            head = ChainHead(sequence: sequence, hash: sealed.hash)
            return sealed
        }
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits a byte: hashes, keys and versions as they are stored and compared.
    /// (`String(format:)` a byte at a time was 3% of a FHIR read: every bearer token is hashed on every request.)
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The last sealed record: where the next one links on.
public struct ChainHead: Sendable, Equatable {
    public var sequence: Int64
    public var hash: String

    public static let empty = ChainHead(sequence: 0, hash: AuditChain.genesis)

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
