/// Walks a sealed chain in sequence order and names the first record that does not fit.
/// Fed page by page, so a trail of millions of records verifies in constant memory.
public struct AuditVerifier: Sendable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// A record's content no longer matches its hash: it was edited.
        case altered(sequence: Int64)
        /// The sequence jumps: records in between were deleted.
        case missing(from: Int64, to: Int64)
        /// A record does not link to the one before it: the chain was re-ordered or rebuilt.
        case broken(sequence: Int64)
        /// The chain ends before the last sealed record the sealer remembers: the tail was deleted.
        case truncated(expectedLast: Int64, foundLast: Int64)

        public var description: String {
            switch self {
            case .altered(let seq): "record \(seq) was changed after it was sealed"
            case .missing(let from, let to) where from == to: "record \(from) is missing"
            case .missing(let from, let to): "records \(from)–\(to) are missing"
            case .broken(let seq): "record \(seq) does not link to the record before it"
            case .truncated(let expected, let found): "the chain ends at record \(found) but was sealed up to \(expected)"
            }
        }
    }

    public private(set) var head = ChainHead.empty
    public private(set) var checked: Int64 = 0
    public private(set) var firstProblem: Problem?

    public init() {}

    /// Checks the next records; stops looking once a problem is found.
    public mutating func check(_ records: some Sequence<SealedAuditRecord>) {
        for record in records where firstProblem == nil {
            firstProblem = problem(with: record)
            if firstProblem == nil {
                head = ChainHead(sequence: record.sequence, hash: record.hash)
                checked += 1
            }
        }
    }

    /// Compares the end of the chain with the head the sealer recorded.
    public mutating func finish(expectedHead: ChainHead) {
        guard firstProblem == nil else { return }
        if head.sequence < expectedHead.sequence {
            firstProblem = .truncated(expectedLast: expectedHead.sequence, foundLast: head.sequence)
        } else if head != expectedHead {
            firstProblem = .broken(sequence: head.sequence)
        }
    }

    private func problem(with record: SealedAuditRecord) -> Problem? {
        let expected = head.sequence + 1
        if record.sequence != expected {
            return .missing(from: expected, to: record.sequence - 1)
        }
        if AuditChain.hash(record.facts, sequence: record.sequence, previousHash: record.previousHash) != record.hash {
            return .altered(sequence: record.sequence)
        }
        if record.previousHash != head.hash {
            return .broken(sequence: record.sequence)
        }
        return nil
    }
}
