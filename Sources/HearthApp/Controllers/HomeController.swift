import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// The home page: each role's day at a glance.
struct HomeController {
    func show(req: Request) async throws -> HTML {
        let user = try req.currentUser
        // The hospital case manager's day is her units' stays; the agency's caseloads are not hers.
        if user.role == .hospitalCaseManager { return try await HospitalController().units(req: req) }
        if user.role == .utilizationReviewNurse { return try await UtilizationController().queue(req: req) }
        if user.role == .physicianAdvisor { return try await AdvisorController().queue(req: req) }
        var page: HomePage
        switch user.role {
        case .supervisor, .admin:
            page = try await overview(req, user)
        default:
            page = try await myPatients(req, user)
        }
        switch user.role {
        case .supervisor: page.safetyAlerts = try await SafetyAlertStore.open(.agency, now: req.now, req: req)
        case .caseManager: page.safetyAlerts = try await SafetyAlertStore.open(.caseManager(user.id), now: req.now, req: req)
        default: break // the nurse's and aide's come with their day's visits (myPatients)
        }
        // Break-the-glass: what the supervisor owes a review, and the clinician's way back to a chart not on her list.
        if user.role == .supervisor, let panel = try await Self.emergencyReviewPanel(req: req) { page.panels.insert(panel, at: 0) }
        if let panel = try await Self.openEmergencyPanel(for: user, req: req) { page.panels.insert(panel, at: 0) }
        return page.html
    }

    private func myPatients(_ req: Request, _ user: CurrentUser) async throws -> HomePage {
        let rows = try await PatientQueries.rows(try await PatientAccess.visiblePatients(for: user, on: req.db), limit: 25, req: req)
        try await req.auditRead("patient.list", detail: "home page, \(rows.count) patients")
        let (heading, intro, first) = Self.dayPanel(for: user.role)
        let tasks = try await Worklist.items(for: user, now: req.now, req: req)
        // The first panel reads the same list as the page it summarises ("My visits", "Orders to sign").
        var panels: [HomePage.Panel]
        var safetyAlerts: [SafetyAlertLine] = []
        switch user.role {
        case .clinician, .aide:
            let visits = try await VisitController.visits(of: user.id, on: req.agencyToday, db: req.db)
            // Whoever walks into the home today knows of an open alert on that patient before she knocks.
            let mine = try await SafetyAlertStore.open(.caseManager(user.id), now: req.now, req: req)
            let visited = try await SafetyAlertStore.open(.patients(Array(Set(visits.map(\.$patient.id)))), now: req.now, req: req)
            safetyAlerts = mine + visited.filter { line in !mine.contains { $0.id == line.id } }
            let todo = try await VisitController.tasks(for: visits, on: req.agencyToday, db: req.db)
            panels = [HomePage.Panel(heading: "\(first.heading) (\(visits.count))", emptyState: first.empty, items: try visits.map { visit in
                // The aide's care plan tasks come with the visit, so her home page is her day's work.
                let planTasks = (todo[try visit.requireID()] ?? []).map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? $0 }
                let discipline = Discipline(rawValue: visit.discipline)?.title ?? visit.discipline
                return HomePage.Item(text: "\(visit.startTime) \(visit.patient.listName)", detail: ([discipline] + planTasks).joined(separator: " · "),
                              href: SiteURL.visit(try visit.requireID()).path, flag: VisitController.statusTitle(visit), flagClass: visit.visitStatus == .completed ? "met" : "open")
            }, moreHref: SiteURL.visits.path, moreText: "All my visits"),
                      HomePage.Panel(heading: "My tasks", emptyState: "No open tasks.", items: tasks)]
        case .physician:
            let zone = req.application.settings.agencyTimeZone
            let (aging, orders) = try await OrderStore.aging(physicianID: user.id, today: req.agencyToday, zone: zone, on: req.db)
            panels = [HomePage.Panel(heading: "\(first.heading) (\(aging.totals.total))", emptyState: first.empty, items: try orders.prefix(25).map { order in
                HomePage.Item(text: "\(order.patient.listName): \(order.summary)", detail: order.sentAt.map { "sent \(CalendarDate($0, in: zone))" } ?? "not sent yet",
                              href: SiteURL.order(try order.requireID()).path, flag: OrderState(rawValue: order.status)?.title ?? order.status, flagClass: "due_soon")
            }, moreHref: SiteURL.orders.path, moreText: "All \(aging.totals.total) orders awaiting your signature")] + (tasks.isEmpty ? [] : [HomePage.Panel(heading: "My tasks", emptyState: "", items: tasks)])
        case .intake:
            // The heading counts the list under it: open referrals, then the last ten the agency admitted or closed.
            let referrals = try await PatientQueries.referrals(by: user.id, on: req.db)
            let open = referrals.filter { $0.flagClass == "open" }, decided = referrals.filter { $0.flagClass != "open" }.prefix(10)
            panels = [HomePage.Panel(heading: "\(first.heading) (\(open.count))", emptyState: first.empty,
                                     items: open, moreHref: SiteURL.newPatient.path, moreText: "Register a patient from a new referral")]
                + (decided.isEmpty ? [] : [HomePage.Panel(heading: "Recently admitted or closed", emptyState: "", items: Array(decided))])
                + (tasks.isEmpty ? [] : [HomePage.Panel(heading: "My tasks", emptyState: "", items: tasks)])
        case .payer:
            panels = [try await Self.payerAuthorizationsPanel(for: user, heading: first.heading, emptyState: first.empty, req: req)]
                + (tasks.isEmpty ? [] : [HomePage.Panel(heading: "My tasks", emptyState: "", items: tasks)])
        case .caseManager:
            panels = [HomePage.Panel(heading: first.heading, emptyState: first.empty, items: tasks,
                                     moreHref: SiteURL.worklist.path, moreText: "All my open tasks")]
        default:
            panels = [HomePage.Panel(heading: first.heading, emptyState: first.empty, items: tasks)]
        }
        // An order the physician returned leads the case manager's day: nothing is signed until she corrects it.
        if let returned = try await Self.returnedOrdersPanel(for: user, req: req) { panels.insert(returned, at: 0) }
        // Intake's patients are its referrals, listed above.
        let mine = user.role == .intake ? nil : HomePage.PatientPanel(heading: user.role == .caseManager ? "My caseload" : user.role == .payer ? "My members" : "My patients", rows: rows, moreHref: SiteURL.patients.path)
        var page = HomePage(shell: PageShell(request: req, title: heading), heading: heading, intro: intro, panels: panels, counts: [], patients: mine)
        page.safetyAlerts = safetyAlerts
        return page
    }

    private func overview(_ req: Request, _ user: CurrentUser) async throws -> HomePage {
        let counts = try await PatientQueries.caseloadCounts(on: req.db)
        let heading = user.role == .admin ? "Agency administration" : "Agency overview"
        let intro = user.role == .admin
            ? "Manage users and review the audit trail. Agency settings will appear here."
            : "Every caseload in the agency. Compliance alerts, unsigned orders and overdue visits will appear here."
        let panel = HomePage.Panel(
            heading: "Compliance alerts",
            emptyState: "No alerts. Overdue assessments, unsigned orders and missed supervisory visits will appear here.",
            items: try await ObligationStore.overdueByRule(now: req.now, on: req.db).map { rule, count in
                let title = req.application.regulatoryClock.rules.rule(rule)?.title ?? rule
                // Counts only for the administrator: the list behind them names patients (minimum necessary).
                return HomePage.Item(text: "\(title): \(count) overdue", detail: "",
                                     href: user.role == .supervisor ? SiteURL.compliance.path + "?show=overdue&rule=\(rule)" : "",
                                     flag: "Overdue", flagClass: "overdue")
            }
        )
        let today = req.agencyToday
        let credentials = HomePage.Panel(
            heading: "Credentials expiring",
            emptyState: "No license or certification lapses in the next 60 days.",
            items: try await StaffStore.expiring(today: today, limit: 10, on: req.db).map { row, credential in
                let status = credential.status(on: today)
                return HomePage.Item(text: "\(row.user.displayName): \(credential.name)", detail: status.summary, href: SiteURL.staffMember(row.$user.id).path,
                                     flag: status.isInForce ? "Renew" : "Expired", flagClass: status.flag == "ok" ? "due_soon" : status.flag)
            })
        let lateNotes = try await VisitController.lateNotes(now: req.now, on: req.db).count()
        let notes = HomePage.Panel(
            heading: "Visit notes unsigned over 24 hours", emptyState: "Every visit note was signed within 24 hours of check-out.",
            items: lateNotes == 0 ? [] : [HomePage.Item(text: "\(lateNotes) visit note\(lateNotes == 1 ? "" : "s") unsigned over 24 hours", detail: "",
                                                       href: SiteURL.visits.path + "#late-notes", flag: "Late", flagClass: "overdue")])
        let panels = user.role == .supervisor ? [panel, notes, credentials] : [panel, credentials]
        return HomePage(shell: PageShell(request: req, title: heading), heading: heading, intro: intro, panels: panels, counts: counts, patients: nil)
    }

    /// The panel that leads each role's day; it says what will appear while the feature is still empty.
    static func dayPanel(for role: Role) -> (String, String, (heading: String, empty: String)) {
        switch role {
        case .caseManager:
            ("My caseload today", "What is due, overdue and waiting for you.",
             ("Due and overdue", "Nothing due. Assessments, recertifications and unsigned orders will appear here when they fall due."))
        case .clinician:
            ("My day", "Your visits in route order.",
             ("Today's visits", "No visits scheduled today. Your scheduled visits will appear here in route order."))
        case .aide:
            ("My visits", "Your assigned visits and care tasks.",
             ("Today's visits", "No visits assigned today. Your visits and aide care plan tasks will appear here."))
        case .physician:
            ("Orders to sign", "Plans of care and orders waiting for your signature.",
             ("Awaiting your signature", "No orders waiting. Plans of care and orders sent to you will appear here."))
        case .intake:
            ("Referrals", "Patients you referred and whether the agency accepted them.",
             ("Open referrals", "No open referrals. Referrals you send will appear here until they are accepted."))
        case .payer:
            ("Members", "Your health plan members in home health and their visit authorizations.",
             ("Authorizations to review", "No authorization is used up, nearly used up (four in five visits made) or ending within two weeks."))
        case .supervisor, .admin:
            ("Agency overview", "", ("Alerts", "No alerts."))
        case .hospitalCaseManager:
            ("My units", "", ("Stays", "No current stays."))
        case .utilizationReviewNurse:
            ("Review queue", "", ("Stays", "No stay needs review."))
        case .physicianAdvisor:
            ("Advisor referrals", "", ("Referrals", "No referral waits for you."))
        }
    }
}

/// Named patient queries, shared by pages and tested on their own.
enum PatientQueries {
    static func rows(_ query: QueryBuilder<Patient>, sort: PatientSort = .name, limit: Int, offset: Int = 0, req: Request) async throws -> [PatientRow] {
        let today = req.agencyToday
        // Only the columns a row shows: decoding every column of every patient cost more than the rest of the page.
        let patients = try await sort.apply(to: query.with(\.$caseManager))
            .field(\.$id).field(\.$familyName).field(\.$givenName).field(\.$mrn).field(\.$birthDate).field(\.$caseManager.$id)
            .range(offset..<(offset + limit))
            .all()
        let ids = try patients.map { try $0.requireID() }
        let episodes = try await latestEpisodes(for: ids, on: req.db)
        let alerts = try await ObligationStore.alerts(for: ids, now: req.now, on: req.db)
        let refills = try await MedicationStore.refillAlerts(for: ids, today: today, on: req.db)
        return try patients.map { patient in
            let id = try patient.requireID()
            var row = PatientRow(
                href: SiteURL.patient(id).path,
                name: "\(patient.listName)",
                mrn: patient.mrn,
                birthDate: patient.birthDate,
                age: CalendarDate(patient.birthDate)?.age(on: today),
                caseManager: patient.caseManager?.displayName
            )
            row.overdue = alerts[id]?.overdue ?? 0
            row.dueSoon = alerts[id]?.dueSoon ?? 0
            row.lupaAtRisk = alerts[id]?.lupaAtRisk ?? 0
            row.refillsDue = refills[id]?.due ?? 0
            row.refillsOverdue = refills[id]?.overdue ?? 0
            if let record = episodes[id], let status = EpisodeStatus(rawValue: record.status) {
                row.episodeStatus = status.rawValue
                row.episodeTitle = status.title
                if status.isOpen, let soc = record.startOfCare.flatMap(CalendarDate.init), let through = record.certifiedThrough.flatMap(CalendarDate.init) {
                    let clock = CertificationClock(startOfCare: soc, certifiedPeriods: record.certifiedPeriods, certifiedThrough: through, today: today)
                    row.certification = clock.summary
                    row.recertification = clock.recertification
                }
            }
            return row
        }
    }

    /// Each patient's most recent episode (its status and certification only), in one query for the whole page.
    /// Intake's referral queue: the patients she registered, newest first, each with where it stands — waiting for the
    /// start of care, admitted, or not taken — and who is missing (a case manager, a physician). A decided referral is
    /// plain text: its chart is closed to intake (minimum necessary, 45 CFR 164.502(b)).
    static func referrals(by userID: UUID, on db: any Database) async throws -> [HomePage.Item] {
        let patients = try await Patient.query(on: db).filter(\.$referredBy.$id == userID).with(\.$caseManager).with(\.$physician)
            .sort(\.$createdAt, .descending).limit(200).all()
        let episodes = try await latestEpisodes(for: try patients.map { try $0.requireID() }, on: db)
        return try patients.map { patient in
            let status = episodes[try patient.requireID()].flatMap { EpisodeStatus(rawValue: $0.status) }
            let open = AccessPolicy.isReferralOpen(latestEpisode: status)
            let missing = [patient.caseManager == nil ? "no case manager yet" : nil, patient.physician == nil ? "no physician yet" : nil].compactMap { $0 }
            let people = patient.caseManager.map { "case manager \($0.displayName)" }.map { [$0] } ?? []
            let outcome = status == .notAdmitted ? EpisodeStatus.notAdmitted.title : "Admitted"
            return HomePage.Item(text: patient.listName, detail: (people + missing).joined(separator: "; "), href: open ? SiteURL.patient(try patient.requireID()).path : "",
                                 flag: status == nil ? "No referral recorded" : open ? "Waiting for start of care" : outcome,
                                 flagClass: open ? "open" : "met")
        }
    }

    static func latestEpisodes(for patientIDs: [UUID], on db: any Database) async throws -> [UUID: EpisodeRecord] {
        guard !patientIDs.isEmpty else { return [:] }
        let records = try await EpisodeRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs)
            .field(\.$id).field(\.$patient.$id).field(\.$status).field(\.$startOfCare).field(\.$certifiedPeriods).field(\.$certifiedThrough)
            .sort(\.$referralDate).sort(\.$createdAt).all()
        var latest: [UUID: EpisodeRecord] = [:]
        for record in records { latest[record.$patient.id] = record }
        return latest
    }

    /// How many patients each case manager carries.
    static func caseloadCounts(on db: any Database) async throws -> [CaseloadCount] {
        let managers = try await User.query(on: db).filter(\.$role == Role.caseManager.rawValue).sort(\.$displayName).all()
        let sql = try db.sql
        // One grouped query (index on case_manager_id), not one count per case manager.
        struct Row: Decodable { var case_manager_id: UUID?; var patients: Int }
        let rows = try await sql.select().column("case_manager_id").column(SQLFunction("count", args: SQLLiteral.all), as: "patients")
            .from(Patient.schema).groupBy("case_manager_id").all(decoding: Row.self)
        let byManager = Dictionary(rows.compactMap { row in row.case_manager_id.map { ($0, row.patients) } }, uniquingKeysWith: +)
        return managers.map { CaseloadCount(caseManager: $0.displayName, patients: $0.id.flatMap { byManager[$0] } ?? 0) }
    }
}

/// The orders a patient list may be sorted in. Only these reach SQL: a `sort` value is looked up here, never
/// passed through (an unchecked sort key reaching SQL was a critical hole in a peer product).
enum PatientSort: String, CaseIterable, Sendable {
    case name, mrn, birthdate
    /// Youngest first.
    case birthdateDescending = "-birthdate"

    var label: String {
        switch self {
        case .name: "Name"
        case .mrn: "MRN"
        case .birthdate: "Oldest first"
        case .birthdateDescending: "Youngest first"
        }
    }

    func apply(to query: QueryBuilder<Patient>) -> QueryBuilder<Patient> {
        switch self {
        case .name: query.sort(\.$familyKey).sort(\.$givenKey).sort(\.$id)
        case .mrn: query.sort(\.$mrn)
        case .birthdate: query.sort(\.$birthDate).sort(\.$id)
        case .birthdateDescending: query.sort(\.$birthDate, .descending).sort(\.$id)
        }
    }
}
