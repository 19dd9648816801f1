import Foundation
import Testing
@testable import HearthCore

/// The tamper-evident trail (HIPAA audit controls, 45 CFR 164.312(b)).
@Suite struct AuditChainTests {
    func facts(_ n: Int) -> [AuditFacts] {
        (0..<n).map { i in
            AuditFacts(id: UUID(), occurredAtMillis: 1_700_000_000_000 + Int64(i), actorID: UUID(), actorName: "casemanager",
                       action: "patient.read", outcome: "success", patientID: UUID(), resourceType: "Patient",
                       resourceID: nil, sourceIP: "127.0.0.1", requestID: "r\(i)", detail: nil)
        }
    }

    func verify(_ records: [SealedAuditRecord], head: ChainHead) -> AuditVerifier.Problem? {
        var verifier = AuditVerifier()
        verifier.check(records)
        verifier.finish(expectedHead: head)
        return verifier.firstProblem
    }

    @Test func sealedChainVerifiesAcrossBatches() {
        let first = AuditChain.seal(facts(3), after: .empty)
        let head = ChainHead(sequence: 3, hash: first[2].hash)
        let second = AuditChain.seal(facts(2), after: head)
        #expect(second[0].previousHash == first[2].hash)
        #expect(second.map(\.sequence) == [4, 5])
        #expect(verify(first + second, head: ChainHead(sequence: 5, hash: second[1].hash)) == nil)
    }

    @Test func editDeleteAndTruncationAreNamed() {
        let records = AuditChain.seal(facts(5), after: .empty)
        let head = ChainHead(sequence: 5, hash: records[4].hash)
        var edited = records
        edited[2].facts.outcome = "denied"
        #expect(verify(edited, head: head) == .altered(sequence: 3))
        var deleted = records
        deleted.remove(at: 1)
        #expect(verify(deleted, head: head) == .missing(from: 2, to: 2))
        #expect(verify(Array(records.prefix(4)), head: head) == .truncated(expectedLast: 5, foundLast: 4))
        // Re-hashing an edited record does not help: the next record no longer links to it.
        var rehashed = records
        rehashed[2].facts.outcome = "denied"
        rehashed[2].hash = AuditChain.hash(rehashed[2].facts, sequence: 3, previousHash: rehashed[2].previousHash)
        #expect(verify(rehashed, head: head) == .broken(sequence: 4))
    }

    @Test func fieldsCannotImitateEachOther() {
        var a = facts(1)[0]
        var b = a
        a.actorName = "ab"; a.action = "c"
        b.actorName = "a"; b.action = "bc"
        #expect(AuditChain.hash(a, sequence: 1, previousHash: AuditChain.genesis) != AuditChain.hash(b, sequence: 1, previousHash: AuditChain.genesis))
    }
}
