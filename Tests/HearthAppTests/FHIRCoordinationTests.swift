import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The community directory (HealthcareService, Location, Organization), referrals (ServiceRequest, Task) and the
    /// communication log (Communication) over FHIR R4.
    @Suite struct FHIRCoordinationTests {
        /// A FHIR client holding a bearer token of one user.
        struct Client {
            let app: Application
            let headers: HTTPHeaders

            init(_ app: Application, _ user: User) async throws {
                self.app = app
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: user.requireID(), name: "emr", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                headers.replaceOrAdd(name: .accept, value: "application/fhir+json")
                self.headers = headers
            }

            /// The status and the JSON body of a GET.
            func get(_ path: String) async throws -> (status: HTTPStatus, json: [String: Any]) {
                let response = try await app.testing().sendRequest(.GET, path, headers: headers)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any] ?? [:]
                return (response.status, json)
            }

            /// The resources of a searchset bundle.
            func search(_ path: String) async throws -> [[String: Any]] {
                let (status, bundle) = try await get(path)
                #expect(status == .ok, "\(path): \(bundle)")
                return (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
            }
        }

        func importDirectory(_ app: Application) async throws -> ResourceDirectory {
            try await ResourceReferralTests().importDirectory(app)
        }

        static func text(_ concept: Any?) -> String? { (concept as? [String: Any])?["text"] as? String }

        @Test func aReferralIsAServiceRequestAndATaskThatFollowTheLoop() async throws {
            try await withHearth { app in
                // setup: a patient with a verbal order, referred to home-delivered meals
                let (browser, cast, base) = try await CarePlanTests().admitted(app)
                #expect(try await browser.post(base + "/verbal-orders", form: ["order": "Increase furosemide to 40 mg daily", "readBackBy": "Dr. Physician"])
                    .status == .seeOther)
                let directory = try await importDirectory(app)
                let meals = try #require(directory.services.first { $0.id == "svc-home-meals" })
                let patientID = try cast.ownPatient.requireID()
                let referrals = SiteURL.patient(patientID, .referrals).path
                try await browser.get(referrals)
                #expect(try await browser.post(referrals, form: ["serviceID": meals.id, "need": "Hot meals five days a week"]).status == .seeOther)
                let row = try #require(try await ResourceReferralRecord.query(on: app.db).first())
                let id = "referral-" + (try row.requireID().uuidString.lowercased())
                let client = try await Client(app, cast.user(.caseManager))
                let patient = patientID.uuidString.lowercased()

                // check: the patient's ServiceRequests are the order and the referral, told apart by their ids
                let requests = try await client.search("/fhir/ServiceRequest?patient=\(patient)")
                #expect(requests.count == 2)
                let request = try #require(requests.first { $0["id"] as? String == id })
                #expect(requests.contains { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) != nil })
                #expect(request["status"] as? String == "draft" && request["intent"] as? String == "order")
                #expect(Self.text(request["code"]) == "Hot meals five days a week")
                #expect((request["subject"] as? [String: Any])?["reference"] as? String == "Patient/\(patient)")
                let requester = try #require((request["requester"] as? [String: Any])?["reference"] as? String)
                #expect(requester == "Practitioner/\(try cast.user(.caseManager).requireID().uuidString.lowercased())")
                let performer = try #require((request["performer"] as? [[String: Any]])?.first?["reference"] as? String)
                #expect(performer == "HealthcareService/hsds-svc-home-meals")
                #expect(try await client.get("/fhir/\(performer)").status == .ok)
                #expect(try await client.search("/fhir/Task?patient=\(patient)").count == 2)

                // act and check: each step of the loop moves the Task (and the ServiceRequest)
                let step = referrals + "/\(try row.requireID().uuidString.lowercased())"
                for (action, task, request) in [("send", "requested", "active"), ("accept", "accepted", "active"),
                                                ("start_service", "in-progress", "active"), ("close", "completed", "completed")] {
                    #expect(try await browser.post(step, form: ["action": action, "note": "Receiving meals Mon–Fri"]).status == .seeOther)
                    let (status, read) = try await client.get("/fhir/Task/\(id)")
                    #expect(status == .ok && read["status"] as? String == task, "\(action): \(read)")
                    #expect((read["focus"] as? [String: Any])?["reference"] as? String == "ServiceRequest/\(id)")
                    #expect(try await client.get("/fhir/ServiceRequest/\(id)").json["status"] as? String == request, "\(action)")
                }
                let closed = try await client.get("/fhir/Task/\(id)").json
                #expect(Self.text(closed["businessStatus"]) == "Closed")
                #expect((closed["executionPeriod"] as? [String: Any])?["end"] != nil)
                #expect(try await auditTrail(app).contains { $0.action == "referral.read" && $0.resourceType == "Task" })
            }
        }

        @Test func aDeclinedReferralIsARejectedTaskWithItsReason() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let directory = try await importDirectory(app)
                let service = try #require(directory.services.first { $0.isActive })
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let referrals = SiteURL.patient(patientID, .referrals).path
                try await browser.get(referrals)
                try await browser.post(referrals, form: ["serviceID": service.id, "need": "Rides to dialysis"])
                let row = try #require(try await ResourceReferralRecord.query(on: app.db).first())
                let step = referrals + "/\(try row.requireID().uuidString.lowercased())"
                try await browser.post(step, form: ["action": "send"])
                #expect(try await browser.post(step, form: ["action": "decline", "note": "Outside the service area"]).status == .seeOther)
                let client = try await Client(app, cast.user(.caseManager))
                let id = "referral-" + (try row.requireID().uuidString.lowercased())
                let task = try await client.get("/fhir/Task/\(id)").json
                #expect(task["status"] as? String == "rejected")
                #expect(Self.text(task["statusReason"]) == "Outside the service area")
                #expect(try await client.get("/fhir/ServiceRequest/\(id)").json["status"] as? String == "revoked")
            }
        }

        @Test func anotherCaseloadsCommunicationsAndReferralsAreNotFound() async throws {
            try await withHearth { app in
                // setup: a call logged for the case manager's own patient, and a referral
                let cast = try await makeCast(app)
                let directory = try await importDirectory(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .communications).path
                try await browser.get(path)
                let today = CalendarDate(Date(), in: app.settings.agencyTimeZone)
                #expect(try await browser.post(path, form: ["kind": "fax", "direction": "incoming", "party": "physician", "partyName": "Dr. Patel",
                                                            "subject": "Signed order", "summary": "Order for PT evaluation returned signed",
                                                            "date": today.description, "time": "00:00"]).status == .seeOther)
                try await browser.get(SiteURL.patient(patientID, .referrals).path)
                try await browser.post(SiteURL.patient(patientID, .referrals).path, form: ["serviceID": try #require(directory.services.first { $0.isActive }).id,
                                                                                 "need": "Respite"])
                let communication = try #require(try await CommunicationRecord.query(on: app.db).first()).requireID().uuidString.lowercased()
                let referral = "referral-" + (try #require(try await ResourceReferralRecord.query(on: app.db).first()).requireID().uuidString.lowercased())
                let patient = patientID.uuidString.lowercased()

                // check: the case manager reads the log as FHIR
                let own = try await Client(app, cast.user(.caseManager))
                let log = try await own.search("/fhir/Communication?patient=\(patient)")
                let entry = try #require(log.first)
                #expect(log.count == 1 && entry["id"] as? String == communication && entry["status"] as? String == "completed")
                let medium = (entry["medium"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]]
                #expect(medium?.first?["code"] as? String == "FAXWRIT")
                #expect(((entry["sender"] as? [String: Any])?["display"] as? String)?.contains("Dr. Patel") == true)
                #expect(((entry["payload"] as? [[String: Any]])?.first?["contentString"] as? String)?.contains("returned signed") == true)
                #expect(try await own.get("/fhir/Communication/\(communication)").status == .ok)
                #expect(try await auditTrail(app).contains { $0.action == "communication.read" && $0.patientID == patientID })

                // check: another case manager's token finds nothing
                let stranger = try await Client(app, cast.otherCaseManager)
                #expect(try await stranger.get("/fhir/Communication/\(communication)").status == .notFound)
                #expect(try await stranger.get("/fhir/Communication?patient=\(patient)").status == .notFound)
                #expect(try await stranger.get("/fhir/ServiceRequest/\(referral)").status == .notFound)
                #expect(try await stranger.get("/fhir/Task/\(referral)").status == .notFound)
                #expect(try await stranger.get("/fhir/Task?patient=\(patient)").status == .notFound)
            }
        }

        @Test func theDirectoryIsServedToAnySignedInClient() async throws {
            try await withHearth { app in
                // setup: the demo directory and a payer of the agency's own
                let cast = try await makeCast(app)
                let directory = try await importDirectory(app)
                try await Organization(name: "Medicare", kind: .payer).create(on: app.db)
                let aide = try await Client(app, cast.user(.aide))

                // check: every service, location and organization, with what a referrer needs
                let services = try await aide.search("/fhir/HealthcareService?_count=100")
                #expect(services.count == directory.services.count)
                let (status, meals) = try await aide.get("/fhir/HealthcareService/hsds-svc-home-meals")
                #expect(status == .ok && meals["name"] as? String == "Home-delivered meals" && meals["active"] as? Bool == true)
                #expect((meals["providedBy"] as? [String: Any])?["reference"] as? String == "Organization/hsds-org-mobile-meals")
                let category = (meals["category"] as? [[String: Any]])?.first?["coding"] as? [[String: Any]]
                #expect(category?.first?["code"] as? String == "food")
                let languages = (meals["communication"] as? [[String: Any]] ?? []).compactMap { ($0["coding"] as? [[String: Any]])?.first }
                #expect(languages.contains { $0["system"] as? String == "urn:ietf:bcp:47" && $0["code"] as? String == "es" })
                let hours = (meals["availableTime"] as? [[String: Any]])?.first
                #expect(hours?["daysOfWeek"] as? [String] == ["mon", "tue", "wed", "thu", "fri"] && hours?["availableStartTime"] as? String == "10:30:00")
                #expect(Self.text((meals["serviceProvisionCode"] as? [Any])?.first)?.contains("No charge") == true)
                let food = try await aide.search("/fhir/HealthcareService?service-category=food&_count=100")
                #expect(!food.isEmpty && food.count < services.count)
                #expect(try await aide.search("/fhir/HealthcareService?name=home-deliv").count == 1)
                let kitchen = try await aide.get("/fhir/Location/hsds-loc-meals-kitchen").json
                #expect((kitchen["position"] as? [String: Any])?["latitude"] as? Double == 39.956)
                #expect((kitchen["address"] as? [String: Any])?["postalCode"] as? String == "43205")
                #expect(try await aide.search("/fhir/Location?_count=100").count == directory.locations.count)

                // check: the directory's organizations join the agency's under one type, with their own ids
                let organizations = try await aide.search("/fhir/Organization?_count=100")
                #expect(organizations.count == directory.organizations.count + 1)
                #expect(organizations.first?["name"] as? String == "Medicare")
                let community = try await aide.search("/fhir/Organization?type=cg&_count=100")
                #expect(community.count == directory.organizations.count && community.allSatisfy { ($0["id"] as? String)?.hasPrefix("hsds-") == true })
                let (first, second) = (try await aide.get("/fhir/Organization?_count=1").json, try await aide.get("/fhir/Organization?_count=1&_offset=1").json)
                #expect((first["link"] as? [[String: Any]])?.contains { $0["relation"] as? String == "next" } == true)
                #expect(((second["entry"] as? [[String: Any]])?.first?["fullUrl"] as? String)?.contains("/Organization/hsds-") == true)
                let mobileMeals = try await aide.get("/fhir/Organization/hsds-org-mobile-meals").json
                let telecom = mobileMeals["telecom"] as? [[String: Any]] ?? []
                #expect(telecom.contains { $0["system"] as? String == "url" && $0["value"] as? String == "https://mobilemeals.example.org" })
            }
        }

        @Test func badDirectoryAndReferralRequestsAreRefusedWithAnOperationOutcome() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                _ = try await importDirectory(app)
                let client = try await Client(app, cast.user(.caseManager))
                for (path, status) in [("/fhir/HealthcareService?service-category=spaceships", HTTPStatus.badRequest),
                                       ("/fhir/HealthcareService?active=maybe", .badRequest), ("/fhir/Organization?type=spaceship", .badRequest),
                                       ("/fhir/Communication", .badRequest), ("/fhir/HealthcareService/hsds-nothing", .notFound),
                                       ("/fhir/Location/%00", .notFound), ("/fhir/Organization/hsds-", .notFound),
                                       ("/fhir/ServiceRequest/referral-not-a-uuid", .notFound), ("/fhir/Task/referral-", .notFound),
                                       ("/fhir/Communication/12", .notFound)] {
                    let (got, body) = try await client.get(path)
                    #expect(got == status && body["resourceType"] as? String == "OperationOutcome", "\(path): \(got) \(body)")
                }
                #expect(try await app.testing().sendRequest(.GET, "/fhir/HealthcareService").status == .unauthorized)
            }
        }
    }
}
