import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Assessments as a case manager meets them: start, fill section by section, sign, amend [42 CFR 484.55].
    @Suite struct AssessmentTests {
        /// The plainest truthful answers to every question that is asked: the first choice, "no", the lowest number.
        static func answers(for instrument: InstrumentDefinition, choosing pick: [String: String] = [:]) -> [String: [String: String]] {
            var given = AssessmentAnswers()
            var bySection: [String: [String: String]] = [:]
            for section in instrument.sections {
                for item in section.items where instrument.visibleItemIDs(given: given).contains(item.id) {
                    let value: String
                    switch item.type {
                    case .singleChoice, .multiChoice: value = pick[item.id] ?? item.options[0].code
                    case .yesNo: value = pick[item.id] ?? "no"
                    case .number: value = pick[item.id] ?? ScoreFormat.text(item.min ?? 0)
                    case .date: value = "2026-11-01"
                    case .text: value = "Reviewed with the patient"
                    case .bodyArea: value = BodyArea.allCases[0].rawValue
                    }
                    bySection[section.id, default: [:]][item.id] = value
                    if case .answered(let answer) = item.read(form: [value]) { given[item.id] = answer }
                }
            }
            return bySection
        }

        /// Starts an assessment from the chart and returns its URL.
        static func start(_ browser: Browser, _ patientID: UUID, kind: String, instrument: String = "") async throws -> String {
            try await browser.get(SiteURL.patient(patientID).path)
            let started = try await browser.post(SiteURL.patient(patientID, .assessments).path, form: ["kind": kind, "instrument": instrument])
            #expect(started.status == .seeOther)
            return try #require(started.headers.first(name: .location))
        }

        static func fill(_ browser: Browser, _ url: String, _ instrument: InstrumentDefinition, choosing pick: [String: String] = [:]) async throws {
            for (section, fields) in answers(for: instrument, choosing: pick) {
                try await browser.get(url + "?section=\(section)")
                let saved = try await browser.post(url + "/sections/\(section)", form: fields)
                #expect(saved.status == .seeOther, "section \(section): \(saved.body.string.prefix(200))")
            }
        }

        @Test func aSignedStartOfCareAssessmentMeetsTheComprehensiveAssessmentDeadline() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 2)
                let patientID = try cast.ownPatient.requireID()
                let instrument = try #require(app.instruments["home-assessment"])
                let url = try await Self.start(browser, patientID, kind: "start_of_care")
                let form = try await browser.get(url)
                #expect(form.body.string.contains(instrument.sections[0].title))
                #expect(form.body.string.contains("data-autosave"))
                try await Self.fill(browser, url, instrument)
                let review = try await browser.get(url + "/review")
                #expect(review.body.string.contains(#"id="sign-assessment""#))
                #expect(!review.body.string.contains(#"id="sign-problems""#))
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains("Signed"))
                let comprehensive = try #require(try await ObligationRecord.query(on: app.db).filter(\.$ruleID == "comprehensive-assessment").first())
                #expect(!comprehensive.outstanding)
                #expect(comprehensive.state == "met")
                let actions = try await auditTrail(app).map(\.action)
                #expect(actions.contains("assessment.create") && actions.contains("assessment.update") && actions.contains("assessment.sign"))
            }
        }

        /// Issue 17 (minor): a recertification started blank. It starts from the last signed answers on the same instrument,
        /// for the clinician to review and change; a follow-up screen (PHQ-9, pain) is asked afresh.
        @Test func aRecertificationStartsFromTheLastSignedAnswers() async throws {
            try await withHearth { app in
                let (browser, cast) = try await ComplianceTests().admit(app, socDaysAgo: 2)
                let patientID = try cast.ownPatient.requireID()
                let instrument = try #require(app.instruments["home-assessment"])
                let soc = try await Self.start(browser, patientID, kind: "start_of_care")
                try await Self.fill(browser, soc, instrument)
                #expect(try await browser.post(soc + "/sign", form: [:]).status == .seeOther)
                let signed = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$kind == "start_of_care").first())
                let recert = try await Self.start(browser, patientID, kind: "recertification")
                let draft = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$kind == "recertification").first())
                #expect(draft.status == AssessmentStatus.draft.rawValue)
                #expect(!AssessmentStore.answers(of: draft).values.isEmpty)
                #expect(AssessmentStore.answers(of: draft) == instrument.carryOver(AssessmentStore.answers(of: signed)).kept)
                #expect(try await browser.get(recert + "/review").body.string.contains(#"id="sign-assessment""#))
                #expect(try await auditTrail(app).contains { $0.action == "assessment.create" && ($0.detail ?? "").contains("carried forward") })
                _ = try await Self.start(browser, patientID, kind: "follow_up", instrument: "pain")
                let pain = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$instrumentID == "pain").first())
                #expect(AssessmentStore.answers(of: pain).values.isEmpty)
            }
        }

        @Test func outOfRangeAnswersAndMissingItemsAreRefusedAndSignedOnesAreLocked() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let url = try await Self.start(browser, patientID, kind: "follow_up", instrument: "pain")
                let pain = try #require(app.instruments["pain"])
                let section = pain.sections[0].id
                let numberItem = try #require(pain.items.first { $0.type == .number })
                try await browser.get(url)
                let bad = try await browser.post(url + "/sections/\(section)", form: [numberItem.id: "14"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains(#"id="\#(numberItem.id)-error""#))
                let early = try await browser.post(url + "/sign", form: [:])
                #expect(early.status == .unprocessableEntity)
                #expect(early.body.string.contains(#"id="sign-problems""#))
                #expect(try await AssessmentRecord.query(on: app.db).first()?.status == "draft")
                try await Self.fill(browser, url, pain, choosing: [numberItem.id: "3"])
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                try await browser.get(url)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .conflict) // a second signature
                #expect(try await browser.post(url + "/sections/\(section)", form: [numberItem.id: "5"]).status == .conflict) // locked
                let stored = try #require(try await AssessmentRecord.query(on: app.db).first())
                #expect(stored.scoreSummary?.contains("3") == true)
            }
        }

        @Test func anAmendmentNeedsAReasonAndKeepsBothVersions() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let pain = try #require(app.instruments["pain"])
                let url = try await Self.start(browser, patientID, kind: "follow_up", instrument: "pain")
                try await Self.fill(browser, url, pain)
                try await browser.post(url + "/sign", form: [:])
                try await browser.get(url)
                let noReason = try await browser.post(url + "/amend", form: ["reason": " "])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.body.string.contains(#"id="amend-reason-error""#))
                let amended = try await browser.post(url + "/amend", form: ["reason": "Pain score entered for the wrong day"])
                #expect(amended.status == .seeOther)
                let draftURL = try #require(amended.headers.first(name: .location))
                try await Self.fill(browser, draftURL, pain)
                #expect(try await browser.post(draftURL + "/sign", form: [:]).status == .seeOther)
                let versions = try await AssessmentRecord.query(on: app.db).sort(\.$version).all()
                #expect(versions.map(\.status) == ["amended", "signed"])
                #expect(versions[1].amendmentReason == "Pain score entered for the wrong day")
                let view = try await browser.get(draftURL).body.string
                #expect(view.contains("Version 1") && view.contains("Version 2"))
            }
        }

        /// PHQ-9 item 9 (thoughts of self-harm) raises an urgent alert for the case manager [Kroenke 2001].
        @Test func phq9ItemNineRaisesASafetyAlertAndScoresDrawATrend() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let phq9 = try #require(app.instruments["phq9"])
                let first = try await Self.start(browser, patientID, kind: "follow_up", instrument: "phq9")
                try await Self.fill(browser, first, phq9)
                try await browser.post(first + "/sign", form: [:])
                let second = try await Self.start(browser, patientID, kind: "follow_up", instrument: "phq9")
                let worse = Dictionary(uniqueKeysWithValues: phq9.items.filter { $0.type == .singleChoice && $0.id.hasPrefix("phq9_") && $0.id != "phq9_difficulty" }
                    .map { ($0.id, $0.options.last!.code) })
                try await Self.fill(browser, second, phq9, choosing: worse)
                let review = try await browser.get(second + "/review").body.string
                #expect(review.contains(#"id="safety-alerts""#))
                try await browser.post(second + "/sign", form: [:])
                let chart = try await browser.get(SiteURL.patient(patientID).path).body.string
                #expect(chart.contains(#"id="chart-safety-alerts""#))
                #expect(chart.contains("<polyline points="))
                #expect(chart.contains("27 on ")) // the latest PHQ-9 total, all items "nearly every day"
                // The alert is an urgent task on the case manager's worklist until she closes it.
                let home = try await browser.get(SiteURL.home.path).body.string
                #expect(home.contains("flag-overdue\">Urgent</span>"))
                let task = try #require(try await CareTask.query(on: app.db).first())
                #expect(task.$assignedTo.id == cast.user(.caseManager).id)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.home.path)
                #expect(try await nurse.post("/tasks/\(try task.requireID())/done", form: [:]).status == .forbidden)
                // A safety alert closes only when the contact made is recorded (issue 17), never by a bare "Done".
                #expect(try await browser.post("/tasks/\(try task.requireID())/done", form: [:]).status == .conflict)
                let contact = SiteURL.patient(patientID, .safetyAlertContact(task: try task.requireID())).path
                #expect(try await browser.post(contact, form: ["note": "Called her: safe, crisis line given."]).status == .seeOther)
                #expect(try await CareTask.find(task.id, on: app.db)?.status == "done")
            }
        }

        @Test func anotherPatientsAssessmentIsNotReachableThroughThisChart() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let owner = Browser(app)
                try await owner.login("othercm")
                let url = try await Self.start(owner, cast.otherPatient.requireID(), kind: "follow_up", instrument: "pain")
                let assessmentID = try #require(url.split(separator: "/").last)
                let browser = Browser(app)
                try await browser.login("casemanager")
                let crossed = try await browser.get(SiteURL.patient(cast.ownPatient.requireID(), .assessments).path + "/\(assessmentID)")
                #expect(crossed.status == .notFound)
                #expect(try await browser.get(url).status == .notFound) // not on her caseload: hidden
            }
        }

        /// The shipped PHQ-2 file, changed: another version number, its first item reworded.
        static func phq2(_ app: Application, version: String, firstLabel: String) throws -> Data {
            let path = app.directory.resourcesDirectory + "Instruments/phq2.json"
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            object["version"] = version
            var sections = try #require(object["sections"] as? [[String: Any]])
            var items = try #require(sections[0]["items"] as? [[String: Any]])
            items[0]["label"] = firstLabel
            items[0]["text"] = firstLabel + " in things you used to enjoy"
            sections[0]["items"] = items
            object["sections"] = sections
            return try JSONSerialization.data(withJSONObject: object)
        }

        /// Instruments are versioned files (issue 4): after a new version is installed, an assessment signed on the
        /// old one is still shown, amended and sent over FHIR with the old wording; new assessments get the new one.
        @Test func anAssessmentKeepsTheInstrumentVersionItWasStartedOn() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let original = try #require(app.instruments["phq2"])
                let oldLabel = try #require(original.items[0].label)
                let url = try await Self.start(browser, patientID, kind: "follow_up", instrument: "phq2")
                try await Self.fill(browser, url, original)
                #expect(try await browser.post(url + "/sign", form: [:]).status == .seeOther)
                let started = try await Self.start(browser, patientID, kind: "follow_up", instrument: "phq2")
                try await browser.get(started)
                let firstItem = original.items[0]
                #expect(try await browser.post(started + "/sections/\(original.sections[0].id)", form: [firstItem.id: firstItem.options[1].code]).status == .seeOther)

                let originalFile = try Data(contentsOf: URL(fileURLWithPath: app.directory.resourcesDirectory + "Instruments/phq2.json"))
                app.instruments = try InstrumentCatalog(files: [("phq2.json", try Self.phq2(app, version: "1.1", firstLabel: "Loss of interest")),
                                                                ("history/phq2-1.0.json", originalFile)])
                let old = try await browser.get(url).body.string
                #expect(old.contains(oldLabel) && !old.contains("Loss of interest"))
                #expect(old.contains("PHQ-2, version 1.0") && old.contains(#"id="newer-version""#))

                // A draft started on 1.0 before the change is offered the move to 1.1; its answers still fit and are kept.
                let draft = try #require(try await AssessmentRecord.query(on: app.db).filter(\.$status == "draft").first())
                let draftURL0 = SiteURL.patient(patientID, .assessment(try draft.requireID())).path
                let offered = try await browser.get(draftURL0).body.string
                #expect(offered.contains(#"id="upgrade-draft""#) && offered.contains(oldLabel))
                #expect(try await browser.post(draftURL0 + "/upgrade", form: [:]).status == .seeOther)
                let moved = try #require(try await AssessmentRecord.find(draft.id, on: app.db))
                #expect(moved.instrumentVersion == "1.1" && AssessmentStore.answers(of: moved).values.count == 1)
                #expect(try await browser.get(draftURL0).body.string.contains("Loss of interest"))
                #expect(try await browser.post(url + "/upgrade", form: [:]).status == .conflict, "a signed assessment keeps its version")
                try await moved.delete(on: app.db)

                let newURL = try await Self.start(browser, patientID, kind: "follow_up", instrument: "phq2")
                let fresh = try await browser.get(newURL).body.string
                #expect(fresh.contains("Loss of interest") && fresh.contains("PHQ-2, version 1.1") && !fresh.contains(#"id="newer-version""#))

                let amended = try await browser.post(url + "/amend", form: ["reason": "Answers recorded for the wrong day"])
                let draftURL = try #require(amended.headers.first(name: .location))
                #expect(try await browser.get(draftURL).body.string.contains(oldLabel), "an amendment corrects the version that was signed")
                let versions = try await AssessmentRecord.query(on: app.db).sort(\.$createdAt).all().map(\.instrumentVersion)
                #expect(versions.sorted() == ["1.0", "1.0", "1.1"])

                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.caseManager).requireID(), name: "emr", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                let signedID = try #require(url.split(separator: "/").last)
                let response = try await app.testing().sendRequest(.GET, "/fhir/QuestionnaireResponse/\(signedID)", headers: headers).body.string
                #expect(response.contains(#""questionnaire":"urn:hearth:instrument:phq2|1.0""#))
                // The canonical `url|version` finds the retired version, a resource of its own; every parameter must match.
                let byCanonical = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire?url=urn:hearth:instrument:phq2%7C1.0", headers: headers)
                let found = try byCanonical.content.decode(FHIRBundle<FHIRQuestionnaire>.self).entry.map(\.resource)
                #expect(found.map(\.id) == ["phq2-1.0"] && found.map(\.version) == ["1.0"] && found.map(\.status) == ["retired"])
                let retired = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire/phq2-1.0", headers: headers)
                #expect(retired.status == .ok && retired.body.string.contains(#""status":"retired""#))
                let current = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire/phq2", headers: headers).body.string
                #expect(current.contains(#""version":"1.1""#) && current.contains(#""status":"active""#))
                let byVersion = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire?version=1.1", headers: headers)
                #expect(try byVersion.content.decode(FHIRBundle<FHIRQuestionnaire>.self).entry.map(\.resource.id) == ["phq2"])
                let disagreeing = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire?url=urn:hearth:instrument:phq2%7C1.0&version=1.1", headers: headers)
                #expect(try disagreeing.content.decode(FHIRBundle<FHIRQuestionnaire>.self).entry.isEmpty)
                #expect(try await app.testing().sendRequest(.GET, "/fhir/Questionnaire/phq2-9.9", headers: headers).status == .notFound)
                #expect(try await app.testing().sendRequest(.GET, "/fhir/Questionnaire/phq2-1.1", headers: headers).status == .notFound,
                        "the version in use is served under the instrument's id only")

                // The old version taken away: the assessment says what is missing instead of showing other questions.
                app.instruments = try InstrumentCatalog(files: [("phq2.json", try Self.phq2(app, version: "1.1", firstLabel: "Loss of interest"))])
                let missing = try await browser.get(url)
                #expect(missing.status == .conflict)
                #expect(missing.body.string.contains("Version 1.0 of the instrument phq2 is no longer installed"))
            }
        }

        /// A definition changed without a new version number would reword assessments already signed on it: start-up
        /// refuses, naming the instrument and version. A new version is simply recorded.
        @Test func anInstrumentVersionChangedInPlaceStopsStartUp() async throws {
            try await withHearth { app in
                try await app.recordInstalledInstruments()
                let recorded = try await InstalledInstrumentVersion.query(on: app.db).count()
                #expect(recorded == app.instruments.allVersions.count)
                try await app.recordInstalledInstruments()
                #expect(try await InstalledInstrumentVersion.query(on: app.db).count() == recorded, "a restart records nothing new")

                // Every other shipped version, from its own file (the version in use, or its copy in history/).
                let shipped = app.instruments.allVersions.filter { $0.id != "phq2" }
                    .map { app.instruments.isCurrent($0) ? "\($0.id).json" : "history/\($0.id)-\($0.version).json" }
                func catalog(withPHQ2 files: [(name: String, data: Data)]) throws -> InstrumentCatalog {
                    let others = try shipped.map { name in (name, try Data(contentsOf: URL(fileURLWithPath: app.directory.resourcesDirectory + "Instruments/\(name)"))) }
                    return try InstrumentCatalog(files: others + files)
                }
                let originalFile = try Data(contentsOf: URL(fileURLWithPath: app.directory.resourcesDirectory + "Instruments/phq2.json"))
                app.instruments = try catalog(withPHQ2: [("phq2.json", try Self.phq2(app, version: "1.1", firstLabel: "Loss of interest")),
                                                         ("history/phq2-1.0.json", originalFile)])
                try await app.recordInstalledInstruments()
                #expect(try await InstalledInstrumentVersion.query(on: app.db).count() == recorded + 1)

                app.instruments = try catalog(withPHQ2: [("phq2.json", try Self.phq2(app, version: "1.1", firstLabel: "Loss of interest")),
                                                         ("history/phq2-1.0.json", try Self.phq2(app, version: "1.0", firstLabel: "Loss of interest"))])
                await #expect {
                    try await app.recordInstalledInstruments()
                } throws: { error in
                    String(describing: error).hasPrefix("Instrument phq2 version 1.0 has changed since it was installed on")
                }
                // A version that was installed and whose file has gone (history/ emptied, or an older build) stops start-up too.
                app.instruments = try catalog(withPHQ2: [("phq2.json", try Self.phq2(app, version: "1.1", firstLabel: "Loss of interest"))])
                await #expect {
                    try await app.recordInstalledInstruments()
                } throws: { error in
                    String(describing: error).hasPrefix("Instrument phq2 version 1.0 was installed before but its file is missing")
                }
            }
        }

        @Test func fhirQuestionnaireResponsesFollowTheAccessPolicy() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let owner = Browser(app)
                try await owner.login("othercm")
                let url = try await Self.start(owner, cast.otherPatient.requireID(), kind: "follow_up", instrument: "pain")
                let id = try #require(url.split(separator: "/").last)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.caseManager).requireID(), name: "emr", now: Date()).create(on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: secret)
                let other = try await app.testing().sendRequest(.GET, "/fhir/QuestionnaireResponse/\(id)", headers: headers)
                #expect(other.status == .notFound)
                let questionnaire = try await app.testing().sendRequest(.GET, "/fhir/Questionnaire/phq9", headers: headers)
                #expect(questionnaire.status == .ok && questionnaire.body.string.contains(#""linkId":"phq9_9""#))
                let mine = Browser(app)
                try await mine.login("casemanager")
                let ownURL = try await Self.start(mine, cast.ownPatient.requireID(), kind: "follow_up", instrument: "pain")
                let ownID = try #require(ownURL.split(separator: "/").last)
                let response = try await app.testing().sendRequest(.GET, "/fhir/QuestionnaireResponse?patient=\(try cast.ownPatient.requireID())", headers: headers)
                #expect(response.body.string.contains(#""status":"in-progress""#) && response.body.string.contains(String(ownID)))
            }
        }
    }
}
