import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// The nine ways the issue 20 assessment tried to rewrite the audit trail, each done the way someone who can write the
/// database but holds neither the audit key nor the checkpoint file would do it. Audit controls that record and examine
/// activity [45 CFR 164.312(b)] and protect it from improper alteration or destruction [45 CFR 164.312(c)(1)].
extension AllTests {
    @Suite struct AuditTamperTests {
        static let key = AuditKey("a-test-audit-key-that-is-not-in-the-database")!
        /// What an attacker without the key can compute: plain SHA-256 (the old chain) or an HMAC under a guessed key.
        static let guessedKey = AuditKey("a-guessed-key-of-the-right-length-0000000000")!

        /// A keyed, checkpointed trail with two sealed stretches (two checkpoints), as a running server leaves it.
        func withSealedTrail(_ test: (Application, _ total: Int64) async throws -> Void) async throws {
            let checkpoints = NSTemporaryDirectory() + "hearth-checkpoints-\(UUID().uuidString).log"
            defer { try? FileManager.default.removeItem(atPath: checkpoints) }
            try await withHearth(adjust: { $0.auditKey = Self.key; $0.auditCheckpoints = checkpoints }) { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                var total = try await AuditSealer.sealAll(app)
                try await browser.get(SiteURL.patient(cast.otherPatient.requireID()).path)
                try await Browser(app).login("aide")
                total += try await AuditSealer.sealAll(app)
                #expect(total >= 6)
                let clean = try await AuditVerification.run(app)
                #expect(clean.problem == nil)
                #expect(clean.unkeyed == 0)
                #expect(clean.checkpointsMatched == 2)
                try await test(app, Int64(total))
            }
        }

        func sealed(_ app: Application) async throws -> [AuditEvent] {
            try await AuditEvent.query(on: app.db).filter(\.$sequence != nil).sort(\.$sequence).all()
        }

        /// Recomputes every link from `sequence` on and moves the stored head to the new end, as the old code allowed.
        func recomputeForward(_ app: Application, from sequence: Int64, key: AuditKey?) async throws {
            let rows = try await sealed(app)
            var previous = rows.last { $0.sequence! < sequence }?.hash ?? AuditChain.genesis
            for row in rows where row.sequence! >= sequence {
                row.previousHash = previous
                row.hash = AuditChain.hash(row.facts, sequence: row.sequence!, previousHash: previous, key: key)
                previous = row.hash!
                try await row.save(on: app.db)
            }
            try await moveHead(app, to: rows.last?.sequence ?? 0, hash: previous)
        }

        func moveHead(_ app: Application, to sequence: Int64, hash: String) async throws {
            let head = try #require(try await AuditChainHead.find(AuditChainHead.rowID, on: app.db))
            head.sequence = sequence
            head.hash = hash
            try await head.save(on: app.db)
        }

        func problem(_ app: Application) async throws -> AuditVerifier.Problem? {
            try await AuditVerification.run(app).problem
        }

        @Test func one_anEditedRecordIsNamed() async throws {
            try await withSealedTrail { app, _ in
                let victim = try #require(try await sealed(app).first { $0.sequence == 3 })
                victim.detail = "forged"
                try await victim.save(on: app.db)
                #expect(try await problem(app) == .altered(sequence: 3))
            }
        }

        @Test func two_aDeletedRecordIsNamed() async throws {
            try await withSealedTrail { app, _ in
                try await AuditEvent.query(on: app.db).filter(\.$sequence == 4).delete()
                #expect(try await problem(app) == .missing(from: 4, to: 4))
            }
        }

        @Test func three_aDeletedTailIsNoticed() async throws {
            try await withSealedTrail { app, total in
                try await AuditEvent.query(on: app.db).filter(\.$sequence == total).delete()
                #expect(try await problem(app) == .truncated(expectedLast: total, foundLast: total - 1))
            }
        }

        @Test func four_cuttingTheTailAndMovingTheHeadBackIsCaughtByTheCheckpoint() async throws {
            try await withSealedTrail { app, total in
                try await AuditEvent.query(on: app.db).filter(\.$sequence >= total - 1).delete()
                let newEnd = try #require(try await sealed(app).last)
                try await moveHead(app, to: newEnd.sequence!, hash: newEnd.hash!)
                #expect(try await problem(app) == .truncated(expectedLast: total, foundLast: total - 2))
            }
        }

        @Test func five_anEditWithHashesRecomputedForwardIsCaughtByTheKey() async throws {
            try await withSealedTrail { app, _ in
                let victim = try #require(try await sealed(app).first { $0.sequence == 3 })
                victim.outcome = "denied"
                try await victim.save(on: app.db)
                try await recomputeForward(app, from: 3, key: nil)
                #expect(try await problem(app) == .downgraded(sequence: 3))
                try await recomputeForward(app, from: 3, key: Self.guessedKey)
                #expect(try await problem(app) == .altered(sequence: 3))
            }
        }

        @Test func six_deletingRenumberingAndRecomputingIsCaught() async throws {
            try await withSealedTrail { app, total in
                try await AuditEvent.query(on: app.db).filter(\.$sequence == 4).delete()
                for row in try await sealed(app) where row.sequence! > 4 {
                    row.sequence! -= 1
                    try await row.save(on: app.db)
                }
                try await recomputeForward(app, from: 4, key: nil)
                #expect(try await problem(app) == .downgraded(sequence: 4))
                try await recomputeForward(app, from: 4, key: Self.guessedKey)
                #expect(try await problem(app) == .altered(sequence: 4))
                #expect(try await sealed(app).count == Int(total) - 1)
            }
        }

        @Test func seven_deletingEveryRecordAndTheHeadIsNotAnEmptyTrail() async throws {
            try await withSealedTrail { app, total in
                try await AuditEvent.query(on: app.db).delete()
                try await AuditChainHead.query(on: app.db).delete()
                // Was "OK: 0 sealed records".
                #expect(try await problem(app) == .truncated(expectedLast: total, foundLast: 0))
            }
        }

        @Test func eight_aForgedRecordAppendedToTheChainIsCaught() async throws {
            try await withSealedTrail { app, total in
                let last = try #require(try await sealed(app).last)
                let forged = AuditLog.event(.init(actorName: "supervisor", action: "patient.read", outcome: .success, detail: "an alibi"))
                forged.sequence = total + 1
                forged.previousHash = last.hash
                forged.hash = AuditChain.hash(forged.facts, sequence: total + 1, previousHash: last.hash!, key: Self.guessedKey)
                try await forged.create(on: app.db)
                try await moveHead(app, to: total + 1, hash: forged.hash!)
                #expect(try await problem(app) == .altered(sequence: total + 1))
            }
        }

        @Test func nine_aWholeChainRebuiltWithoutTheKeyDisagreesWithTheCheckpoints() async throws {
            try await withSealedTrail { app, _ in
                let rows = try await sealed(app)
                let victim = try #require(rows.first { $0.sequence == 2 })
                victim.detail = "rewritten"
                try await victim.save(on: app.db)
                try await recomputeForward(app, from: 1, key: nil)
                let firstCheckpoint = try #require(try AuditCheckpointFile(path: app.settings.auditCheckpoints!).read(key: Self.key).get().first)
                #expect(try await problem(app) == .rewritten(sequence: firstCheckpoint.head.sequence))
            }
        }
    }
}

extension AllTests.AuditTamperTests {
    /// Without a checkpoint file the head row still shows a cut tail, and its deletion is named too.
    @Test func cuttingTheTailAndDeletingTheHeadIsCaughtWithoutCheckpoints() async throws {
        try await withHearth(adjust: { $0.auditKey = Self.key }) { app in
            try await Browser(app).login("nobody", password: "wrong-password")
            try await Browser(app).login("nobody", password: "wrong-password")
            let total = Int64(try await AuditSealer.sealAll(app))
            try await AuditEvent.query(on: app.db).filter(\.$sequence == total).delete()
            try await AuditChainHead.query(on: app.db).delete()
            #expect(try await problem(app) == .headMissing)
        }
    }

    @Test func aCheckpointLineNotSignedWithTheKeyIsRefused() async throws {
        try await withSealedTrail { app, total in
            let path = app.settings.auditCheckpoints!
            let forged = AuditCheckpoint(head: ChainHead(sequence: total, hash: "x"), takenAtMillis: 0).line(key: Self.guessedKey)
            try AuditCheckpointFile(path: path).append(AuditCheckpoint(head: ChainHead(sequence: total, hash: "x"), takenAtMillis: 0), key: Self.guessedKey)
            #expect(try await problem(app) == .badCheckpoint(line: 3))
            #expect(forged.hasPrefix("hearth-audit-checkpoint "))
        }
    }

    @Test func aKeyedTrailNeedsItsKeyToVerifyAndToSealOn() async throws {
        try await withSealedTrail { app, _ in
            #expect(try await AuditVerification.run(on: app.db).problem == .keyRequired(sequence: 1))
            try await Browser(app).login("clinician")
            await #expect(throws: AuditKeyMissing.self) { try await AuditSealer.sealAll(on: app.db, key: nil) }
            #expect(try await problem(app) == nil)
        }
    }

    /// Trails sealed before the key was set keep verifying; keyed records then protect the unkeyed ones before them.
    @Test func anExistingUnkeyedTrailKeepsVerifyingOnceAKeyIsSet() async throws {
        try await withHearth(adjust: { $0.auditKey = Self.key }) { app in
            let cast = try await makeCast(app)
            let browser = Browser(app)
            try await browser.login("casemanager")
            let old = try await AuditSealer.sealAll(on: app.db, key: nil)
            try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
            let new = try await AuditSealer.sealAll(app)
            #expect(old >= 1 && new >= 1)
            let result = try await AuditVerification.run(app)
            #expect(result.problem == nil)
            #expect(result.checked == Int64(old + new))
            #expect(result.unkeyed == Int64(old))
            // Editing an old unkeyed record and recomputing up to the first keyed one still breaks the keyed link.
            let victim = try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == 1).first())
            victim.detail = "forged"
            victim.hash = AuditChain.hash(victim.facts, sequence: 1, previousHash: victim.previousHash!)
            try await victim.save(on: app.db)
            let problem = try await AuditVerification.run(app).problem
            #expect(problem == .broken(sequence: 2) || problem == .altered(sequence: Int64(old + 1)))
        }
    }
}
