import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct DemoSeedTests {
        func seed(_ app: Application, patients: Int, seed: UInt64) async throws -> [String] {
            let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: seed, patients: patients)
            try await DemoSeed.seedPatients(patients, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: seed)
            return try await Patient.query(on: app.db).sort(\.$mrn).all().map { "\($0.mrn) \($0.familyName) \($0.givenName) \($0.birthDate)" }
        }

        @Test func demoAgencyHasEveryEpisodeStateAndTheNamedSignIns() async throws {
            try await withHearth { app in
                _ = try await seed(app, patients: 130, seed: 7) // ten patients per case manager: every state
                let usernames = Set(try await User.query(on: app.db).all().map(\.username))
                #expect(usernames.isSuperset(of: ["admin", "supervisor", "casemanager", "clinician", "aide", "physician"]))
                #expect(usernames.count >= 40)
                let statuses = Set(try await EpisodeRecord.query(on: app.db).all().map(\.status))
                #expect(statuses == Set(EpisodeStatus.allCases.map(\.rawValue)))
                // Every stored episode replays through the state machine.
                for record in try await EpisodeRecord.query(on: app.db).all() {
                    _ = try EpisodeStore.episode(from: try await EpisodeStore.events(of: record, on: app.db))
                }
                let caseload = try await Patient.query(on: app.db).join(User.self, on: \Patient.$caseManager.$id == \User.$id)
                    .filter(User.self, \.$username == "casemanager").count()
                #expect(caseload > 0)
            }
        }

        /// A seeding batch of 500 patients brings thousands of deadlines: one INSERT of them all went over PostgreSQL's
        /// 65,535 bound values, and `hearth seed` failed on PostgreSQL past a few hundred patients.
        @Test func seedingInsertsStayUnderTheDatabasesBoundValueLimit() async throws {
            try await withHearth { app in
                _ = try await seed(app, patients: 1, seed: 3)
                let template = try #require(try await ObligationRecord.query(on: app.db).first())
                let rows = (0..<5_000).map { n in
                    let row = ObligationRecord()
                    row.$patient.id = template.$patient.id
                    row.$episode.id = template.$episode.id
                    row.key = "load-\(n)"
                    row.ruleID = template.ruleID
                    row.title = template.title
                    row.citation = template.citation
                    row.opensAt = template.opensAt
                    row.dueAt = template.dueAt
                    row.dueDay = template.dueDay
                    row.outstanding = template.outstanding
                    row.state = template.state
                    row.computedAt = template.computedAt
                    return row
                }
                #expect(rows.count * ObligationRecord.keys.count > 65_535)
                try await rows.createInStatements(on: app.db)
                #expect(try await ObligationRecord.query(on: app.db).filter(\.$key ~~ rows.map(\.key)).count() == rows.count)
            }
        }

        @Test func sameSeedMakesTheSameAgency() async throws {
            var runs: [[String]] = []
            for _ in 0..<2 {
                try await withHearth { app in runs.append(try await seed(app, patients: 25, seed: 42)) }
            }
            #expect(runs[0] == runs[1])
            #expect(runs[0].allSatisfy { MedicalRecordNumber.isValid(String($0.prefix(8))) })
        }
    }
}

/// Issue 17: the demo's schedule board shows the team. Every nurse, therapist and aide has days of visits from today,
/// inside their working hours and never two at once; the demo nurse and aide have visits today whatever the hour.
extension AllTests.DemoSeedTests {
    @Test func everyFieldClinicianHasDaysOfVisitsInsideTheirHours() async throws {
        try await withHearth { app in
            // setup
            _ = try await seed(app, patients: 130, seed: 7)
            let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
            // act
            let visits = try await VisitRecord.query(on: app.db).filter(\.$scheduledOn >= today.description).with(\.$clinician).all()
            let profiles = try await StaffProfileRecord.query(on: app.db).with(\.$user).all()
            // check
            let field = profiles.filter { [Role.clinician.rawValue, Role.aide.rawValue].contains($0.user.role) }
            #expect(field.count >= 15)
            for profile in field {
                let mine = visits.filter { $0.$clinician.id == profile.$user.id }
                #expect(!mine.isEmpty, "\(profile.user.username) has no visits")
                let hours = StaffStore.workingHours(profile)
                for visit in mine {
                    let slot = try #require(VisitStore.slot(visit))
                    // Late in the day the demo nurse's last stop today is this evening, so she always has a visit to make.
                    let evening = profile.user.username == "clinician" && visit.scheduledOn == today.description
                    #expect(evening || hours.shift(on: slot.date)?.covers(from: slot.startMinute, to: slot.endMinute) == true, "\(visit.scheduledOn) \(visit.startTime)")
                    #expect(!mine.contains { $0.id != visit.id && VisitStore.slot($0)?.overlaps(slot) == true })
                }
            }
            for username in ["clinician", "aide"] {
                let todays = visits.filter { $0.clinician?.username == username && $0.scheduledOn == today.description }
                #expect((4...7).contains(todays.count), "\(username) has \(todays.count) visits today")
            }
        }
    }
}
