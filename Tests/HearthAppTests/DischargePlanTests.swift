import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The stay's discharge plan (issue 22): the hospital case manager assesses the needs, shows the choice list, records the
    /// choice with the list shown, sees the pre-flight catch a missing face-to-face, and sends the referral, which lands in
    /// the agency's intake inbox; when intake accepts, the stay shows it. Refusals say why and change nothing.
    @Suite struct DischargePlanTests {
        static let needs: [(String, String)] = [
            ("addressLine", "12 Elm Street"), ("city", "Columbus"), ("state", "OH"), ("postalCode", "43215"), ("phone", "614-555-0123"),
            ("wound_or_drain", "no"), ("new_medication_teaching", "yes"), ("iv_at_home", "yes"), ("mobility", "device"), ("therapy_goal", "yes"),
            ("equipment[]", "walker"), ("adl_help", "some"), ("caregiver", "able"), ("acute_admission", "yes"), ("charlson", "2"), ("ed_visits", "1"),
        ]
        static let orderFacts: [String: String] = [
            "sex": "male", "primaryDiagnosis": "K56.609", "faceToFaceBy": "", "homeboundOne": "Needs a walker and a person to leave home",
            "homeboundTwo": "Leaving home is a taxing effort after surgery", "certifyingPhysician": "Dr. Sofia Reyes", "certifyingNPI": "1234567893",
            "medications": "Metoprolol tartrate 25 mg tablet: 1 tablet by mouth twice a day",
        ]

        func seeded(_ app: Application) async throws -> Browser {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            let browser = Browser(app)
            try await browser.login(DemoHospital.username, password: DemoSeed.password)
            return browser
        }

        func stay(_ family: String, _ app: Application) async throws -> UUID {
            try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first()?.requireID())
        }

        /// Posts form pairs as a browser does, repeated names (`shown[]`) kept.
        @discardableResult
        func post(_ browser: Browser, _ url: SiteURL, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
            let body = (pairs + [("_csrf", browser.csrfToken ?? "")]).map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            return try await browser.send(.POST, url.path, headers: headers, body: ByteBuffer(string: body))
        }

        func shown(_ app: Application) -> [(String, String)] {
            ["olentangy-hh", "riverbend-hh", "riverside-at-home", "scioto-valley-hh"].map { ("shown[]", $0) }
        }

        @Test func sheAssessesTheNeedsAndSeesLACEAndTheChoiceList() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Umarov", app)
                let before = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(before.contains(#"id="discharge-plan""#) && before.contains("Enter the ZIP where the patient will live"))
                let bad = try await post(browser, .dischargePlan(id, .needs), [("postalCode", "4321"), ("charlson", "-1")])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("Enter the 5-digit ZIP") && bad.body.string.contains(#"id="charlson-error""#))
                #expect(try await DischargePlan.query(on: app.db).count() == 0)
                #expect(try await post(browser, .dischargePlan(id, .needs), Self.needs).status == .seeOther)
                let page = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(page.contains("IV therapy") && page.contains("IV therapy to continue: Yes"))
                #expect(page.contains("LACE 10 (High risk)"))
                #expect(page.contains(#"id="option-riverbend-hh""#) && page.contains("Original Medicare: no network") && !page.contains("Lakeshore"))
                #expect(page.contains("Owned by Riverside General Hospital") && page.contains("As of 2026-10-01"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "discharge_plan.needs").count() == 1)
            }
        }

        @Test func aPreferredMarkOrAShortListIsRefusedAndTheChoiceIsKeptWithTheListShown() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Umarov", app)
                try await post(browser, .dischargePlan(id, .needs), Self.needs)
                let marked = try await post(browser, .dischargePlan(id, .choice), shown(app) + [("preferred[]", "riverside-at-home"), ("first", "riverbend-hh"), ("chooser", "patient")])
                #expect(marked.status == .unprocessableEntity && marked.body.string.contains("may not mark a provider as preferred"))
                let short = try await post(browser, .dischargePlan(id, .choice), Array(shown(app).dropFirst()) + [("first", "riverbend-hh"), ("chooser", "patient")])
                #expect(short.status == .unprocessableEntity && short.body.string.contains("left out Olentangy Nursing Services"))
                let nameless = try await post(browser, .dischargePlan(id, .choice), shown(app) + [("first", "riverbend-hh"), ("chooser", "representative")])
                #expect(nameless.status == .unprocessableEntity && nameless.body.string.contains("Name the representative"))
                #expect(try await DischargeChoiceRecord.query(on: app.db).count() == 0)
                let saved = try await post(browser, .dischargePlan(id, .choice), shown(app) + [("first", "riverbend-hh"), ("also[]", "scioto-valley-hh"),
                                                                                        ("chooser", "representative"), ("representative", "Dilnoza Umarova (wife)")])
                #expect(saved.status == .seeOther)
                let choice = try #require(try await DischargeChoiceRecord.query(on: app.db).first())
                #expect(choice.chosenIDs == ["riverbend-hh", "scioto-valley-hh"] && choice.shownJSON.contains("Olentangy Nursing Services"))
                let page = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(page.contains("chosen by the representative Dilnoza Umarova (wife), 1. Riverbend Home Health (synthetic), 2. Scioto Valley"))
            }
        }

        @Test func thePreflightCatchesTheMissingFaceToFaceThenTheReferralReachesTheInboxAndIntakeAccepts() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let browser = try await seeded(app)
                let id = try await stay("Umarov", app)
                try await post(browser, .dischargePlan(id, .needs), Self.needs)
                try await post(browser, .dischargePlan(id, .choice), shown(app) + [("first", "riverbend-hh"), ("chooser", "patient")])
                let soc = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: 3).description
                #expect(try await browser.post(SiteURL.dischargePlan(id, .orderFacts).path, form: Self.orderFacts.merging(["startOfCare": soc]) { $1 }).status == .seeOther)
                let waiting = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(waiting.contains(#"id="preflight-face-to-face-status">Fix before discharge"#))
                let caught = try await post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverbend-hh"), ("deadlineHours", "24")])
                #expect(caught.status == .unprocessableEntity && caught.body.string.contains("Face-to-face encounter (42 CFR 424.22(a)(1)(v))"))
                let inboundCount = try await InboundReferral.query(on: app.db).count(), sentCount = try await PostAcuteReferralRecord.query(on: app.db).count()
                #expect(inboundCount == 0 && sentCount == 0)
                let yesterday = CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: -1).description
                let fixed = Self.orderFacts.merging(["startOfCare": soc, "faceToFaceDate": yesterday, "faceToFaceBy": "Dr. Sofia Reyes"]) { $1 }
                #expect(try await browser.post(SiteURL.dischargePlan(id, .orderFacts).path, form: fixed).status == .seeOther)
                #expect(try await post(browser, .dischargePlan(id, .referrals), [("providers[]", "riverbend-hh"), ("deadlineHours", "24")]).status == .seeOther)
                let inbound = try #require(try await InboundReferral.query(on: app.db).first())
                #expect(inbound.patientName == "Umarov, Timur" && inbound.orderedStartOfCare == soc && inbound.summary.contains("1 diagnosis, 1 medication"))
                #expect(try await browser.get(SiteURL.hospitalStay(id).path).body.string.contains("Waiting for an answer"))
                // The agency's intake sees it arrive and accepts it; the hospital reads the answer on the stay.
                let intake = Browser(app)
                try await intake.login("intake")
                #expect(try await intake.get(SiteURL.referralInbox.path).body.string.contains("Umarov, Timur"))
                try await intake.get(SiteURL.inboundReferral(try inbound.requireID()).path)
                #expect(try await intake.post(SiteURL.inboundReferral(try inbound.requireID(), .accept).path, form: ["match": "new"]).status == .seeOther)
                let accepted = try await browser.get(SiteURL.hospitalStay(id).path).body.string
                #expect(accepted.contains(">Accepted<") && accepted.contains("intake inbox: accepted, start of care being scheduled") && accepted.contains("First visit not yet made"))
                // Referred is not a key to the agency's chart: the hospital case manager still cannot open it.
                let patientID = try #require(try await InboundReferral.find(inbound.id, on: app.db)?.$patient.id)
                #expect(try await browser.get(SiteURL.patient(patientID).path).status == .notFound)
            }
        }

        @Test func outOfNetworkNeedsAReasonAndAManualAnswerIsRecorded() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                let id = try await stay("Hughes", app)
                #expect(try await browser.post(SiteURL.hospitalStay(id, .expectedDischarge).path, form: [
                    "expectedDischarge": CalendarDate(Date(), in: app.settings.agencyTimeZone).adding(days: 1).description, "plannedDisposition": "home_health",
                ]).status == .seeOther)
                try await post(browser, .dischargePlan(id, .needs), Self.needs)
                try await post(browser, .dischargePlan(id, .choice), shown(app) + [("first", "scioto-valley-hh"), ("chooser", "patient")])
                let refused = try await post(browser, .dischargePlan(id, .referrals), [("providers[]", "scioto-valley-hh"), ("deadlineHours", "24"),
                                                                                       ("preflightOverride", "Patient leaving today; agency will obtain the encounter")])
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("not in Blue Horizon Commercial&#39;s network"))
                #expect(try await post(browser, .dischargePlan(id, .referrals), [("providers[]", "scioto-valley-hh"), ("deadlineHours", "24"),
                                                                             ("networkOverride", "Plan approved a single-case agreement"),
                                                                             ("preflightOverride", "Patient leaving today; agency will obtain the encounter")]).status == .seeOther)
                let row = try #require(try await PostAcuteReferralRecord.query(on: app.db).first())
                #expect(row.networkOverride == "Plan approved a single-case agreement" && row.preflightOverride != nil && row.delayReason == "post_acute_acceptance")
                let blank = try await post(browser, .dischargePlan(id, .answer(try row.requireID())), [("answer", "declined")])
                #expect(blank.status == .unprocessableEntity && blank.body.string.contains("Say why Scioto Valley"))
                #expect(try await post(browser, .dischargePlan(id, .answer(try row.requireID())), [("answer", "accepted")]).status == .seeOther)
                #expect(try await PostAcuteReferralRecord.find(row.id, on: app.db)?.status == "accepted")
                let twice = try await post(browser, .dischargePlan(id, .answer(try row.requireID())), [("answer", "declined"), ("reason", "x")])
                #expect(twice.status == .unprocessableEntity)
            }
        }

        @Test func nobodyButHerUnitsCaseManagerWritesThePlan() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                _ = try await seeded(app)
                let umarov = try await stay("Umarov", app), vance = try await stay("Vance", app)
                for username in ["supervisor", "casemanager", "intake"] {
                    let browser = Browser(app)
                    try await browser.login(username)
                    #expect(try await post(browser, .dischargePlan(umarov, .needs), Self.needs).status == .notFound, "\(username)")
                }
                let hers = Browser(app)
                try await hers.login(DemoHospital.username, password: DemoSeed.password)
                #expect(try await post(hers, .dischargePlan(vance, .needs), Self.needs).status == .notFound)
                #expect(try await DischargePlan.query(on: app.db).count() == 0)
            }
        }
    }
}
