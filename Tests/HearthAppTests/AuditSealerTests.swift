import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The sealer's timer runs 20 times a second: when nothing waits it reads once and opens no write transaction
    /// (issue 19: it took SQLite's write lock on every tick), and when records wait it seals them all, as before.
    @Suite struct AuditSealerTests {
        @Test func anIdleTickReadsOnceAndWritesNothing() async throws {
            try await withHearth { app in
                // setup: some activity, all of it sealed
                try await Browser(app).login("aide")
                try await AuditSealer.sealAll(on: app.db)
                let counter = QueryCounter.install(on: app)

                // act
                var sealed = -1
                let statements = try await counter.statements { sealed = try await AuditSealer.sealBatch(on: app.db, waitingForOthers: false) }

                // check: one read of whether anything waits; no read of the pending rows, no chain head, no update
                #expect(sealed == 0)
                #expect(statements.count == 1, "the idle sealer sent:\n\(statements.joined(separator: "\n"))")
                #expect(statements.first?.contains("IS NULL") == true)
                #expect(try await AuditSealer.anyWaiting(on: app.db) == false)
            }
        }

        @Test func waitingRecordsAreStillSealedAndTheChainVerifies() async throws {
            try await withHearth { app in
                // setup: records that wait, sealed, then one more that waits
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.patient(cast.ownPatient.requireID()).path)
                #expect(try await AuditSealer.anyWaiting(on: app.db))
                let first = try await AuditSealer.sealAll(on: app.db)
                try await Browser(app).login("aide")
                #expect(try await AuditSealer.anyWaiting(on: app.db))

                // act
                let second = try await AuditSealer.sealAll(on: app.db)

                // check
                #expect(first >= 2 && second >= 1)
                #expect(try await AuditSealer.anyWaiting(on: app.db) == false)
                let verified = try await AuditVerification.run(on: app.db)
                #expect(verified.problem == nil && verified.unsealed == 0 && verified.checked == Int64(first + second))
            }
        }
    }
}
