import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A Patient that may be one Hearth already registered is held for a person (never a silent duplicate, never a
    /// silent merge); identifiers of other systems never match an MRN; integrators discover Groups and a referral's
    /// sender finds its Tasks.
    @Suite struct FHIRIdentityTests {
        typealias Writer = FHIRPatientWriteTests.Writer
        static let hospital = FHIRPatientWriteTests.hospital

        static func patient(family: String, given: String, birthDate: String, identifier: String?) -> [String: Any] {
            var patient: [String: Any] = ["resourceType": "Patient", "name": [["family": family, "given": [given]]], "gender": "female", "birthDate": birthDate]
            if let identifier { patient["identifier"] = [["system": hospital, "value": identifier]] }
            return patient
        }

        @Test func aPatientWithTheNameAndBirthDateOfARegisteredOneWaitsForAPersonWhoConfirmsTheSamePerson() async throws {
            try await withHearth { app in
                // setup: the case manager's own patient is Dorothy Abernathy, born 1941-03-09
                let cast = try await makeCast(app)
                let own = try cast.ownPatient.requireID()
                let writer = try await Writer(app, cast.user(.caseManager))
                let sent = Self.patient(family: "Abernathy", given: "Dorothy", birthDate: "1941-03-09", identifier: "H-5150")
                // act
                let held = try await writer.send(.POST, "/fhir/Patient", sent)
                let again = try await writer.send(.POST, "/fhir/Patient", sent)
                let task = try #require(held.response.headers.first(name: .contentLocation))
                let id = String(try #require(task.split(separator: "/").last).dropFirst("inbound-".count))
                let waiting = try await writer.send(.GET, "/fhir/Task/inbound-\(id)")
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                let inbox = try await supervisor.get("/referrals/inbox").body.string
                let page = try await supervisor.get("/referrals/inbox/\(id)").body.string
                let confirmed = try await supervisor.post("/referrals/inbox/\(id)/accept", form: ["match": own.uuidString.lowercased()])
                let linked = try await writer.send(.GET, "/fhir/Patient?identifier=\(Self.hospital)|H-5150")
                let afterwards = try await writer.send(.GET, "/fhir/Task/inbound-\(id)")
                // check
                #expect(held.status == .accepted && again.status == .accepted)
                #expect(try await InboundReferral.query(on: app.db).count() == 1)
                #expect(waiting.json["status"] as? String == "requested")
                #expect(inbox.contains("Registration to confirm"))
                #expect(page.contains(cast.ownPatient.mrn))
                #expect(confirmed.status == .seeOther)
                #expect(try await Patient.query(on: app.db).count() == 2)
                #expect(((linked.json["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])?["id"] as? String == own.uuidString.lowercased())
                #expect(try await EpisodeStore.latest(patientID: own, on: app.db) == nil)
                #expect(afterwards.json["status"] as? String == "accepted")
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "patient.hold" } && trail.contains { $0.action == "patient.link" && $0.patientID == own })
            }
        }

        @Test func anIdentifierHearthHoldsIsHeldAloneRefusedInATransactionAndADifferentPersonIsRegistered() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let first = try await writer.send(.POST, "/fhir/Patient", Self.patient(family: "Lindqvist", given: "Erik", birthDate: "1950-01-15", identifier: "H-1"))
                let sameIdentifier = Self.patient(family: "Lindqvist", given: "Eric", birthDate: "1950-01-16", identifier: "H-1")
                // act
                let held = try await writer.send(.POST, "/fhir/Patient", sameIdentifier)
                let inTransaction = try await writer.send(.POST, "/fhir", FHIRBundleTests.bundle("transaction", [FHIRBundleTests.entry(sameIdentifier)]))
                let nameTwin = Self.patient(family: "Lindqvist", given: "Erik", birthDate: "1950-01-15", identifier: nil)
                let twin = try await writer.send(.POST, "/fhir/Patient", nameTwin)
                let id = String(try #require(twin.response.headers.first(name: .contentLocation)?.split(separator: "/").last).dropFirst("inbound-".count))
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                _ = try await caseManager.get("/referrals/inbox/\(id)")
                let different = try await caseManager.post("/referrals/inbox/\(id)/accept", form: ["match": "new", "confirmNew": "yes"])
                // check
                #expect(first.status == .created)
                #expect(held.status == .accepted)
                #expect(inTransaction.status == .conflict && FHIRStandaloneWriteTests.issuePath(inTransaction.json) == "Bundle.entry[0].resource")
                #expect(twin.status == .accepted)
                #expect(different.status == .seeOther)
                #expect(try await Patient.query(on: app.db).filter(\.$familyName == "Lindqvist").count() == 2)
            }
        }

        /// A hospital's identifier with the digits of a Hearth MRN names another patient, or none: never the MRN's.
        @Test func anotherSystemsIdentifierNeverMatchesAnMRNWithTheSameDigits() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.supervisor))
                let mrn = cast.ownPatient.mrn
                // act
                let none = try await writer.send(.GET, "/fhir/Patient?identifier=\(Self.hospital)|\(mrn)")
                let created = try await writer.send(.POST, "/fhir/Patient", Self.patient(family: "Nakamura", given: "Aiko", birthDate: "1939-07-07", identifier: mrn))
                let byHospital = try await writer.send(.GET, "/fhir/Patient?identifier=\(Self.hospital)|\(mrn)")
                let byMRN = try await writer.send(.GET, "/fhir/Patient?identifier=\(FHIRPatient.mrnSystem)|\(mrn)")
                // check
                func ids(_ json: [String: Any]) -> [String] {
                    (json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
                }
                #expect(ids(none.json).isEmpty)
                #expect(created.status == .created)
                #expect(ids(byHospital.json) == [try #require(created.json["id"] as? String)])
                #expect(ids(byMRN.json) == [try cast.ownPatient.requireID().uuidString.lowercased()])
            }
        }

        @Test func groupsListOnlyThePopulationsTheCallerMayRead() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let caseManager = try await Writer(app, cast.user(.caseManager))
                let supervisor = try await Writer(app, cast.user(.supervisor))
                let own = "caseload-\(try cast.user(.caseManager).requireID().uuidString.lowercased())"
                let other = "caseload-\(try cast.otherCaseManager.requireID().uuidString.lowercased())"
                // act
                let mine = try await caseManager.send(.GET, "/fhir/Group")
                let all = try await supervisor.send(.GET, "/fhir/Group?_count=50")
                let read = try await caseManager.send(.GET, "/fhir/Group/\(own)")
                let hidden = try await caseManager.send(.GET, "/fhir/Group/\(other)")
                // check
                func ids(_ json: [String: Any]) -> Set<String> {
                    Set((json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String })
                }
                #expect(ids(mine.json) == [own])
                #expect(ids(all.json).isSuperset(of: [own, other]))
                #expect(read.json["quantity"] as? Int == 1 && read.json["type"] as? String == "person")
                #expect(hidden.status == .notFound)
                let statement = try await supervisor.send(.GET, "/fhir/metadata")
                let types = ((statement.json["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
                let group = types.first { $0["type"] as? String == "Group" }
                #expect((group?["interaction"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["read", "search-type"])
            }
        }

        @Test func aReferralsSenderFindsItsTasksByRequesterAndNoOneElses() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let hospitalUser = cast.user(.hospitalCaseManager)
                let sender = try await Writer(app, hospitalUser)
                let sent = try await sender.send(.POST, "/fhir", FHIRReferralInTests.referral())
                let task = try #require(FHIRReferralInTests.taskLocation(sent.json))
                let me = "Practitioner/\(try hospitalUser.requireID().uuidString.lowercased())"
                let stranger = try await Writer(app, try await makeUser("otherhospital", role: .hospitalCaseManager, on: app))
                // act
                let mine = try await sender.send(.GET, "/fhir/Task?requester=\(me)")
                let byID = try await sender.send(.GET, "/fhir/Task?_id=\(task.dropFirst("Task/".count))")
                let theirs = try await stranger.send(.GET, "/fhir/Task?requester=\(me)")
                // check
                func ids(_ json: [String: Any]) -> [String] {
                    (json["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
                }
                #expect(ids(mine.json) == [String(task.dropFirst("Task/".count))])
                #expect(ids(byID.json) == ids(mine.json))
                #expect(ids(theirs.json).isEmpty && theirs.status == .ok)
            }
        }
    }
}
