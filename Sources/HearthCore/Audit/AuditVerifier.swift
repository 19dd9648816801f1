/// Walks a sealed chain in sequence order and names the first record that does not fit.
/// Fed page by page, so a trail of millions of records verifies in constant memory.
public struct AuditVerifier: Sendable {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// A record's content no longer matches its hash: it was edited.
        case altered(sequence: Int64)
        /// The sequence jumps: records in between were deleted.
        case missing(from: Int64, to: Int64)
        /// A record does not link to the one before it: the chain was re-ordered or rebuilt.
        case broken(sequence: Int64)
        /// The chain ends before the last sealed record the sealer (or a checkpoint) remembers: the tail was deleted.
        case truncated(expectedLast: Int64, foundLast: Int64)
        /// A record is sealed with a key and no key was given to check it.
        case keyRequired(sequence: Int64)
        /// An unkeyed record follows a keyed one: the chain was rebuilt by someone without the key.
        case downgraded(sequence: Int64)
        /// A record's hash is not the one a checkpoint outside the database took: the chain was rewritten.
        case rewritten(sequence: Int64)
        /// A line of the checkpoint file is not a checkpoint signed with this key.
        case badCheckpoint(line: Int)
        /// Records are sealed but the sealer's head is gone: it was deleted, perhaps with the tail.
        case headMissing

        public var description: String {
            switch self {
            case .altered(let seq): "record \(seq) was changed after it was sealed"
            case .missing(let from, let to) where from == to: "record \(from) is missing"
            case .missing(let from, let to): "records \(from)–\(to) are missing"
            case .broken(let seq): "record \(seq) does not link to the record before it"
            case .truncated(let expected, let found): "the chain ends at record \(found) but was sealed up to \(expected)"
            case .keyRequired(let seq): "record \(seq) is sealed with a key: set HEARTH_AUDIT_KEY or HEARTH_AUDIT_KEY_FILE to verify it"
            case .downgraded(let seq): "record \(seq) is sealed without the key after keyed records: the chain was rebuilt"
            case .rewritten(let seq): "record \(seq) differs from the checkpoint taken outside the database: the chain was rewritten"
            case .badCheckpoint(let line): "line \(line) of the checkpoint file is not a checkpoint signed with this key"
            case .headMissing: "the chain's head record is missing: the end of the chain may have been cut"
            }
        }
    }

    public private(set) var head = ChainHead.empty
    public private(set) var checked: Int64 = 0
    /// Records sealed without a key (older trails, or no key set).
    public private(set) var unkeyed: Int64 = 0
    /// Checkpoints the chain was compared with.
    public private(set) var checkpointsMatched = 0
    public private(set) var firstProblem: Problem?
    private let key: AuditKey?
    /// The hash each checkpointed sequence must have.
    private var checkpointed: [Int64: String] = [:]
    private var lastCheckpoint: Int64 = 0

    public init(key: AuditKey? = nil, checkpoints: [AuditCheckpoint] = []) {
        self.key = key
        for checkpoint in checkpoints where checkpoint.head.sequence > 0 {
            if let earlier = checkpointed[checkpoint.head.sequence], earlier != checkpoint.head.hash {
                firstProblem = .rewritten(sequence: checkpoint.head.sequence)
            }
            checkpointed[checkpoint.head.sequence] = checkpoint.head.hash
            lastCheckpoint = max(lastCheckpoint, checkpoint.head.sequence)
        }
    }

    /// Checks the next records; stops looking once a problem is found.
    public mutating func check(_ records: some Sequence<SealedAuditRecord>) {
        for record in records where firstProblem == nil {
            firstProblem = problem(with: record)
            if firstProblem == nil {
                head = ChainHead(sequence: record.sequence, hash: record.hash)
                checked += 1
                if !AuditChain.isKeyed(record.hash) { unkeyed += 1 }
                if checkpointed[record.sequence] != nil { checkpointsMatched += 1 }
            }
        }
    }

    /// Compares the end of the chain with the head the sealer recorded (if any) and the last checkpoint.
    public mutating func finish(expectedHead: ChainHead?) {
        guard firstProblem == nil else { return }
        if head.sequence < lastCheckpoint {
            firstProblem = .truncated(expectedLast: lastCheckpoint, foundLast: head.sequence)
        } else if expectedHead == nil, checked > 0 {
            firstProblem = .headMissing
        } else if let expectedHead, head.sequence < expectedHead.sequence {
            firstProblem = .truncated(expectedLast: expectedHead.sequence, foundLast: head.sequence)
        } else if let expectedHead, head != expectedHead {
            firstProblem = .broken(sequence: head.sequence)
        }
    }

    private func problem(with record: SealedAuditRecord) -> Problem? {
        let expected = head.sequence + 1
        if record.sequence != expected {
            return .missing(from: expected, to: record.sequence - 1)
        }
        if AuditChain.isKeyed(record.hash) {
            guard let key else { return .keyRequired(sequence: record.sequence) }
            if AuditChain.hash(record.facts, sequence: record.sequence, previousHash: record.previousHash, key: key) != record.hash {
                return .altered(sequence: record.sequence)
            }
        } else {
            if AuditChain.isKeyed(head.hash) { return .downgraded(sequence: record.sequence) }
            if AuditChain.hash(record.facts, sequence: record.sequence, previousHash: record.previousHash) != record.hash {
                return .altered(sequence: record.sequence)
            }
        }
        if record.previousHash != head.hash {
            return .broken(sequence: record.sequence)
        }
        if let taken = checkpointed[record.sequence], taken != record.hash {
            return .rewritten(sequence: record.sequence)
        }
        return nil
    }
}
