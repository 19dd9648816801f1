import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The chart's query budget (issue 19): a case manager's chart of a patient with an episode, a care plan, visits,
    /// medications and deadlines is to be read in at most eight statements, the sign-in's included; and the chart's
    /// named queries, each on its own (on PostgreSQL too, with TEST_DATABASE_URL).
    @Suite struct ChartQueryTests {
        static let budget = 8

        @Test func theChartOfAFullRecordStaysWithinItsQueryBudget() async throws {
            try await withHearth(adjust: { $0.auditReadFlushInterval = .seconds(3_600) }) { app in
                // setup: the demo agency, whose patients have every part of a chart
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 13)
                try await DemoSeed.seedPatients(13, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let patients = try await Patient.query(on: app.db).filter(\.$caseManager.$id == manager.requireID()).all()
                var fullest: (patient: UUID, visits: Int)?
                for patient in patients {
                    let visits = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patient.requireID()).count()
                    if visits > (fullest?.visits ?? -1) { fullest = (try patient.requireID(), visits) }
                }
                let patientID = try #require(fullest?.patient)
                let browser = Browser(app)
                try await browser.login("casemanager", password: DemoSeed.password)
                let counter = QueryCounter.install(on: app)

                // act
                var page: TestingHTTPResponse?
                let statements = try await counter.statements { page = try await browser.get(SiteURL.patient(patientID).path) }

                // check: the page is the chart, read in no more than the budget
                #expect(page?.status == .ok)
                #expect(page?.body.string.contains("Deadlines") == true)
                // Known: the chart still recomputes the regulatory clock and reads most cards with a query each (see
                // docs/PERFORMANCE.md, session 13). When it fits the budget this known issue stops occurring and the test
                // says so: remove the wrapper then.
                withKnownIssue("issue 19: the chart is over its budget of \(Self.budget) queries") {
                    #expect(statements.count <= Self.budget, "the chart made \(statements.count) queries:\n\(statements.joined(separator: "\n"))")
                }
            }
        }

        /// `ChartQueries.people`: the care team in the order it was made, and the named users with physician details.
        @Test func peopleReadsTheCareTeamAndTheNamedUsersInOneQuery() async throws {
            try await withHearth { app in
                // setup: the cast's patient has a clinician and an aide on its team, and a physician with an NPI
                let cast = try await makeCast(app)
                let physician = cast.user(.physician)
                let details = PhysicianDetails()
                details.$user.id = try physician.requireID()
                details.npi = "1234567893"
                details.fax = "555-0101"
                details.isOutside = false
                try await details.create(on: app.db)
                let patientID = try cast.ownPatient.requireID()

                // act
                let people = try await ChartQueries.people(of: patientID, named: [try cast.user(.caseManager).requireID(), try physician.requireID()], on: app.db)

                // check
                #expect(people.filter { $0.kind == "team" }.map(\.displayName) == [cast.user(.clinician).displayName, cast.user(.aide).displayName])
                #expect(people.filter { $0.kind == "team" }.map(\.teamRole) == [Role.clinician.title, Role.aide.title])
                let named = people.filter { $0.kind == "user" }
                #expect(Set(named.map(\.id)) == [try cast.user(.caseManager).requireID(), try physician.requireID()])
                let doctor = try #require(named.first { $0.id == physician.id })
                #expect(doctor.npi == "1234567893" && doctor.fax == "555-0101" && doctor.phone == nil)
                #expect(try await ChartQueries.people(of: try cast.otherPatient.requireID(), named: [], on: app.db).isEmpty)
            }
        }

        /// `ChartQueries.counts`: referrals (and those still open), the latest communication, open reconciliations.
        @Test func countsReadsTheChartsCountsInOneStatement() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                #expect(try await ChartQueries.counts(of: patientID, on: app.db) == .init(referrals: 0, openReferrals: 0, openReconciliations: 0))
                for state in [ReferralState.closed.rawValue, "sent"] {
                    let referral = ResourceReferralRecord()
                    referral.$patient.id = patientID
                    referral.state = state
                    referral.referralJSON = "{}"
                    try await referral.create(on: app.db)
                }
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                for (subject, at) in [("Older call", now.addingTimeInterval(-86_400)), ("Latest call", now)] {
                    let note = CommunicationRecord()
                    note.$patient.id = patientID
                    (note.kind, note.direction, note.party, note.partyName, note.subject, note.summary, note.occurredAt) =
                        ("phone", "outgoing", "family", "Daughter", subject, "", at)
                    try await note.create(on: app.db)
                }
                for status in ["open", "finished"] {
                    let reconciliation = MedicationReconciliationRecord()
                    reconciliation.$patient.id = patientID
                    (reconciliation.transition, reconciliation.source, reconciliation.status, reconciliation.reconciliationJSON) = ("admission", "hospital", status, "{}")
                    try await reconciliation.create(on: app.db)
                }

                // act
                let counts = try await ChartQueries.counts(of: patientID, on: app.db)

                // check: the other patient's chart counts none of it
                #expect(counts == .init(referrals: 2, openReferrals: 1, latestSubject: "Latest call", latestAt: now, openReconciliations: 1))
                #expect(try await ChartQueries.counts(of: try cast.otherPatient.requireID(), on: app.db) == .init(referrals: 0, openReferrals: 0, openReconciliations: 0))
            }
        }
    }
}
