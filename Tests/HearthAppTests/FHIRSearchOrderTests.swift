import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A search answers in one order on SQLite and on PostgreSQL, and its pages never shift: every query behind a FHIR
    /// search ends on a key no two rows share (http://hl7.org/fhir/R4/search.html#count: paging is over one result set).
    /// Run on PostgreSQL with TEST_DATABASE_URL, as CI does.
    @Suite struct FHIRSearchOrderTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        func entries(_ writer: Writer, _ path: String) async throws -> [[String: Any]] {
            let answer = try await writer.send(.GET, path)
            #expect(answer.status == .ok, "\(answer.json)")
            return (answer.json["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        }

        @Test func theMARIsNewestFirstByTheTimeEachDoseWasDueAndPagesAddUpToTheWhole() async throws {
            try await withHearth { app in
                // setup: one day's doses recorded out of order (14:00, 08:00, 20:00), an as-needed dose at 15:30, the day before at 20:00.
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let zone = app.settings.agencyTimeZone
                let list = IncomingMedicationList(text: "Furosemide 40 mg; 1 tablet; oral; three times a day", start: CalendarDate("2026-11-01")!)
                let medication = try await MedicationStore.add(try #require(list.medications.first), patientID: patientID, by: cast.user(.clinician).id,
                                                               catalog: app.medicationCatalog, on: app.db)
                func at(_ day: String, _ hour: Int, _ minute: Int = 0) throws -> Date {
                    try #require(AgencyTime.instant(CalendarDate(day)!, hour: hour, minute: minute, in: zone))
                }
                let doses: [(day: String, slot: String?, recorded: Date)] = [
                    ("2026-11-20", "14:00", try at("2026-11-20", 14, 5)), ("2026-11-20", "08:00", try at("2026-11-20", 16)),
                    ("2026-11-20", "20:00", try at("2026-11-20", 20, 2)), ("2026-11-20", nil, try at("2026-11-20", 15, 30)),
                    ("2026-11-19", "20:00", try at("2026-11-19", 20, 1)),
                ]
                for dose in doses {
                    let row = MedicationAdministrationRecord()
                    row.$patient.id = patientID
                    row.$medication.id = try medication.requireID()
                    row.givenOn = dose.day
                    row.slot = dose.slot
                    row.status = AdministrationStatus.given.rawValue
                    row.recordedAt = dose.recorded
                    try await row.create(on: app.db)
                }
                let writer = try await Writer(app, cast.user(.caseManager))
                let base = "/fhir/MedicationAdministration?patient=\(patientID.uuidString.lowercased())"
                // act
                let whole = try await entries(writer, base + "&_count=50")
                var paged: [[String: Any]] = []
                for offset in stride(from: 0, to: doses.count, by: 2) { paged += try await entries(writer, base + "&_count=2&_offset=\(offset)") }
                // check
                let parser = ISO8601DateFormatter()
                let effective = whole.compactMap { ($0["effectiveDateTime"] as? String).flatMap(parser.date(from:)) }
                #expect(effective == [try at("2026-11-20", 20), try at("2026-11-20", 15, 30), try at("2026-11-20", 14), try at("2026-11-20", 8),
                                      try at("2026-11-19", 20)])
                #expect(paged.compactMap { $0["id"] as? String } == whole.compactMap { $0["id"] as? String }, "pages shift")
            }
        }

        @Test func theCareTeamListsItsMembersInTheOrderTheyJoinedWhateverWasChangedSince() async throws {
            try await withHearth { app in
                // setup: the cast's team joined nurse first, then aide; the nurse's role is renamed afterwards (PostgreSQL
                // then keeps the nurse's row behind the aide's, and answers an unordered query in that order).
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let nurse = try #require(try await CareTeamMember.query(on: app.db).filter(\.$patient.$id == patientID)
                    .filter(\.$user.$id == cast.user(.clinician).requireID()).first())
                nurse.teamRole = "Skilled nursing"
                try await nurse.save(on: app.db)
                let writer = try await Writer(app, cast.user(.caseManager))
                // act
                let teams = try await entries(writer, "/fhir/CareTeam?patient=\(patientID.uuidString.lowercased())")
                // check
                let participants = try #require(teams.first?["participant"] as? [[String: Any]])
                let roles = participants.compactMap { (($0["role"] as? [[String: Any]])?.first?["text"]) as? String }
                #expect(roles == ["Case manager", "Skilled nursing", Role.aide.title])
            }
        }
    }
}
