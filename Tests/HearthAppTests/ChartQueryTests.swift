import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// The chart's query budget (issue 19): a case manager's chart of a patient with an episode, a care plan, visits,
    /// medications and deadlines is to be read in at most eight statements, the sign-in's included; and the chart's
    /// named queries, each on its own (on PostgreSQL too, with TEST_DATABASE_URL).
    @Suite struct ChartQueryTests {
        static let budget = 8

        @Test func theChartOfAFullRecordStaysWithinItsQueryBudget() async throws {
            try await withHearth(adjust: { $0.auditReadFlushInterval = .seconds(3_600) }) { app in
                // setup: the demo agency, whose patients have every part of a chart
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 13)
                try await DemoSeed.seedPatients(13, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let patients = try await Patient.query(on: app.db).filter(\.$caseManager.$id == manager.requireID()).all()
                var fullest: (patient: UUID, visits: Int)?
                for patient in patients {
                    let visits = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patient.requireID()).count()
                    if visits > (fullest?.visits ?? -1) { fullest = (try patient.requireID(), visits) }
                }
                let patientID = try #require(fullest?.patient)
                let browser = Browser(app)
                try await browser.login("casemanager", password: DemoSeed.password)
                let counter = QueryCounter.install(on: app)

                // act
                var page: TestingHTTPResponse?
                let statements = try await counter.statements { page = try await browser.get(SiteURL.patient(patientID).path) }

                // check: the page is the chart, read in no more than the budget
                #expect(page?.status == .ok)
                #expect(page?.body.string.contains("Deadlines") == true)
                #expect(statements.count <= Self.budget, "the chart made \(statements.count) queries:\n\(statements.joined(separator: "\n"))")
            }
        }

        /// `ChartQueries.records`' people: the care team in the order it was made, and the named users with physician details.
        @Test func peopleReadsTheCareTeamAndTheNamedUsersInOneQuery() async throws {
            try await withHearth { app in
                // setup: the cast's patient has a clinician and an aide on its team, and a physician with an NPI
                let cast = try await makeCast(app)
                let physician = cast.user(.physician)
                let details = PhysicianDetails()
                details.$user.id = try physician.requireID()
                details.npi = "1234567893"
                details.fax = "555-0101"
                details.isOutside = false
                try await details.create(on: app.db)
                let patientID = try cast.ownPatient.requireID()

                // act
                let people = try await ChartQueries.records(of: patientID, named: [try cast.user(.caseManager).requireID(), try physician.requireID()], on: app.db).people

                // check
                #expect(people.filter { $0.kind == "team" }.map(\.displayName) == [cast.user(.clinician).displayName, cast.user(.aide).displayName])
                #expect(people.filter { $0.kind == "team" }.map(\.teamRole) == [Role.clinician.title, Role.aide.title])
                let named = people.filter { $0.kind == "user" }
                #expect(Set(named.map(\.id)) == [try cast.user(.caseManager).requireID(), try physician.requireID()])
                let doctor = try #require(named.first { $0.id == physician.id })
                #expect(doctor.npi == "1234567893" && doctor.fax == "555-0101" && doctor.phone == nil)
                #expect(try await ChartQueries.records(of: try cast.otherPatient.requireID(), named: [], on: app.db).people.isEmpty)
            }
        }

        /// `ChartQueries.records`' counts: referrals (and those still open), the latest communication, open reconciliations.
        @Test func countsReadsTheChartsCountsInOneStatement() async throws {
            try await withHearth { app in
                // setup
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                #expect(try await ChartQueries.records(of: patientID, named: [], on: app.db).counts == .init(referrals: 0, openReferrals: 0, openReconciliations: 0))
                for state in [ReferralState.closed.rawValue, "sent"] {
                    let referral = ResourceReferralRecord()
                    referral.$patient.id = patientID
                    referral.state = state
                    referral.referralJSON = "{}"
                    try await referral.create(on: app.db)
                }
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                for (subject, at) in [("Older call", now.addingTimeInterval(-86_400)), ("Latest call", now)] {
                    let note = CommunicationRecord()
                    note.$patient.id = patientID
                    (note.kind, note.direction, note.party, note.partyName, note.subject, note.summary, note.occurredAt) =
                        ("phone", "outgoing", "family", "Daughter", subject, "", at)
                    try await note.create(on: app.db)
                }
                for status in ["open", "finished"] {
                    let reconciliation = MedicationReconciliationRecord()
                    reconciliation.$patient.id = patientID
                    (reconciliation.transition, reconciliation.source, reconciliation.status, reconciliation.reconciliationJSON) = ("admission", "hospital", status, "{}")
                    try await reconciliation.create(on: app.db)
                }

                // act
                let counts = try await ChartQueries.records(of: patientID, named: [], on: app.db).counts

                // check: the other patient's chart counts none of it
                #expect(counts == .init(referrals: 2, openReferrals: 1, latestSubject: "Latest call", latestAt: now, openReconciliations: 1))
                #expect(try await ChartQueries.records(of: try cast.otherPatient.requireID(), named: [], on: app.db).counts == .init(referrals: 0, openReferrals: 0, openReconciliations: 0))
            }
        }

        /// `ChartQueries.records`: eight short lists in one statement, each in the chart's order, the other patient's left out.
        @Test func recordsReadsTheChartsShortListsInOneStatement() async throws {
            try await withHearth { app in
                // setup: two of everything on the patient (one diagnosis resolved), one of each on the other patient
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID(), otherID = try cast.otherPatient.requireID()
                for (id, code, rank, resolved) in [(patientID, "E11.9", "secondary", nil), (patientID, "I50.9", "primary", nil),
                                                   (patientID, "J44.9", "secondary", "2026-10-01"), (otherID, "Z00.0", "primary", nil)] {
                    let diagnosis = Diagnosis()
                    (diagnosis.$patient.id, diagnosis.code, diagnosis.title, diagnosis.rank, diagnosis.onsetDate, diagnosis.resolvedDate) =
                        (id, code, "Title \(code)", rank, code == "I50.9" ? "2026-09-01" : nil, resolved)
                    try await diagnosis.create(on: app.db)
                }
                for (id, payer, order, program) in [(patientID, "Acme Health", 2, nil), (patientID, "Medicare", 1, "medicare"), (otherID, "Other", 1, nil)] {
                    let coverage = Coverage()
                    (coverage.$patient.id, coverage.payer, coverage.memberID, coverage.order, coverage.program) = (id, payer, "M-\(order)", order, program)
                    (coverage.plan, coverage.startDate, coverage.endDate) = order == 1 ? ("Part A", "2026-01-01", "2026-12-31") : (nil, nil, nil)
                    try await coverage.create(on: app.db)
                }
                for (id, substance, reaction) in [(patientID, "penicillin", "hives"), (patientID, "latex", nil), (otherID, "peanut", nil)] {
                    let allergy = Allergy()
                    (allergy.$patient.id, allergy.substance, allergy.reaction, allergy.severity) = (id, substance, reaction, "severe")
                    try await allergy.create(on: app.db)
                }
                for (id, name, caregiver) in [(patientID, "Ann Daughter", true), (patientID, "Bob Neighbour", false), (otherID, "Carl", true)] {
                    let contact = PatientContact()
                    (contact.$patient.id, contact.name, contact.relationship, contact.phone) = (id, name, "family", "555-0100")
                    (contact.livesWith, contact.isCaregiver, contact.isDecisionMaker) = (false, caregiver, caregiver)
                    try await contact.create(on: app.db)
                }
                for id in [patientID, otherID] {
                    let directive = AdvanceDirective()
                    (directive.$patient.id, directive.kind, directive.onFile, directive.location) = (id, "living_will", true, "kitchen drawer")
                    try await directive.create(on: app.db)
                    let outside = ExternalCareContact()
                    (outside.$patient.id, outside.role, outside.name, outside.organization, outside.fax) = (id, "Pharmacy", nil, "Main St Pharmacy", "555-0199")
                    try await outside.create(on: app.db)
                }
                let item = try #require(app.homeSafetyChecklist.item("floors-clear-paths"))
                let day = try #require(CalendarDate("2026-11-02"))
                let finding = HomeSafetyFinding(restoring: UUID().uuidString, itemID: item.id, area: item.area, hazard: item.hazard, foundOn: day,
                                                severity: .high, modification: item.modification, responsible: .family, responsibleName: nil,
                                                followUpOn: day.adding(days: 7), note: "rug by the bed", state: .open, closure: nil)
                let findingRow = HomeSafetyFindingRecord()
                (findingRow.id, findingRow.$patient.id) = (UUID(uuidString: finding.id), patientID)
                try HomeSafetyStore.store(finding, in: findingRow)
                try await findingRow.create(on: app.db)
                for (topic, taught) in [("insulin", "2026-11-05"), ("falls", "2026-11-01")] {
                    let log = TeachingLog()
                    (log.$patient.id, log.topic, log.learner, log.method, log.result, log.material, log.note, log.taughtOn) =
                        (patientID, topic, "caregiver", "demonstration", "understood", topic == "falls" ? "leaflet" : nil, nil, taught)
                    try await log.create(on: app.db)
                }

                // act
                let records = try await ChartQueries.records(of: patientID, named: [], on: app.db)

                // check: what the chart's Fluent queries returned, in their order
                #expect(records.diagnoses.map(\.code) == ["I50.9", "E11.9"])
                #expect(records.diagnoses.first?.onsetDate == "2026-09-01" && records.diagnoses.first?.title == "Title I50.9")
                #expect(records.coverages.map(\.payer) == ["Medicare", "Acme Health"])
                #expect(records.coverages.map(\.order) == [1, 2] && records.coverages[0].plan == "Part A" && records.coverages[0].endDate == "2026-12-31")
                #expect(records.coverages.map(\.payerProgram) == [.medicare, .commercial])
                #expect(records.allergies.map(\.substance) == ["latex", "penicillin"] && records.allergies.map(\.reaction) == [nil, "hives"])
                #expect(records.contacts.map(\.name) == ["Ann Daughter", "Bob Neighbour"])
                #expect(records.contacts.map(\.isCaregiver) == [true, false] && records.contacts.map(\.livesWith) == [false, false])
                #expect(records.directives.map(\.location) == ["kitchen drawer"] && records.directives.first?.onFile == true)
                #expect(records.outside.map(\.organization) == ["Main St Pharmacy"] && records.outside.first?.name == nil && records.outside.first?.fax == "555-0199")
                #expect(records.findings == [finding])
                #expect(records.teaching.map(\.topic) == ["falls", "insulin"] && records.teaching.map(\.taughtOn) == ["2026-11-01", "2026-11-05"])
                #expect(records.teaching.map(\.material) == ["leaflet", nil] && records.teaching.map(\.learner) == ["caregiver", "caregiver"])
                #expect(records.teaching.compactMap(TeachingStore.session).count == 2)
                let empty = try await ChartQueries.records(of: UUID(), named: [], on: app.db)
                #expect(empty.diagnoses.isEmpty && empty.coverages.isEmpty && empty.allergies.isEmpty && empty.contacts.isEmpty)
            }
        }

        /// `ChartQueries.records`' changes: the latest twenty newest first, with who made each ("system" when nobody).
        @Test func historyReadsTheChangesWithTheirAuthorsWithTheOtherLists() async throws {
            try await withHearth { app in
                // setup: 22 changes, the newest by the case manager, one by nobody
                let cast = try await makeCast(app)
                let patientID = try cast.ownPatient.requireID()
                let start = Date(timeIntervalSince1970: 1_790_000_000)
                for index in 0..<22 {
                    let change = RecordChange(patientID: patientID, field: "Phone", from: index == 0 ? nil : "\(index - 1)", to: "\(index)",
                                              by: index == 20 ? nil : try cast.user(.caseManager).requireID())
                    change.changedAt = start.addingTimeInterval(Double(index) * 60)
                    try await change.create(on: app.db)
                }

                // act
                let changes = try await ChartQueries.records(of: patientID, named: [], on: app.db).changes

                // check
                #expect(changes.count == 20)
                #expect(changes.first == .init(field: "Phone", oldValue: "20", newValue: "21", changedAt: start.addingTimeInterval(21 * 60),
                                               changedBy: cast.user(.caseManager).displayName))
                #expect(changes[1].changedBy == nil && changes.last?.newValue == "2")
                #expect(try await ChartQueries.records(of: try cast.otherPatient.requireID(), named: [], on: app.db).changes.isEmpty)
            }
        }

        /// `EpisodeRecordsQuery.records`: waivers, documents, OASIS transmissions, care events, notices and 30-day period entries
        /// of every episode of the demo agency in one statement each, held to what the clock read from whole Fluent models.
        @Test func episodeRecordsAreWhatTheClockReadFromWholeModels() async throws {
            try await withHearth { app in
                // setup: a demo agency big enough for documents, transmissions, care events and notices (13 patients have none),
                // and a waiver and a 30-day period's entry on one episode
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 60)
                try await DemoSeed.seedPatients(60, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let episodes = try await EpisodeRecord.query(on: app.db).all()
                let waiver = ObligationWaiver()
                (waiver.$episode.id, waiver.obligationKey, waiver.reason, waiver.$waivedBy.id) =
                    (try episodes[0].requireID(), "face-to-face-encounter#1", "Admitted to hospice", try manager.requireID())
                try await waiver.create(on: app.db)
                let period = PaymentPeriodRecord()
                (period.$patient.id, period.$episode.id, period.number) = (episodes[0].$patient.id, try episodes[0].requireID(), 9)
                (period.caseMixGroup, period.lupaThreshold, period.thresholdSource, period.admissionSource) = ("1FC11", 4, "grouper", "institutional")
                try await period.create(on: app.db)
                var seen = (waivers: 0, documents: 0, submissions: 0, careEvents: 0, notices: 0, periods: 0)

                for episode in episodes {
                    let id = try episode.requireID()
                    // act
                    let kept = try await EpisodeRecordsQuery.records(of: id, on: app.db)

                    // check
                    let waivers = try await ObligationWaiver.query(on: app.db).filter(\.$episode.$id == id).with(\.$waivedBy).all()
                    #expect(kept.waivers == waivers.map { Waiver(obligationKey: $0.obligationKey, reason: $0.reason, waivedBy: $0.waivedBy.displayName) })
                    let documents = try await ComplianceDocument.query(on: app.db).filter(\.$episode.$id == id).with(\.$recordedBy).all()
                        .compactMap { row -> ComplianceRecord? in
                            guard let kind = ComplianceRecord.Kind(key: row.kind), let day = CalendarDate(row.onDate) else { return nil }
                            return ComplianceRecord(id: try row.requireID().uuidString.lowercased(), kind: kind, date: day,
                                                    label: "the \(kind) dated \(day)" + (row.recordedBy.map { ", recorded by \($0.displayName)" } ?? ""))
                        }
                    #expect(Set(kept.documents.map(\.id)) == Set(documents.map(\.id)) && kept.documents.count == documents.count)
                    #expect(kept.documents.allSatisfy { documents.contains($0) })
                    let submissions = try await OASISSubmissionRecord.query(on: app.db).filter(\.$episode.$id == id).sort(\.$recordedAt).all()
                        .compactMap { row in OASISSubmission.Status(rawValue: row.status).flatMap { status in CalendarDate(row.onDate).map {
                            OASISSubmission(assessmentID: row.$assessment.id.uuidString.lowercased(), status: status, on: $0, reason: row.reason) } } }
                    #expect(kept.submissions == submissions)
                    let events = try await CareEventRecord.query(on: app.db).filter(\.$episode.$id == id).with(\.$recordedBy).sort(\.$recordedAt).all()
                        .compactMap { row -> CareEvent? in
                            guard let kind = CareEvent.Kind(rawValue: row.kind), let day = CalendarDate(row.onDate) else { return nil }
                            return CareEvent(id: try row.requireID().uuidString.lowercased(), kind: kind, on: day, detail: row.detail,
                                             exception: row.exception.flatMap(CareEvent.Exception.init(rawValue:)), recordedBy: row.recordedBy?.displayName)
                        }
                    #expect(kept.careEvents == events)
                    let notices = try await PatientNoticeRecord.query(on: app.db).filter(\.$episode.$id == id).sort(\.$recordedAt).all()
                        .compactMap { row -> PatientNotice? in
                            guard let kind = PatientNotice.Kind(rawValue: row.kind), let day = CalendarDate(row.deliveredOn),
                                  let response = PatientNotice.Response(rawValue: row.response) else { return nil }
                            return PatientNotice(id: try row.requireID().uuidString.lowercased(), kind: kind, careEventID: row.$careEvent.id.uuidString.lowercased(),
                                                 deliveredOn: day, deliveredBy: row.deliveredBy, response: response)
                        }
                    #expect(kept.notices == notices)
                    let periods = try await PaymentPeriodRecord.query(on: app.db).filter(\.$episode.$id == id).all()
                    #expect(kept.periods == Dictionary(periods.map { ($0.number, PaymentPeriodStore.entry($0)) }, uniquingKeysWith: { $1 }))
                    seen.periods += kept.periods.values.filter { $0.lupaThreshold != nil || $0.caseMixGroup != nil }.count
                    seen.waivers += kept.waivers.count
                    seen.documents += kept.documents.count
                    seen.submissions += kept.submissions.count
                    seen.careEvents += kept.careEvents.count
                    seen.notices += kept.notices.count
                }
                #expect(seen.waivers == 1 && seen.documents > 0 && seen.submissions > 0 && seen.careEvents > 0 && seen.notices > 0, "\(seen)")
                #expect(seen.periods >= 1, "\(seen)")
            }
        }

        /// The chart's joined reads (`ChartQueries.orders`, `.episodes`, `.assessments`, `.carePlan`, `.visits` and the safety
        /// alerts in `.records`) over every patient of the demo agency, held to what the Fluent queries and their eager loads read.
        @Test func joinedReadsAreWhatFluentReadWithItsEagerLoads() async throws {
            try await withHearth { app in
                // setup: the demo agency (episodes, plans with versions, orders, visits, signed assessments) and an open safety alert
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 60)
                try await DemoSeed.seedPatients(60, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                let manager = try #require(try await User.query(on: app.db).filter(\.$username == "casemanager").first())
                let patients = try await Patient.query(on: app.db).all()
                let alert = CareTask()
                (alert.$patient.id, alert.$assignedTo.id, alert.title, alert.detail) = (try patients[0].requireID(), try manager.requireID(), "PHQ-9 item 9", "Call today")
                (alert.priority, alert.dueAt, alert.status, alert.source) = ("high", Date(), "open", SafetyAlertStore.source)
                try await alert.create(on: app.db)
                let today = try #require(CalendarDate("2026-12-04"))
                var seen = (orders: 0, events: 0, tab: 0, signed: 0, versions: 0, visits: 0, alerts: 0, medications: 0)

                for patient in patients {
                    let patientID = try patient.requireID()
                    // act
                    let orders = try await ChartQueries.orders(of: patientID, on: app.db)
                    let (episodes, events) = try await ChartQueries.episodes(of: patientID, on: app.db)
                    let assessments = try await ChartQueries.assessments(of: patientID, episodeID: episodes.first?.id, on: app.db)
                    let visits = try await ChartQueries.visits(of: patientID, episodeID: episodes.first?.id, since: today.adding(days: -180), on: app.db)
                    let records = try await ChartQueries.records(of: patientID, named: [], on: app.db)
                    let alerts = records.alerts

                    // check: the same rows, the eager-loaded names joined in; the medications as the profile's query reads them
                    let profile = try await MedicationStore.profile(of: patientID, on: app.db)
                    #expect(records.medications.map(\.medication) == profile.map(\.1) && records.medications.map(\.highAlert) == profile.map(\.0.highAlert))
                    seen.medications += profile.count
                    let fluentOrders = try await PhysicianOrderRecord.query(on: app.db).filter(\.$patient.$id == patientID).with(\.$physician).all()
                    #expect(Set(orders.compactMap(\.id)) == Set(fluentOrders.compactMap(\.id)) && orders.count == fluentOrders.count)
                    for order in fluentOrders {
                        let read = try #require(orders.first { $0.id == order.id })
                        #expect(read.physician.displayName == order.physician.displayName && read.status == order.status && read.kind == order.kind)
                        #expect(read.sentAt == order.sentAt && read.signedAt == order.signedAt && read.$episode.id == order.$episode.id)
                        #expect(read.$carePlanVersion.id == order.$carePlanVersion.id && read.orderJSON == order.orderJSON)
                    }
                    let fluentEpisodes = try await EpisodeStore.all(patientID: patientID, on: app.db)
                    #expect(episodes.compactMap(\.id) == fluentEpisodes.compactMap(\.id))
                    #expect(episodes.map(\.status) == fluentEpisodes.map(\.status) && episodes.map(\.referralReceivedAt) == fluentEpisodes.map(\.referralReceivedAt))
                    var fluentEvents: [EpisodeEventRecord] = [], signed: [AssessmentRecord] = []
                    if let latest = fluentEpisodes.first {
                        fluentEvents = try await EpisodeStore.events(of: latest, on: app.db)
                        signed = try await ComplianceRecords.signedAssessments(episodeID: latest.requireID(), on: app.db)
                    }
                    #expect(events.compactMap(\.id) == fluentEvents.compactMap(\.id))
                    #expect(events.map(\.kind) == fluentEvents.map(\.kind) && events.map(\.occurredAt) == fluentEvents.map(\.occurredAt))
                    let tab = try await AssessmentRecord.query(on: app.db).filter(\.$patient.$id == patientID)
                        .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).limit(100).all()
                    #expect(assessments.tab.compactMap(\.id) == tab.compactMap(\.id))
                    #expect(assessments.tab.map(\.scoreValue) == tab.map(\.scoreValue) && assessments.tab.map(\.alerts) == tab.map(\.alerts))
                    #expect(Set(assessments.signed.compactMap(\.id)) == Set(signed.compactMap(\.id)) && assessments.signed.count == signed.count)
                    for row in signed {
                        let read = try #require(assessments.signed.first { $0.id == row.id })
                        #expect(read.signedBy?.displayName == row.signedBy?.displayName && read.signedAt == row.signedAt && read.amendsID == row.amendsID)
                    }
                    if let record = fluentEpisodes.first {
                        let domain = try EpisodeStore.episode(from: fluentEvents)
                        let rows = try await EpisodeRecordsQuery.records(of: record.requireID(), carePlan: true, on: app.db).carePlan
                        let chart = try await CarePlanStore.loadForChart(episode: record, domain: domain, today: today, rows: rows, orders: orders, on: app.db)
                        let page = try await CarePlanStore.load(episode: record, domain: domain, today: today, on: app.db)
                        #expect(chart.record?.id == page.record?.id && chart.current?.id == page.current?.id && chart.current?.content == page.current?.content)
                        #expect(chart.current?.details == page.current?.details && chart.current?.version == page.current?.version)
                        #expect(chart.current?.$createdBy.id == page.current?.$createdBy.id && chart.record?.currentVersion == page.record?.currentVersion)
                        #expect(chart.standing == page.standing && chart.inForceRecord?.id == page.inForceRecord?.id && chart.inForce == page.inForce)
                        seen.versions += chart.versionNumber
                        let episodeID = try record.requireID()
                        let fluentVisits = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID)
                            .group(.or) { $0.filter(\.$episode.$id == episodeID).filter(\.$scheduledOn >= today.adding(days: -180).description) }
                            .with(\.$clinician).all().sorted { ($0.id?.uuidString ?? "") < ($1.id?.uuidString ?? "") }
                        // Neither query orders the visits (the chart sorts them), and PostgreSQL may return a join's rows in any order.
                        let visits = visits.sorted { ($0.id?.uuidString ?? "") < ($1.id?.uuidString ?? "") }
                        #expect(visits.compactMap(\.id) == fluentVisits.compactMap(\.id))
                        #expect(visits.map { $0.clinician?.displayName } == fluentVisits.map { $0.clinician?.displayName })
                        #expect(visits.map(\.noteJSON) == fluentVisits.map(\.noteJSON) && visits.map(\.status) == fluentVisits.map(\.status))
                    }
                    let tasks = try await CareTask.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$status == "open")
                        .filter(\.$source == SafetyAlertStore.source).with(\.$assignedTo).sort(\.$createdAt).all()
                    #expect(alerts.map(\.id) == tasks.compactMap(\.id) && alerts.map(\.owner) == tasks.map(\.assignedTo.displayName))
                    #expect(alerts.map(\.title) == tasks.map(\.title) && alerts.map(\.detail) == tasks.map(\.detail) && alerts.map(\.raisedAt) == tasks.map(\.createdAt))
                    (seen.orders, seen.events, seen.tab, seen.signed) = (seen.orders + orders.count, seen.events + events.count, seen.tab + assessments.tab.count,
                                                                         seen.signed + assessments.signed.count)
                    (seen.visits, seen.alerts) = (seen.visits + visits.count, seen.alerts + alerts.count)
                }
                let totals = (try await PhysicianOrderRecord.query(on: app.db).count(), try await VisitRecord.query(on: app.db).count(), try await AssessmentRecord.query(on: app.db).count())
                #expect(seen.orders > 0 && seen.events > 0 && seen.tab > 0 && seen.signed > 0 && seen.versions > 0 && seen.visits > 0 && seen.alerts > 0 && seen.medications > 0, "\(seen) \(totals)")
            }
        }

        /// `ChartQueries.records`' people include the team's staff profiles: the clinicians the chart's new-visit form offers.
        @Test func peopleReadsTheTeamsStaffProfilesForTheVisitForm() async throws {
            try await withHearth { app in
                // setup: the demo agency's fullest chart
                let staff = try await DemoSeed.seedStaff(app.db, hasher: app.password, seed: 7, patients: 13)
                try await DemoSeed.seedPatients(13, staff: staff, db: app.db, console: app.console, rules: DemoAssessments.Rules(
                    clock: app.regulatoryClock, instruments: app.instruments, medications: app.medicationCatalog), seed: 7)
                var offered = 0
                for patient in try await Patient.query(on: app.db).all() {
                    let patientID = try patient.requireID()
                    // act
                    let people = try await ChartQueries.records(of: patientID, named: [], on: app.db).people

                    // check: the same pick list as the Fluent query gives
                    let staff = people.filter { $0.kind == "staff" }.map { (user: $0.id, discipline: $0.teamRole ?? "", name: $0.displayName) }
                    let expected = try await VisitStore.clinicians(for: nil, patientID: patientID, on: app.db)
                    #expect(VisitStore.clinicians(for: nil, staff: staff).map(\.label) == expected.map(\.label))
                    #expect(VisitStore.clinicians(for: nil, staff: staff).map(\.value) == expected.map(\.value))
                    offered += expected.count
                }
                #expect(offered > 0, "the demo's care teams have clinicians")
            }
        }
    }
}
