import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// The agency's regulatory deadlines across every caseload: what is overdue, what is coming due, under which rule.
/// Supervisors see the agency; a case manager sees her own caseload.
struct ComplianceController {
    static let pageSize = 50

    /// Which outstanding obligations the page lists.
    enum Show: String, CaseIterable {
        case overdue, soon, all

        var label: String {
            switch self {
            case .overdue: "Overdue"
            case .soon: "Overdue or due within 2 days"
            case .all: "Everything outstanding"
            }
        }
    }

    func show(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let agencyWide = user.may(.viewAllCaseloads)
        guard agencyWide || user.role == .caseManager else {
            try await req.audit("obligation.list", outcome: .denied, detail: "not a supervisor or case manager")
            throw AppError.forbidden("The compliance list is for supervisors and case managers.")
        }
        let show = Show(rawValue: req.query[String.self, at: "show"] ?? "") ?? .overdue
        let rule = req.application.regulatoryClock.rules.rule(req.query[String.self, at: "rule"] ?? "")
        // Supervisors name a case manager (part of the name is enough); a case manager sees her own.
        let managerText = agencyWide ? (req.query[String.self, at: "manager"] ?? "").trimmingCharacters(in: .whitespaces) : ""
        var managerIDs: [UUID]? = agencyWide ? nil : [user.id]
        var managerError: String?
        if !managerText.isEmpty {
            managerIDs = try await Self.caseManagers(named: managerText, on: req.db).map(\.id)
            if managerIDs?.isEmpty == true { managerError = "No case manager's name contains “\(managerText)”. Try part of the family name." }
        }
        let minimumText = req.query[String.self, at: "minDays"] ?? ""
        let minimumDays = Int(minimumText).map { max(0, min($0, 3650)) }
        let filterError = !minimumText.isEmpty && minimumDays == nil ? "Enter a whole number of days, for example 7." : nil
        let page = req.pageNumber
        let now = req.now
        let today = CalendarDate(now, in: req.application.settings.agencyTimeZone)
        var filter = ComplianceQueries.Filter(ruleID: rule?.id, caseManagerIDs: managerIDs)
        switch show {
        case .overdue:
            filter.dueBy = now
            // "At least N days overdue": the due day is N or more days before today.
            if let minimumDays, minimumDays > 0 { filter.dueOnOrBefore = today.adding(days: -minimumDays) }
        case .soon: filter.dueBy = now.addingTimeInterval(2 * 86_400)
        case .all: break
        }
        // One row more than a page says whether there is a next one.
        let rows = try await ComplianceQueries.obligations(filter, offset: (page - 1) * Self.pageSize, limit: Self.pageSize + 1, on: req.db)
        try await req.auditRead("obligation.list", detail: "compliance page \(page), \(min(rows.count, Self.pageSize)) obligations")
        func link(_ page: Int) -> String {
            var items = [URLQueryItem(name: "show", value: show.rawValue), URLQueryItem(name: "page", value: String(page))]
            if let rule { items.append(URLQueryItem(name: "rule", value: rule.id)) }
            if !managerText.isEmpty { items.append(URLQueryItem(name: "manager", value: managerText)) }
            if let minimumDays { items.append(URLQueryItem(name: "minDays", value: String(minimumDays))) }
            var components = URLComponents()
            components.queryItems = items
            return SiteURL.compliance.path + (components.string ?? "")
        }
        return try await CompliancePage(
            shell: PageShell(request: req, title: "Compliance"),
            heading: agencyWide ? "Agency compliance" : "My deadlines",
            shows: Show.allCases.map { FieldOption(value: $0.rawValue, label: $0.label, selected: $0 == show) },
            rules: req.application.regulatoryClock.rules.rules.map { FieldOption(value: $0.id, label: $0.title, selected: $0.id == rule?.id) },
            agencyWide: agencyWide, manager: managerText, managerError: managerError,
            minDays: minimumText, filterError: filterError,
            rows: rows.prefix(Self.pageSize).map { row in
                // Days past the due day, counted as the chart counts them.
                let overdue = CalendarDate(row.dueDay).map { $0.days(until: today) } ?? 0
                return CompliancePage.Row(
                    patient: "\(row.familyName), \(row.givenName)", mrn: row.mrn, href: SiteURL.patient(row.patientID).path + "#deadlines",
                    caseManager: row.caseManager, obligation: row.title, citation: row.citation, due: row.dueDay,
                    status: row.dueAt <= now ? (overdue == 0 ? "Overdue today" : "Overdue \(overdue) day\(overdue == 1 ? "" : "s")") : (row.opensAt > now ? "Opens later" : "Due \(row.dueDay)"),
                    state: row.dueAt <= now ? "overdue" : "due_soon")
            },
            previousHref: page > 1 ? link(page - 1) : nil, nextHref: rows.count > Self.pageSize ? link(page + 1) : nil,
            staff: agencyWide ? try await staffClock(now: now, today: today, req: req) : [],
            safetyAlerts: try await SafetyAlertStore.open(agencyWide ? .agency : .caseManager(user.id), now: now, req: req),
            rejected: try await ComplianceQueries.rejections(caseManagerIDs: managerIDs, on: req.db).map { row in
                RejectedTransmission(patient: "\(row.familyName), \(row.givenName)", href: SiteURL.patient(row.patientID).path + "#deadlines",
                                     assessment: "\(AssessmentKind(rawValue: row.kind)?.title ?? row.kind) of \(row.assessedOn)",
                                     rejectedOn: row.onDate, reason: row.reason ?? "")
            }
        ).html
    }

    /// The staff side of the same clock: credentials lapsing within 60 days or lapsed, and aides' yearly observations
    /// due within 60 days or overdue [42 CFR 484.80(h)(1)(iii)]; the 25 soonest of each (the staff page has the rest).
    func staffClock(now: Date, today: CalendarDate, req: Request) async throws -> [CompliancePage.StaffRow] {
        let credentials = try await StaffStore.expiring(today: today, limit: 25, on: req.db).map { row, credential in
            let status = credential.status(on: today)
            return CompliancePage.StaffRow(name: row.user.displayName, href: SiteURL.staffMember(row.$user.id).path, what: credential.name,
                                           citation: "State licensure; 42 CFR 484.115", due: credential.expires?.description ?? "",
                                           status: status.summary, state: status.isInForce ? "due_soon" : "overdue")
        }
        let observations = try await StaffStore.aideObservations(dueWithin: 60, limit: 25, supervision: req.application.aideSupervision, now: now,
                                                                  zone: req.application.settings.agencyTimeZone, on: req.db)
            .map { user, owed in
                let late = owed.daysOverdue
                return CompliancePage.StaffRow(name: user.displayName, href: SiteURL.staffMember(try user.requireID()).path, what: owed.title, citation: owed.citation,
                                               due: owed.window.dueDay.description,
                                               status: late.map { "Overdue \($0) day\($0 == 1 ? "" : "s")" } ?? "Due \(owed.window.dueDay)",
                                               state: late == nil ? "due_soon" : "overdue")
            }
        return (credentials + observations + (try await inServiceRows(now: now, req: req))).sorted { $0.due < $1.due }
    }

    /// Aides whose 12 hours of in-service training are still owed in a period ending within 60 days, or whose last period
    /// ended short [42 CFR 484.80(d)]; the 25 soonest.
    func inServiceRows(now: Date, req: Request) async throws -> [CompliancePage.StaffRow] {
        guard let clock = InServiceStore.clock(req.application.aideSupervision) else { return [] }
        return try await InServiceStore.attention(within: 60, limit: 25, clock: clock, now: now, on: req.db).map { user, owed in
            let late = owed.daysOverdue
            return CompliancePage.StaffRow(name: user.displayName, href: SiteURL.staffMember(try user.requireID()).path + "#in-service", what: owed.title,
                                           citation: owed.citation, due: owed.window.dueDay.description,
                                           status: late.map { "Short, overdue \($0) day\($0 == 1 ? "" : "s")" } ?? "Due \(owed.window.dueDay)",
                                           state: late == nil ? "due_soon" : "overdue")
        }
    }

    struct Manager: Decodable { var id: UUID; var display_name: String }

    /// Case managers whose name contains the text (any case), at most 50: the filter's matches.
    static func caseManagers(named text: String, on db: any Database) async throws -> [Manager] {
        let sql = try db.sql
        let pattern = "%" + text.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        return try await sql.select().column("id").column("display_name").from(User.schema)
            .where("role", .equal, Role.caseManager.rawValue)
            .where(SQLFunction("lower", args: SQLColumn("display_name")), .like, SQLBind(pattern))
            .orderBy("display_name").limit(50).all(decoding: Manager.self)
    }
}


struct CompliancePage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var patient: String
        var mrn: String
        var href: String
        var caseManager: String?
        var obligation: String
        var citation: String
        var due: String
        var status: String
        var state: String
    }

    var shell: PageShell
    var heading: String
    var shows: [FieldOption]
    var rules: [FieldOption]
    /// Empty for a case manager, who sees her own caseload only.
    var agencyWide: Bool
    var manager: String
    var managerError: String?
    var minDays: String
    var filterError: String?
    var rows: [Row]
    var previousHref: String?
    var nextHref: String?
    /// Credentials and aides' yearly observations (supervisors only).
    var staff: [StaffRow]
    /// Open safety alerts, agency-wide for supervisors, her own patients' for a case manager: above every deadline.
    var safetyAlerts: [SafetyAlertLine] = []
    /// OASIS transmissions CMS rejected and not yet accepted since: they stay owed [42 CFR 484.45(a)].
    var rejected: [RejectedTransmission] = []

    struct StaffRow: Encodable, Sendable {
        var name: String
        var href: String
        var what: String
        var citation: String
        var due: String
        var status: String
        var state: String
    }
}
