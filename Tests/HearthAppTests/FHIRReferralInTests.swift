import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// A hospital sends the agency a referral as a FHIR transaction; intake reviews it in the inbox, accepts or declines
    /// it, and the hospital follows the Task. Nothing joins a chart before the agency accepts, and no other partner sees it.
    @Suite struct FHIRReferralInTests {
        typealias Writer = FHIRPatientWriteTests.Writer
        static let hospital = FHIRPatientWriteTests.hospital

        static func entry(_ resource: [String: Any], _ url: String, fullUrl: String? = nil) -> [String: Any] {
            var entry: [String: Any] = ["resource": resource, "request": ["method": "POST", "url": url]]
            if let fullUrl { entry["fullUrl"] = fullUrl }
            return entry
        }

        /// A discharge referral: the patient, a diagnosis, an allergy, a structured and a text-only medication, the
        /// physician, the hospital, coverage, the home health order with its start of care and the Task.
        static func referral(identifier: String = "H-9001", family: String = "Okafor", given: String = "Mary", birthDate: String = "1944-06-02",
                             extra: [[String: Any]] = [], taskStatus: String = "requested") -> [String: Any] {
            let patientURL = "urn:uuid:7f3c0e1a-0000-4000-8000-000000000001"
            let subject: [String: Any] = ["reference": patientURL]
            let patient: [String: Any] = ["resourceType": "Patient", "identifier": [["system": hospital, "value": identifier]],
                                          "name": [["family": family, "given": [given]]], "gender": "female", "birthDate": birthDate]
            let entries: [[String: Any]] = [
                entry(patient, "Patient", fullUrl: patientURL),
                entry(["resourceType": "Condition", "subject": subject,
                       "code": ["coding": [["system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I50.9"]]]], "Condition"),
                entry(["resourceType": "AllergyIntolerance", "patient": subject, "code": ["text": "Penicillin"],
                       "reaction": [["manifestation": [["text": "Hives"]], "severity": "moderate"]]], "AllergyIntolerance"),
                entry(["resourceType": "MedicationStatement", "status": "active", "subject": subject,
                       "medicationCodeableConcept": ["coding": [["system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "310429"]], "text": "Furosemide 40 mg tablet"],
                       "dosage": [["timing": ["repeat": ["frequency": 1, "period": 1, "periodUnit": "d"]], "route": ["text": "oral"],
                                   "doseAndRate": [["doseQuantity": ["value": 1, "unit": "tablet"]]]]]], "MedicationStatement"),
                entry(["resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                       "medicationCodeableConcept": ["coding": [["system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "866924"]], "text": "Metoprolol tartrate 25 mg tablet"],
                       "dosageInstruction": [["text": "1 tablet by mouth twice a day"]]], "MedicationRequest"),
                entry(["resourceType": "Practitioner", "name": [["family": "Ortiz", "given": ["Jane"]]],
                       "identifier": [["system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"]]], "Practitioner"),
                entry(["resourceType": "Organization", "name": "St. Mary's Hospital"], "Organization"),
                entry(["resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": "1EG4-TE5-MK72",
                       "payor": [["display": "Medicare Part A"]]], "Coverage"),
                entry(["resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": subject,
                       "code": ["text": "Home health skilled nursing"], "occurrenceDateTime": "2026-12-05"], "ServiceRequest"),
                entry(["resourceType": "Task", "status": taskStatus, "intent": "order", "for": subject, "description": "Home health referral"], "Task"),
            ]
            return ["resourceType": "Bundle", "type": "transaction", "entry": entries + extra]
        }

        static func taskLocation(_ json: [String: Any]) -> String? {
            let entries = json["entry"] as? [[String: Any]] ?? []
            return entries.compactMap { ($0["response"] as? [String: Any])?["location"] as? String }.first { $0.hasPrefix("Task/") }
        }

        @Test func aHospitalReferralWaitsInTheInboxAndIntakeAcceptsItIntoAChartEpisodeAndReconciliation() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let sender = try await Writer(app, cast.user(.hospitalCaseManager))
                let sent = try await sender.send(.POST, "/fhir", Self.referral())
                #expect(sent.status == .ok)
                let task = try #require(Self.taskLocation(sent.json))
                // Nothing joins a chart before the agency decides.
                #expect(try await PatientIdentifier.query(on: app.db).filter(\.$value == "H-9001").count() == 0)
                #expect(try await sender.send(.GET, "/fhir/\(task)").json["status"] as? String == "requested")
                // Another hospital's account hears there is no such Task.
                let stranger = try await Writer(app, try await makeUser("otherhospital", role: .hospitalCaseManager, on: app))
                #expect(try await stranger.send(.GET, "/fhir/\(task)").status == .notFound)

                let intake = Browser(app)
                try await intake.login("intake")
                let inbox = try await intake.get("/referrals/inbox")
                #expect(inbox.body.string.contains("Okafor, Mary"))
                let id = String(task.dropFirst("Task/inbound-".count))
                let page = try await intake.get("/referrals/inbox/\(id)")
                #expect(page.body.string.contains("I50.9"))
                #expect(page.body.string.contains("Metoprolol"))
                #expect(page.body.string.contains("RxNorm 866924"))
                let accepted = try await intake.post("/referrals/inbox/\(id)/accept", form: ["match": "new"])
                #expect(accepted.status == .seeOther)

                let patientID = try #require(try await PatientIdentifier.query(on: app.db).filter(\.$value == "H-9001").first()?.$patient.id)
                #expect(accepted.headers.first(name: .location) == SiteURL.patient(patientID).path)
                #expect(try await Diagnosis.query(on: app.db).filter(\.$patient.$id == patientID).first()?.code == "I50.9")
                #expect(try await Allergy.query(on: app.db).filter(\.$patient.$id == patientID).count() == 1)
                // The payer the hospital named is on the chart, first in the billing order: nothing sent is lost on accept.
                let coverage = try #require(try await Coverage.query(on: app.db).filter(\.$patient.$id == patientID).first())
                #expect(coverage.payer == "Medicare Part A" && coverage.memberID == "1EG4-TE5-MK72" && coverage.order == 1)
                let episode = try #require(try await EpisodeStore.latest(patientID: patientID, on: app.db))
                let referral = try #require(try await InboundReferral.find(UUID(uuidString: id), on: app.db))
                #expect(episode.status == EpisodeStatus.referred.rawValue)
                #expect(episode.referralReceivedAt == referral.receivedAt)
                #expect(episode.orderedStartOfCare == "2026-12-05")
                let reconciliation = try #require(try await MedicationReconciliationRecord.query(on: app.db).filter(\.$patient.$id == patientID).first())
                #expect(reconciliation.status == "open")
                #expect(reconciliation.reconciliationJSON.contains("866924") && reconciliation.reconciliationJSON.contains("310429"))
                #expect(try await sender.send(.GET, "/fhir/\(task)").json["status"] as? String == "accepted")
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "referral.inbound.accept" && $0.patientID == patientID })
                #expect(trail.contains { $0.action == "referral.inbound.create" })
                // Decided once: a second accept is refused.
                #expect(try await intake.post("/referrals/inbox/\(id)/accept", form: ["match": "new"]).status == .conflict)
            }
        }

        @Test func theSameBundleSentAgainAnswersTheReferralOnFile() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let sender = try await Writer(app, cast.user(.hospitalCaseManager))
                let first = try await sender.send(.POST, "/fhir", Self.referral())
                let again = try await sender.send(.POST, "/fhir", Self.referral())
                #expect(Self.taskLocation(first.json) == Self.taskLocation(again.json))
                #expect(try await InboundReferral.query(on: app.db).count() == 1)
            }
        }

        @Test(arguments: [
            ("observation", "Bundle.entry[10].resource.resourceType"),
            ("unreadable dosage", "Bundle.entry[10].resource.dosageInstruction[0].text"),
            ("email", "Bundle.entry[10].resource.telecom"),
            ("task status", "Bundle.entry[9].resource.status"),
            ("payor nowhere", "Bundle.entry[10].resource.payor[0].reference"),
        ])
        func aBadEntryIsRefusedByItsPathAndNothingIsKept(_ problem: String, _ path: String) async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let sender = try await Writer(app, cast.user(.hospitalCaseManager))
                let subject = ["reference": "urn:uuid:7f3c0e1a-0000-4000-8000-000000000001"]
                let extra: [[String: Any]] = switch problem {
                case "observation": [Self.entry(["resourceType": "Observation", "status": "final", "code": ["text": "Weight"]], "Observation")]
                case "unreadable dosage": [Self.entry(["resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
                                                       "medicationCodeableConcept": ["text": "Warfarin 5 mg tablet"], "dosageInstruction": [["text": "as directed"]]], "MedicationRequest")]
                case "payor nowhere": [Self.entry(["resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": "W123",
                                                   "payor": [["reference": "urn:uuid:00000000-0000-4000-8000-00000000dead"]]], "Coverage")]
                case "email": [Self.entry(["resourceType": "Organization", "name": "Clinic", "telecom": [["system": "email", "value": "a@b.c"]], "address": [["city": "X"]]], "Organization")]
                default: []
                }
                let sent = try await sender.send(.POST, "/fhir", Self.referral(extra: extra, taskStatus: problem == "task status" ? "accepted" : "requested"))
                #expect(sent.status.code >= 400 && sent.status.code < 500)
                let issue = (sent.json["issue"] as? [[String: Any]])?.first
                let expression = (issue?["expression"] as? [String])?.first ?? ""
                #expect(expression == path || (problem == "email" && expression.hasPrefix("Bundle.entry[10].resource.")), "\(problem): \(expression)")
                #expect(try await InboundReferral.query(on: app.db).count() == 0)
                #expect(!(sent.response.body.string.contains("Okafor")))
            }
        }

        @Test func onlyAHospitalsAccountSendsReferralsAndTheRefusalIsAudited() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let writer = try await Writer(app, cast.user(.caseManager))
                let sent = try await writer.send(.POST, "/fhir", Self.referral())
                #expect(sent.status == .forbidden)
                #expect(try await InboundReferral.query(on: app.db).count() == 0)
                #expect(try await auditTrail(app).contains { $0.action == "agency.sendReferral" && $0.outcome == "denied" })
                // The inbox is intake's, case managers' and supervisors': not the hospital's nor a clinician's.
                for role in [Role.hospitalCaseManager, .clinician, .admin] {
                    let browser = Browser(app)
                    try await browser.login(cast.user(role).username)
                    #expect(try await browser.get("/referrals/inbox").status == .forbidden, "\(role)")
                }
            }
        }

        @Test func aDeclineNeedsAReasonWhichTheHospitalReadsOnItsTask() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let sender = try await Writer(app, cast.user(.hospitalCaseManager))
                let task = try #require(Self.taskLocation(try await sender.send(.POST, "/fhir", Self.referral()).json))
                let id = String(task.dropFirst("Task/inbound-".count))
                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                try await caseManager.get("/referrals/inbox/\(id)")
                let blank = try await caseManager.post("/referrals/inbox/\(id)/decline", form: ["reason": "  "])
                #expect(blank.status == .unprocessableEntity)
                #expect(blank.body.string.contains("Say why the agency cannot take this patient"))
                let declined = try await caseManager.post("/referrals/inbox/\(id)/decline", form: ["reason": "Outside our service area"])
                #expect(declined.status == .seeOther)
                let read = try await sender.send(.GET, "/fhir/\(task)")
                #expect(read.json["status"] as? String == "rejected")
                #expect((read.json["statusReason"] as? [String: Any])?["text"] as? String == "Outside our service area")
                #expect(try await Patient.query(on: app.db).count() == 2)
                #expect(try await auditTrail(app).contains { $0.action == "referral.inbound.decline" })
            }
        }

        @Test func aReferralForARegisteredPatientIsFlaggedAndMatchedByAPersonNeverDuplicatedSilently() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let sender = try await Writer(app, cast.user(.hospitalCaseManager))
                // The case manager's own patient, by name and birth date, with no identifier in common.
                let bundle = Self.referral(identifier: "H-7777", family: "Abernathy", given: "Dorothy", birthDate: "1941-03-09")
                let task = try #require(Self.taskLocation(try await sender.send(.POST, "/fhir", bundle).json))
                let id = String(task.dropFirst("Task/inbound-".count))
                let own = try cast.ownPatient.requireID()

                let intake = Browser(app)
                try await intake.login("intake")
                let seen = try await intake.get("/referrals/inbox/\(id)")
                #expect(seen.body.string.contains("matching it is not yours to do"))
                #expect(!seen.body.string.contains(cast.ownPatient.mrn))

                let caseManager = Browser(app)
                try await caseManager.login("casemanager")
                #expect(try await caseManager.get("/referrals/inbox/\(id)").body.string.contains(cast.ownPatient.mrn))
                let unconfirmed = try await caseManager.post("/referrals/inbox/\(id)/accept", form: ["match": "new"])
                #expect(unconfirmed.status == .unprocessableEntity)
                #expect(try await Patient.query(on: app.db).count() == 2)
                let matched = try await caseManager.post("/referrals/inbox/\(id)/accept", form: ["match": own.uuidString.lowercased()])
                #expect(matched.status == .seeOther)
                #expect(try await Patient.query(on: app.db).count() == 2)
                #expect(try await Diagnosis.query(on: app.db).filter(\.$patient.$id == own).filter(\.$code == "I50.9").count() == 1)
                #expect(try await InboundReferral.find(UUID(uuidString: id), on: app.db)?.$patient.id == own)
            }
        }
    }
}
