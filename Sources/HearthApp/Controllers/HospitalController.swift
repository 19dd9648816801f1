import Fluent
import Foundation
import HearthCore
import Vapor

/// The hospital case manager's pages: her units' stays and each stay's clocks, notices and status.
struct HospitalController {
    /// `GET /hospital`, and the hospital case manager's home page.
    func units(req: Request) async throws -> HTML {
        let user = try req.currentUser
        if user.role == .utilizationReviewNurse { return try await UtilizationController().queue(req: req) } // her way back from a stay
        if user.role == .physicianAdvisor { return try await AdvisorController().queue(req: req) }
        guard user.role == .hospitalCaseManager else { throw AppError.notFound() }
        let units = try await HospitalStore.assignedUnits(of: user.id, on: req.db)
        let stays = try await HospitalStore.currentStays(on: try units.map { try $0.requireID() }, on: req.db)
        try await req.auditRead("hospital_stay.list", resourceType: "Encounter", detail: "unit list, \(stays.count) stays")
        let clock = StayClock(timeZone: req.application.settings.agencyTimeZone)
        let now = req.now
        let rows = Dictionary(grouping: stays, by: { $0.row.$unit.id })
        let page = HospitalUnitListPage(
            shell: PageShell(request: req, title: "My units"),
            units: try units.map { unit in
                HospitalUnitListPage.Unit(code: unit.code, name: unit.name, hospital: unit.hospital.name,
                                          rows: try (rows[try unit.requireID()] ?? []).map { try Self.row($0, clock: clock, now: now) })
            },
            summary: Self.summary(stays, clock: clock, now: now))
        return page.html
    }

    /// `GET /hospital/stays/:stayID`.
    func show(req: Request) async throws -> HTML {
        let stay = try await HospitalStore.authorize(.read, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        try await req.auditRead("hospital_stay.read", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString)
        var page = try HospitalStayPageBuilder(req: req, stay: stay).page(chosenNotice: req.query[String.self, at: "notice"])
        page.canWrite = try await HospitalStore.mayWrite(stay, on: req)
        page.dischargePlan = try await DischargePlanSectionBuilder(req: req, stay: stay, canWrite: page.canWrite).section()
        page.dischargePlan?.canWrite = page.canWrite
        return page.html
    }

    static func row(_ stay: HospitalStore.LoadedStay, clock: StayClock, now: Date) throws -> HospitalUnitListPage.Row {
        let id = try stay.row.requireID()
        let due = clock.notices(stay.facts, now: now).filter(\.isOutstanding).sorted { $0.state.kind < $1.state.kind }
        let short: (Obligation) -> String = { obligation in
            let name = StayNoticeKind(rawValue: obligation.ruleID).map(Self.shortName) ?? obligation.title
            return "\(name): \(obligation.status.lowercased())"
        }
        return HospitalUnitListPage.Row(
            id: "stay-\(stay.row.hospitalMRN)", href: SiteURL.hospitalStay(id).path, name: stay.row.listName, mrn: stay.row.hospitalMRN,
            bed: stay.row.bed ?? "", status: stay.facts.currentStatus.title, statusClass: stay.facts.currentStatus.rawValue,
            midnights: clock.midnightsCrossed(stay.facts, now: now),
            expectedDischarge: stay.row.expectedDischarge ?? "Not set",
            noticesDue: due.isEmpty ? "None due" : due.map(short).joined(separator: " · "),
            noticeClass: due.first?.state.kind.rawValue ?? "met",
            warnings: clock.checks(stay.facts, now: now).filter { $0.level != .ok }.map(\.title))
    }

    static func shortName(_ kind: StayNoticeKind) -> String {
        switch kind {
        case .importantMessage: "IM"
        case .importantMessageFollowUp: "IM follow-up"
        case .moon: "MOON"
        case .conditionCode44: "Code 44 notice"
        case .urDetermination: "UR notice"
        }
    }

    /// "18 stays: 5 in observation, 3 notices overdue, 2 warnings".
    static func summary(_ stays: [HospitalStore.LoadedStay], clock: StayClock, now: Date) -> String {
        let observation = stays.filter { $0.facts.currentStatus != .inpatient }.count
        let overdue = stays.flatMap { clock.notices($0.facts, now: now) }.filter { $0.state.kind == .overdue }.count
        let warnings = stays.filter { clock.checks($0.facts, now: now).contains { $0.level == .warning } }.count
        return "\(stays.count) current stay\(stays.count == 1 ? "" : "s"): \(observation) outpatient or observation, "
            + "\(overdue) notice\(overdue == 1 ? "" : "s") overdue, \(warnings) with a status or discharge warning."
    }

    /// A `datetime-local` value ("2026-12-01T14:05") on the hospital's wall clock.
    static func instant(_ text: String?, zone: TimeZone) -> Date? {
        guard let text, text.count >= 16, let day = CalendarDate(String(text.prefix(10))) else { return nil }
        let time = text.dropFirst(11).prefix(5).split(separator: ":").compactMap { Int($0) }
        guard time.count == 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else { return nil }
        return AgencyTime.instant(day, hour: time[0], minute: time[1], in: zone)
    }

    /// An instant as the form shows it.
    static func formValue(_ date: Date, zone: TimeZone) -> String {
        StayLifecycle.stamp(date, zone).replacingOccurrences(of: " ", with: "T")
    }
}
