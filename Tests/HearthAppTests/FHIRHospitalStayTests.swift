import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A hospital stay as FHIR (issue 22): the Encounter with its class history, the payer communications log as
    /// Communications and the notices as DocumentReferences, read through the one stay policy and audited.
    @Suite struct FHIRHospitalStayTests {
        typealias Writer = FHIRPatientWriteTests.Writer

        func seeded(_ app: Application) async throws {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            try await DemoUtilization.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
        }

        func stay(_ family: String, _ app: Application) async throws -> HospitalStay {
            try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first())
        }

        func writer(_ username: String, _ app: Application) async throws -> Writer {
            try await Writer(app, try #require(try await User.query(on: app.db).filter(\.$username == username).first()))
        }

        static func ids(_ bundle: [String: Any]) -> [String] {
            (bundle["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
        }

        static func code(_ coding: Any?) -> String? { (coding as? [String: Any])?["code"] as? String }

        /// v3 ActCode: IMP inpatient, OBSENC observation; the class history follows the status timeline (Jensen: inpatient,
        /// then observation by condition code 44).
        @Test func aStayReadsAsAnEncounterWithItsStatusHistoryToHerUnitsCaseManagerOnly() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                try await seeded(app)
                let jensen = try await stay("Jensen", app), abbott = try await stay("Abbott", app), vance = try await stay("Vance", app)
                let manager = try await writer(DemoHospital.username, app)
                let agency = try await Writer(app, cast.user(.caseManager))
                let jensenID = "stay-" + (try jensen.requireID().uuidString.lowercased())
                // act
                let read = try await manager.send(.GET, "/fhir/Encounter/\(jensenID)")
                let discharged = try await manager.send(.GET, "/fhir/Encounter/stay-\(try abbott.requireID().uuidString.lowercased())")
                let otherUnit = try await manager.send(.GET, "/fhir/Encounter/stay-\(try vance.requireID().uuidString.lowercased())")
                let byAgency = try await agency.send(.GET, "/fhir/Encounter/\(jensenID)")
                let observation = try await manager.send(.GET, "/fhir/Encounter?class=OBSENC&_count=100")
                // check
                #expect(read.status == .ok && read.json["id"] as? String == jensenID)
                #expect(Self.code(read.json["class"]) == "OBSENC" && read.json["status"] as? String == "in-progress")
                let history = read.json["classHistory"] as? [[String: Any]] ?? []
                #expect(history.map { Self.code($0["class"]) } == ["IMP", "OBSENC"])
                let periods = history.map { $0["period"] as? [String: Any] ?? [:] }
                try #require(periods.count == 2)
                #expect(periods[0]["end"] as? String == periods[1]["start"] as? String)
                #expect(periods[1]["end"] == nil, "the status in force has no end")
                #expect((read.json["period"] as? [String: Any])?["start"] as? String == jensen.arrivedAt.fhirInstant)
                #expect(((read.json["subject"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String == jensen.hospitalMRN)
                #expect(((read.json["serviceProvider"] as? [String: Any])?["display"] as? String) == DemoUtilization.hospitalName)
                let participant = (read.json["participant"] as? [[String: Any]])?.first?["individual"] as? [String: Any]
                #expect(participant?["display"] as? String == jensen.attending)
                let diagnosis = (read.json["diagnosis"] as? [[String: Any]])?.first?["condition"] as? [String: Any]
                #expect(diagnosis?["display"] as? String == "Chest pain, ruled out for infarction")
                #expect(discharged.json["status"] as? String == "finished" && (discharged.json["period"] as? [String: Any])?["end"] != nil)
                let disposition = (discharged.json["hospitalization"] as? [String: Any])?["dischargeDisposition"] as? [String: Any]
                #expect(disposition?["text"] as? String == Disposition.homeHealth.title)
                #expect(otherUnit.status == .notFound && byAgency.status == .notFound, "another unit's stay and the agency's request answer as unknown")
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_stay.read").filter(\.$outcome == "denied").count() == 2)
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_stay.read").filter(\.$outcome == "success").count() == 2)
                let observed = Self.ids(observation.json)
                let vanceID = "stay-" + (try vance.requireID().uuidString.lowercased())
                #expect(observed.contains(jensenID) && !observed.contains(vanceID))
                let classes = (observation.json["entry"] as? [[String: Any]] ?? []).map { Self.code(($0["resource"] as? [String: Any])?["class"]) }
                #expect(!classes.isEmpty && classes.allSatisfy { $0 == "OBSENC" })
            }
        }

        /// Once the patient is referred the stay names the agency's chart; still only hospital staff read it.
        @Test func aReferredPatientsStayIsFoundByPatientAndTheAgencyStillSeesOnlyItsVisits() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                try await seeded(app)
                let own = try cast.ownPatient.requireID()
                let baker = try await stay("Baker", app)
                baker.$patient.id = own
                try await baker.save(on: app.db)
                let manager = try await writer(DemoHospital.username, app)
                // act
                let hers = try await manager.send(.GET, "/fhir/Encounter?patient=\(own.uuidString.lowercased())")
                let agencys = try await Writer(app, cast.user(.caseManager)).send(.GET, "/fhir/Encounter?patient=\(own.uuidString.lowercased())")
                // check
                let bakerID = "stay-" + (try baker.requireID().uuidString.lowercased())
                #expect(hers.status == .ok && Self.ids(hers.json) == [bakerID])
                let subject = ((hers.json["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])?["subject"] as? [String: Any]
                #expect(subject?["reference"] as? String == "Patient/\(own.uuidString.lowercased())")
                #expect(agencys.status == .ok && !Self.ids(agencys.json).contains(bakerID), "the hospital's stay is not the agency's record")
                let searches = try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_stay.search").all()
                #expect(searches.contains { $0.patientID == nil && $0.detail == "FHIR, 1 results" })
                #expect(searches.contains { $0.patientID == own }, "the referred patient's chart shows the read")
            }
        }

        @Test func payerCallsReadAsCommunicationsAndNoticesAsDocumentReferences() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                try await seeded(app)
                let hughes = try await stay("Hughes", app), ivanova = try await stay("Ivanova", app)
                let call = try #require(try await PayerCommunication.query(on: app.db).filter(\.$stay.$id == hughes.requireID()).first())
                let notice = try #require(try await HospitalNotice.query(on: app.db).filter(\.$stay.$id == ivanova.requireID()).first())
                let nurse = try await writer(DemoUtilization.username, app)
                let manager = try await writer(DemoHospital.username, app)
                let agency = try await Writer(app, cast.user(.supervisor))
                let callID = "payer-" + (try call.requireID().uuidString.lowercased()), noticeID = "notice-" + (try notice.requireID().uuidString.lowercased())
                let hughesEncounter = "Encounter/stay-" + (try hughes.requireID().uuidString.lowercased())
                let ivanovaEncounter = "Encounter/stay-" + (try ivanova.requireID().uuidString.lowercased())
                // act
                let communication = try await nurse.send(.GET, "/fhir/Communication/\(callID)")
                let calls = try await manager.send(.GET, "/fhir/Communication?encounter=\(hughesEncounter)")
                let document = try await manager.send(.GET, "/fhir/DocumentReference/\(noticeID)")
                let notices = try await nurse.send(.GET, "/fhir/DocumentReference?encounter=\(ivanovaEncounter)")
                let agencyCall = try await agency.send(.GET, "/fhir/Communication/\(callID)")
                let agencyNotice = try await agency.send(.GET, "/fhir/DocumentReference/\(noticeID)")
                let agencyNotices = try await agency.send(.GET, "/fhir/DocumentReference")
                // check
                #expect(communication.status == .ok && (communication.json["encounter"] as? [String: Any])?["reference"] as? String == hughesEncounter)
                #expect(communication.json["sent"] as? String == call.communicatedAt.fhirInstant)
                let medium = (communication.json["medium"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]]
                #expect(Self.code(medium?.first) == "ONLINEWRIT")
                let payload = (communication.json["payload"] as? [[String: Any]])?.first?["contentString"] as? String
                #expect(payload?.contains("Reference BH-UM-448120.") == true && payload?.contains("Clinicals sent.") == true)
                #expect(Self.ids(calls.json) == [callID])
                #expect(document.status == .ok && (document.json["type"] as? [String: Any])?["text"] as? String == StayNoticeKind.importantMessage.title)
                #expect((document.json["description"] as? String)?.hasPrefix("Patient refused to sign") == true)
                #expect(((document.json["author"] as? [[String: Any]])?.first?["display"] as? String) == notice.deliveredByName)
                #expect(document.json["date"] as? String == notice.deliveredAt.fhirInstant)
                let context = ((document.json["context"] as? [String: Any])?["encounter"] as? [[String: Any]])?.first
                #expect(context?["reference"] as? String == ivanovaEncounter)
                #expect(Self.ids(notices.json) == [noticeID])
                #expect(agencyCall.status == .notFound && agencyNotice.status == .notFound)
                #expect(agencyNotices.status == .ok && Self.ids(agencyNotices.json).isEmpty)
                for action in ["payer_communication.read", "hospital_notice.read"] {
                    #expect(try await AuditEvent.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "success").count() == 1, "\(action)")
                }
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "hospital_stay.read").filter(\.$outcome == "denied").count() == 2)
            }
        }

        /// The search table drives the CapabilityStatement: DocumentReference is listed with its parameters.
        @Test func theCapabilityStatementListsDocumentReference() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let statement = try await Writer(app, cast.user(.supervisor)).send(.GET, "/fhir/metadata")
                let types = ((statement.json["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
                let document = types.first { $0["type"] as? String == "DocumentReference" }
                let parameters = (document?["searchParam"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
                #expect(parameters.contains("encounter") && parameters.contains("patient"))
            }
        }
    }
}
