import Fluent
import FluentSQL
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The compliance page's named queries on their own (on PostgreSQL too, with TEST_DATABASE_URL), each held to the
    /// answer read from whole Fluent models, on the demo agency (issue 19).
    @Suite struct ComplianceQueryTests {
        func demo(_ app: Application) async throws {
            let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 13)
            try await DemoSeed.seedPatients(13, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
        }

        @Test func obligationsAreTheOutstandingDeadlinesTheFilterKeepsSoonestFirst() async throws {
            try await withHearth { app in
                // setup
                try await demo(app)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let now = Date()
                let some = try #require(try await ObligationRecord.query(on: app.db).filter(\.$outstanding == true).first())
                let filters: [ComplianceQueries.Filter] = [
                    .init(), .init(dueBy: now), .init(dueBy: now, dueOnOrBefore: CalendarDate(now, in: app.settings.agencyTimeZone).adding(days: -7)),
                    .init(ruleID: some.ruleID), .init(caseManagerIDs: [try manager.requireID()]), .init(caseManagerIDs: []),
                ]
                for filter in filters {
                    // act
                    let rows = try await ComplianceQueries.obligations(filter, offset: 0, limit: 1_000, on: app.db)
                    let second = try await ComplianceQueries.obligations(filter, offset: 3, limit: 2, on: app.db)

                    // check: the same rows as whole models give, in the same order, with each patient's names and case manager
                    let query = ObligationRecord.query(on: app.db).filter(\.$outstanding == true).with(\.$patient)
                    if let dueBy = filter.dueBy { query.filter(\.$dueAt <= dueBy) }
                    if let day = filter.dueOnOrBefore { query.filter(\.$dueDay <= day.description) }
                    if let rule = filter.ruleID { query.filter(\.$ruleID == rule) }
                    let expected = try await query.sort(\.$dueAt).sort(\.$id).all()
                        .filter { row in filter.caseManagerIDs.map { $0.contains { $0 == row.patient.$caseManager.id } } ?? true }
                    #expect(rows.map(\.patientID) == expected.map(\.$patient.id), "\(filter)")
                    #expect(rows.map(\.title) == expected.map(\.title) && rows.map(\.dueDay) == expected.map(\.dueDay))
                    #expect(rows.map(\.familyName) == expected.map(\.patient.familyName) && rows.map(\.mrn) == expected.map(\.patient.mrn))
                    #expect(second.map(\.title) == Array(rows.dropFirst(3).prefix(2)).map(\.title))
                    if filter.caseManagerIDs == [try manager.requireID()] {
                        #expect(!rows.isEmpty && rows.allSatisfy { $0.caseManager == manager.displayName })
                    }
                }
            }
        }

        @Test func rejectionsAreTheLatestUnansweredRejectionsOldestFirst() async throws {
            try await withHearth { app in
                // setup: the demo agency, one assessment transmitted three times: rejected, rejected again, then accepted
                // (so it is not owed); another rejected, accepted, then rejected again (so it is owed, once)
                try await demo(app)
                let sql = try #require(app.db as? any SQLDatabase)
                // Two start-of-care assessments, each in an episode of a demo patient.
                var assessments: [AssessmentRecord] = []
                for patient in try await Patient.query(on: app.db).sort(\.$mrn).limit(2).all() {
                    let episode = EpisodeRecord()
                    (episode.$patient.id, episode.status, episode.referralDate, episode.certifiedPeriods) = (try patient.requireID(), "active", "2026-09-28", 1)
                    try await episode.create(on: app.db)
                    let assessment = AssessmentRecord()
                    (assessment.$patient.id, assessment.$episode.id) = (try patient.requireID(), try episode.requireID())
                    (assessment.kind, assessment.instrumentID, assessment.instrumentVersion, assessment.version) = ("start_of_care", "home-assessment", "1", 1)
                    (assessment.status, assessment.answers, assessment.assessedOn) = ("signed", "{}", "2026-09-30")
                    try await assessment.create(on: app.db)
                    assessments.append(assessment)
                }
                try #require(assessments.count == 2)
                let start = Date(timeIntervalSince1970: 1_790_000_000)
                func add(_ assessment: AssessmentRecord, _ status: OASISSubmission.Status, day: Double) async throws {
                    let row = OASISSubmissionRecord()
                    row.$patient.id = assessment.$patient.id
                    row.$episode.id = try #require(assessment.$episode.id)
                    row.$assessment.id = try assessment.requireID()
                    (row.status, row.onDate, row.reason) = (status.rawValue, "2026-10-0\(Int(day))", status == .rejected ? "Fatal edit \(Int(day))" : nil)
                    try await row.create(on: app.db)
                    let at = start.addingTimeInterval(day * 86_400)
                    try await sql.raw("UPDATE oasis_submissions SET recorded_at = \(bind: at) WHERE id = \(bind: try row.requireID())").run()
                }
                try await add(assessments[0], .rejected, day: 1)
                try await add(assessments[0], .rejected, day: 2)
                try await add(assessments[0], .accepted, day: 3)
                try await add(assessments[1], .rejected, day: 1)
                try await add(assessments[1], .accepted, day: 2)
                try await add(assessments[1], .rejected, day: 4)
                let owedPatient = assessments[1].$patient.id
                let manager = try #require(try await Patient.find(owedPatient, on: app.db)?.$caseManager.id)

                for managers in [nil, [manager], [UUID()]] as [[UUID]?] {
                    // act
                    let rows = try await ComplianceQueries.rejections(caseManagerIDs: managers, limit: 1_000, on: app.db)

                    // check: what the whole submissions say
                    let expected = try await reference(managers, app)
                    #expect(rows.map(\.patientID) == expected.map(\.patientID) && rows.map(\.onDate) == expected.map(\.onDate))
                    #expect(rows.map(\.assessedOn) == expected.map(\.assessedOn) && rows.map(\.reason) == expected.map(\.reason))
                    if managers != [manager], managers != nil { #expect(rows.isEmpty) }
                }
                let owed = try await ComplianceQueries.rejections(caseManagerIDs: nil, on: app.db)
                #expect(owed.filter { $0.reason?.hasPrefix("Fatal edit") == true }.map(\.reason) == ["Fatal edit 4"])
                #expect(owed.first { $0.reason == "Fatal edit 4" }?.patientID == owedPatient)
                #expect(owed.count <= 25)
            }
        }

        /// The rejections as the page used to find them: every rejection with its patient and assessment, the latest of
        /// each assessment kept unless a transmission of it was recorded later, oldest first.
        func reference(_ managers: [UUID]?, _ app: Application) async throws -> [(patientID: UUID, onDate: String, assessedOn: String, reason: String?)] {
            let rejections = try await OASISSubmissionRecord.query(on: app.db).filter(\.$status == OASISSubmission.Status.rejected.rawValue)
                .with(\.$patient).with(\.$assessment).sort(\.$recordedAt).sort(\.$id).all()
            let others = try await OASISSubmissionRecord.query(on: app.db).filter(\.$status != OASISSubmission.Status.rejected.rawValue).all()
            var seen = Set<UUID>()
            return rejections.reversed().filter { row in
                guard seen.insert(row.$assessment.id).inserted else { return false }
                if let managers, !managers.contains(where: { $0 == row.patient.$caseManager.id }) { return false }
                return !others.contains { $0.$assessment.id == row.$assessment.id && ($0.recordedAt ?? .distantPast) > (row.recordedAt ?? .distantPast) }
            }.reversed().map { ($0.$patient.id, $0.onDate, $0.assessment.assessedOn, $0.reason) }
        }
    }
}
