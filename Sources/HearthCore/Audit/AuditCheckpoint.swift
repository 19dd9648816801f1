import Foundation

/// The chain's head written outside the database, one line per checkpoint, to a file only ever appended to (or a host
/// the database owner cannot write). A rewritten, renumbered or emptied chain no longer reaches or matches it.
/// A line: `hearth-audit-checkpoint <taken at, ms> <sequence> <hash> <HMAC of those, or - without a key>`.
public struct AuditCheckpoint: Sendable, Equatable {
    public var head: ChainHead
    public var takenAtMillis: Int64

    static let tag = "hearth-audit-checkpoint"

    public init(head: ChainHead, takenAtMillis: Int64) {
        self.head = head
        self.takenAtMillis = takenAtMillis
    }

    private var signed: String { "\(Self.tag)|\(takenAtMillis)|\(head.sequence)|\(head.hash)" }

    public func line(key: AuditKey?) -> String {
        [Self.tag, String(takenAtMillis), String(head.sequence), head.hash, key?.mac(signed) ?? "-"].joined(separator: " ")
    }

    /// Reads one line; nil when it is not a checkpoint or, given a key, its signature is not that key's.
    public static func parse(_ line: String, key: AuditKey?) -> AuditCheckpoint? {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 5, parts[0] == tag, let taken = Int64(parts[1]), let sequence = Int64(parts[2]), sequence >= 0
        else { return nil }
        let checkpoint = AuditCheckpoint(head: ChainHead(sequence: sequence, hash: parts[3]), takenAtMillis: taken)
        if let key, key.mac(checkpoint.signed) != parts[4] { return nil }
        return checkpoint
    }
}
