import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct CoordinationTests {
        func today(_ app: Application) -> CalendarDate { CalendarDate(Date(), in: app.settings.agencyTimeZone) }

        /// Every checklist item answered safe, except the given hazards (each with a note).
        func walkThrough(_ app: Application, hazards: [String], day: CalendarDate) -> [String: String] {
            var form = ["evaluatedOn": day.description]
            for item in app.homeSafetyChecklist.items {
                form["answer.\(item.id)"] = hazards.contains(item.id) ? "hazard" : "safe"
                if hazards.contains(item.id) { form["note.\(item.id)"] = "Seen in the \(item.area.title.lowercased())" }
            }
            return form
        }

        @Test func aHomeSafetyWalkThroughRecordsFindingsThatFeedTheCarePlanUntilResolved() async throws {
            try await withHearth { app in
                let (browser, cast, carePlan) = try await CarePlanTests().admitted(app)
                let patientID = try cast.ownPatient.requireID()
                let base = SiteURL.patient(patientID, .homeSafety).path
                try await browser.get(base + "/evaluate")
                // An unanswered question and a hazard without a note are refused, each next to its question; nothing saved.
                var incomplete = walkThrough(app, hazards: ["floors-clear-paths"], day: today(app))
                incomplete.removeValue(forKey: "note.floors-clear-paths")
                let bathroom = try #require(app.homeSafetyChecklist.items(in: .bathroom).first)
                incomplete.removeValue(forKey: "answer.\(bathroom.id)")
                let refused = try await browser.post(base + "/evaluate", form: incomplete)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Say where and what you saw") && refused.body.string.contains("Answer safe, hazard or not applicable."))
                #expect(try await HomeSafetyEvaluationRecord.query(on: app.db).count() == 0)

                let saved = try await browser.post(base + "/evaluate", form: walkThrough(app, hazards: ["floors-clear-paths", bathroom.id], day: today(app)))
                #expect(saved.status == .seeOther)
                let findingsPath = try #require(saved.headers.first(name: .location))
                let form = try await browser.get(findingsPath).body.string
                #expect(form.contains("Cords or clutter in walkways"))
                // A follow-up date in the past is refused for that hazard, and no finding is saved.
                var findings: [String: String] = [:]
                for id in ["floors-clear-paths", bathroom.id] {
                    findings["\(id).severity"] = "high"
                    findings["\(id).modification"] = "Fix it"
                    findings["\(id).responsible"] = "family"
                    findings["\(id).followUpOn"] = today(app).adding(days: 7).description
                }
                findings["floors-clear-paths.followUpOn"] = today(app).adding(days: -1).description
                let past = try await browser.post(findingsPath, form: findings)
                #expect(past.status == .unprocessableEntity && past.body.string.contains("The follow-up date is in the past."))
                #expect(try await HomeSafetyFindingRecord.query(on: app.db).count() == 0)
                findings["floors-clear-paths.followUpOn"] = today(app).adding(days: 3).description
                #expect(try await browser.post(findingsPath, form: findings).status == .seeOther)
                #expect(try await HomeSafetyFindingRecord.query(on: app.db).filter(\.$state == "open").count() == 2)
                // Each open hazard is a follow-up on the case manager's worklist at once, without anyone opening it.
                let followUps = CareTask.query(on: app.db).filter(\.$source == WorklistSource.homeSafetyFollowUp.rawValue)
                #expect(try await followUps.filter(\.$status == "open").count() == 2)

                // The care plan suggests the home safety problem; once added, it lists the open hazards under it.
                let plan = try await browser.get(carePlan).body.string
                #expect(plan.contains("Home safety / fall risk — open hazards: Cords or clutter in walkways"))
                #expect(try await browser.post(carePlan + "/problems", form: ["finding": HomeSafetyProblemSuggestion.problemCode]).status == .seeOther)
                let withProblem = try await browser.get(carePlan).body.string
                #expect(withProblem.contains("from the home safety evaluation") && withProblem.contains("hazards\""))

                // Resolving needs a note; then the hazard is closed, kept in history, and the chart says what is still open.
                let finding = try #require(try await HomeSafetyFindingRecord.query(on: app.db).filter(\.$itemID == "floors-clear-paths").first())
                let findingPath = base + "/findings/\(try finding.requireID().uuidString.lowercased())"
                try await browser.get(base)
                let noNote = try await browser.post(findingPath, form: ["action": "resolve", "note": "", "photoDescription": "Hallway, taken at 10:05"])
                #expect(noNote.status == .unprocessableEntity && noNote.body.string.contains("Say what was done to fix the hazard")
                        && noNote.body.string.contains(#"value="Hallway, taken at 10:05""#))
                #expect(try await browser.post(findingPath, form: ["action": "resolve", "note": "Cords taped along the wall",
                                                                  "photoDescription": "Hallway clear"]).status == .seeOther)
                #expect(try await HomeSafetyFindingRecord.find(finding.id, on: app.db)?.state == "resolved")
                let closed = try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.homeSafetyFollowUp.rawValue).filter(\.$status == "done").all()
                #expect(closed.count == 1 && closed.first?.completionNote == WorklistSync.retiredNote)
                let page = try await browser.get(base).body.string
                #expect(page.contains("Resolved on") && page.contains("photo: Hallway clear") && page.contains("1 open hazard (1 high)"))
                #expect(try await browser.get(SiteURL.patient(patientID).path).body.string.contains("1 open hazard (1 high)"))

                // Another caseload's case manager sees nothing of it.
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(base).status == .notFound)
                #expect(try await stranger.post(findingPath, form: ["action": "accept_risk", "note": "x"]).status == .notFound)
            }
        }

        @Test func teachingNamesTheCaregiverAndKeepsWhatNeedsReinforcementOnTop() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .teaching).path
                try await browser.get(path)
                let unnamed = try await browser.post(path, form: ["topicID": "fall-prevention", "learner": "caregiver", "method": "demonstration",
                                                                  "result": "needs_reinforcement"])
                #expect(unnamed.status == .unprocessableEntity && unnamed.body.string.contains("Name the caregiver who was taught."))
                let future = try await browser.post(path, form: ["topicID": "insulin-use", "learner": "patient", "method": "explanation",
                                                                 "result": "understood", "taughtOn": today(app).adding(days: 1).description])
                #expect(future.status == .unprocessableEntity)
                #expect(try await TeachingLog.query(on: app.db).count() == 0)
                #expect(try await browser.post(path, form: ["topicID": "insulin-use", "learner": "patient", "method": "return_demonstration",
                                                            "result": "understood"]).status == .seeOther)
                #expect(try await browser.post(path, form: ["topicID": "fall-prevention", "learner": "caregiver", "learnerName": "Maria (daughter)",
                                                            "method": "demonstration", "result": "needs_reinforcement",
                                                            "note": "Still leaves the rug out"]).status == .seeOther)
                let page = try await browser.get(path).body.string
                #expect(page.contains("2 topics taught; 1 needs reinforcement: Fall prevention."))
                #expect(page.contains("Caregiver (Maria (daughter))"))
                #expect(try await browser.get(SiteURL.patient(patientID).path).body.string.contains("1 needs reinforcement: Fall prevention."))
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(path).status == .notFound)
            }
        }

        @Test func theWorklistRulesMakeOneTaskPerSituationAndCloseItWhenTheSituationClears() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let manager = try cast.user(.caseManager).requireID()
                let now = Date()
                // A hazard whose follow-up passed, and a referral sent six days ago with no answer.
                let item = try #require(app.homeSafetyChecklist.item("floors-clear-paths"))
                let finding = HomeSafetyFinding(restoring: UUID().uuidString, itemID: item.id, area: item.area, hazard: item.hazard,
                                                foundOn: today(app).adding(days: -10), severity: .high, modification: item.modification,
                                                responsible: .family, responsibleName: nil, followUpOn: today(app).adding(days: -1), note: nil,
                                                state: .open, closure: nil)
                let row = HomeSafetyFindingRecord()
                row.id = UUID(uuidString: finding.id)
                row.$patient.id = patientID
                try HomeSafetyStore.store(finding, in: row)
                try await row.create(on: app.db)
                let directory = try await ResourceReferralTests().importDirectory(app)
                let service = try #require(directory.services.first { $0.isActive })
                var referral = try ResourceReferral(id: UUID().uuidString, patientID: patientID.uuidString, owner: manager.uuidString, service: service,
                                                    organization: nil, need: "food", at: now.addingTimeInterval(-7 * 86_400), by: "Casemanager")
                try referral.send(at: now.addingTimeInterval(-6 * 86_400), by: "Casemanager", service: service)
                let referralRow = ResourceReferralRecord()
                referralRow.id = UUID(uuidString: referral.id)
                referralRow.$patient.id = patientID
                referralRow.$owner.id = manager
                try ResourcesController.store(referral, in: referralRow)
                try await referralRow.create(on: app.db)

                let browser = Browser(app)
                try await browser.login("casemanager")
                let worklist = try await browser.get(SiteURL.worklist.path).body.string
                #expect(worklist.contains("Check home hazard fixed: Cords or clutter in walkways"))
                #expect(worklist.contains("no answer to referral"))
                let ruleTasks = try await CareTask.query(on: app.db).filter(\.$dedupeKey != nil).all()
                #expect(ruleTasks.count == 2 && ruleTasks.allSatisfy { $0.$assignedTo.id == manager && $0.status == "open" })
                // Opening it again makes no second task for the same situation.
                try await browser.get(SiteURL.worklist.path)
                #expect(try await CareTask.query(on: app.db).filter(\.$dedupeKey != nil).count() == 2)

                // The hazard is fixed: its task closes itself, saying why; the referral's stays.
                var fixed = finding
                try fixed.resolve(note: "Cleared", on: today(app), by: "Casemanager")
                try HomeSafetyStore.store(fixed, in: row)
                try await row.save(on: app.db)
                let after = try await browser.get(SiteURL.worklist.path + "?view=done").body.string
                #expect(after.contains(WorklistSync.retiredNote))
                let hazardTask = try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.homeSafetyFollowUp.rawValue).first())
                #expect(hazardTask.status == "done" && hazardTask.completionNote == WorklistSync.retiredNote && hazardTask.$completedBy.id == nil)

                // Another case manager cannot close the referral task; the supervisor sees it on the team view.
                let referralTask = try #require(try await CareTask.query(on: app.db).filter(\.$source == WorklistSource.referralOverdue.rawValue).first())
                let other = Browser(app)
                try await other.login("othercm")
                #expect(try await other.get(SiteURL.worklist.path).body.string.contains("no answer to referral") == false)
                #expect(try await other.post("/tasks/\(try referralTask.requireID())/done", form: [:]).status == .notFound)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                #expect(try await supervisor.get(SiteURL.worklist.path + "?view=team").body.string.contains("no answer to referral"))
                #expect(try await browser.post("/tasks/\(try referralTask.requireID())/done", form: ["note": "Called; they will answer Friday",
                                                                                                       "back": SiteURL.worklist.path]).status == .seeOther)
                let done = try #require(try await CareTask.find(referralTask.id, on: app.db))
                #expect(done.status == "done" && done.$completedBy.id == manager && done.completionNote == "Called; they will answer Friday")
            }
        }

        @Test func aTaskAddedByHandIsCheckedAndOnlyForPatientsTheAuthorMayDocument() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let browser = Browser(app)
                try await browser.login("casemanager")
                try await browser.get(SiteURL.worklist.path)
                let nurse = try cast.user(.clinician).requireID().uuidString
                let base = ["title": "Bring the scale", "owner": nurse, "priority": "high"]
                let past = try await browser.post("/tasks", form: base.merging(["patientID": try cast.ownPatient.requireID().uuidString,
                                                                                 "due": today(app).adding(days: -1).description]) { $1 })
                #expect(past.status == .unprocessableEntity && past.body.string.contains("The due date is in the past."))
                let stranger = try await browser.post("/tasks", form: base.merging(["patientID": try cast.otherPatient.requireID().uuidString,
                                                                                    "due": today(app).description]) { $1 })
                #expect(stranger.status == .notFound)
                // The owner sees the patient's name on the task: someone who does not work with the patient is refused.
                let outsider = try await browser.post("/tasks", form: base.merging(["patientID": try cast.ownPatient.requireID().uuidString,
                                                                                    "owner": try cast.otherCaseManager.requireID().uuidString,
                                                                                    "due": today(app).description]) { $1 })
                #expect(outsider.status == .unprocessableEntity && outsider.body.string.contains("does not work with this patient"))
                #expect(try await CareTask.query(on: app.db).count() == 0)
                #expect(try await browser.post("/tasks", form: base.merging(["patientID": try cast.ownPatient.requireID().uuidString,
                                                                             "due": today(app).description]) { $1 }).status == .seeOther)
                let task = try #require(try await CareTask.query(on: app.db).first())
                #expect(task.$assignedTo.id == cast.user(.clinician).id && task.priority == "high" && task.source == "manual")
                let nurseBrowser = Browser(app)
                try await nurseBrowser.login("clinician")
                #expect(try await nurseBrowser.get(SiteURL.worklist.path).body.string.contains("Bring the scale"))
            }
        }

        @Test func aReferralToAProviderOutsideTheDirectoryFollowsTheSameLoop() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .referrals).path
                try await browser.get(path)
                let unnamed = try await browser.post(path, form: ["providerName": " ", "need": "Wound clinic evaluation"])
                #expect(unnamed.status == .unprocessableEntity && unnamed.body.string.contains("form-error"))
                let noNeed = try await browser.post(path, form: ["providerName": "Riverbend Wound Clinic", "need": ""])
                #expect(noNeed.status == .unprocessableEntity && noNeed.body.string.contains("Say what the patient needs")
                        && noNeed.body.string.contains(#"value="Riverbend Wound Clinic""#))
                #expect(try await ResourceReferralRecord.query(on: app.db).count() == 0)
                #expect(try await browser.post(path, form: ["providerName": "Riverbend Wound Clinic", "specialty": "Wound care",
                                                            "contact": "555-0100", "need": "Wound clinic evaluation"]).status == .seeOther)
                let row = try #require(try await ResourceReferralRecord.query(on: app.db).first())
                let step = path + "/\(try row.requireID().uuidString.lowercased())"
                try await browser.get(path)
                for action in ["send", "accept", "start_service"] {
                    #expect(try await browser.post(step, form: ["action": action, "note": "ok"]).status == .seeOther)
                }
                let page = try await browser.get(path).body.string
                #expect(page.contains("Riverbend Wound Clinic") && page.contains("Service started"))
            }
        }

        @Test func anAuthorizationNearlyUsedUpPutsARequestForMoreVisitsOnTheWorklist() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let browser = Browser(app)
                try await browser.login("casemanager")
                let path = SiteURL.patient(patientID, .authorizations).path
                try await browser.get(path)
                let backwards = try await browser.post(path, form: ["payer": "Buckeye Health Plan", "number": "A-1", "visitsAuthorized": "3",
                                                                    "start": today(app).description, "end": today(app).adding(days: -1).description])
                #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("The last day is before the first day."))
                #expect(try await AuthorizationRecord.query(on: app.db).count() == 0)
                #expect(try await browser.post(path, form: ["payer": "Buckeye Health Plan", "number": "A-1", "discipline": "SN", "visitsAuthorized": "3",
                                                            "start": today(app).adding(days: -10).description,
                                                            "end": today(app).adding(days: 30).description]).status == .seeOther)
                // One SN visit made of three authorized: two left, which is when the case manager asks for more.
                _ = try await VisitTests().madeVisit(app, patientID: patientID, clinician: cast.user(.clinician).id, hoursAgo: 48, signed: true)
                #expect(try await browser.get(path).body.string.contains("1 of 3 visits used"))
                #expect(try await browser.get(SiteURL.worklist.path).body.string.contains("Request more visits from Buckeye Health Plan: authorization 2 visits left"))
                let stranger = Browser(app)
                try await stranger.login("othercm")
                #expect(try await stranger.get(path).status == .notFound)
            }
        }
    }
}
