import Fluent
import Foundation
import HearthCore
import Vapor

/// The avoidable-days and denials reports over the stays in the user's scope: current stays and those discharged in the
/// last 90 days.
extension UtilizationController {
    static let reportDays = 90.0

    /// The stays in scope and their records; the report is audited as one read.
    private func reportStays(_ req: Request, action: String) async throws -> ([HospitalStay], [UUID: UtilizationStore.StayRecords]) {
        let user = try req.currentUser
        guard [.utilizationReviewNurse, .hospitalCaseManager].contains(user.role) else { throw AppError.notFound() }
        let units = try await UtilizationStore.scopeUnits(of: user, on: req.db)
        let stays = try await UtilizationStore.stays(on: try units.map { try $0.requireID() }, since: req.now.addingTimeInterval(-Self.reportDays * 86_400), on: req.db)
        let records = try await UtilizationStore.records(for: try stays.map { try $0.requireID() }, on: req.db)
        try await req.auditRead(action, resourceType: "Encounter", detail: "\(stays.count) stays")
        return (stays, records)
    }

    /// `GET /hospital/reports/avoidable-days`: days and cost by reason and by owner, and the stays they fell on.
    func avoidableDaysReport(req: Request) async throws -> HTML {
        let (stays, records) = try await reportStays(req, action: "utilization.report.avoidable_days")
        let today = CalendarDate(req.now, in: req.application.settings.agencyTimeZone)
        let perDay = req.application.settings.avoidableDayCost
        let runs = stays.flatMap { stay in (records[stay.id ?? UUID()]?.avoidable ?? []).compactMap { UtilizationStore.run($0).map { (stay, $0) } } }
        let summary = AvoidableDaysSummary(runs.map(\.1), today: today, perDay: perDay)
        let money = StayReviewPageBuilder.dollars
        let lineRows = { (lines: [AvoidableDaysSummary.Line]) in lines.map { [$0.title, "\($0.days)", money($0.cost)] } }
        return UtilizationReportPage(
            shell: PageShell(request: req, title: "Avoidable days"), heading: "Avoidable days",
            summary: "\(summary.totalDays) avoidable day\(summary.totalDays == 1 ? "" : "s") on \(Set(runs.map { $0.0.id }).count) stay(s) in the last \(Int(Self.reportDays)) days, "
                + "\(money(summary.totalCost)) at \(money(perDay)) a day (HEARTH_AVOIDABLE_DAY_COST).",
            chartTitle: "Avoidable days by reason",
            bars: summary.byReason.map { .init(label: $0.title, value: $0.days, shown: "\($0.days) d, \(money($0.cost))") },
            tables: [
                ("by-reason", "By reason", [TableColumn("Reason"), TableColumn("Days", numeric: true), TableColumn("Cost", numeric: true)], lineRows(summary.byReason)),
                ("by-owner", "By owner", [TableColumn("Owner"), TableColumn("Days", numeric: true), TableColumn("Cost", numeric: true)], lineRows(summary.byOwner)),
                ("by-stay", "By stay", [TableColumn("Patient"), TableColumn("Reason"), TableColumn("Owner"), TableColumn("From"), TableColumn("Days", numeric: true)],
                 runs.sorted { $0.1.from > $1.1.from }.map { stay, run in
                     ["\(stay.listName) (\(stay.hospitalMRN))", run.reason.title, run.owner.title, "\(run.from)–\(run.through?.description ?? "ongoing")", "\(run.days(today: today))"]
                 }),
            ],
            backHref: SiteURL.utilization(.queue).path).html
    }

    /// `GET /hospital/reports/denials`: each denial with its reason, where its appeal stands and the next deadline.
    func denialsReport(req: Request) async throws -> HTML {
        let (stays, records) = try await reportStays(req, action: "utilization.report.denials")
        let rules = req.application.utilizationPayers
        var rows: [[String]] = [], outcomes: [String: Int] = [:]
        for stay in stays.sorted(by: { $0.listName < $1.listName }) {
            let stayRecords = records[stay.id ?? UUID()] ?? .init()
            for denial in stayRecords.denials {
                let appeals = stayRecords.appeals[denial.id ?? UUID()] ?? []
                let facts = UtilizationStore.denial(denial, appeals: appeals)
                let levels = rules.payer(facts.payer).appealLevels
                let last = appeals.last
                let stage = last.map { a in "\(levels.first { $0.id == a.level }?.title ?? a.level): \(AppealOutcome(rawValue: a.outcome)?.title ?? a.outcome)" } ?? "Not appealed"
                let state = last.map { AppealOutcome(rawValue: $0.outcome)?.title ?? $0.outcome } ?? "Not appealed"
                outcomes[state, default: 0] += 1
                let next: String = if last?.outcome == AppealOutcome.pending.rawValue { "Awaiting decision" }
                    else if let last, !(AppealOutcome(rawValue: last.outcome)?.allowsNextLevel ?? false) { "—" }
                    else { AppealRules.openLevels(facts, rules: rules).first.map { "\($0.level.title) by \($0.deadline)" } ?? "—" }
                rows.append(["\(stay.listName) (\(stay.hospitalMRN))", "\(DenialKind(rawValue: denial.kind)?.title ?? denial.kind), \(facts.payer.title)", denial.reason,
                             denial.receivedOn, stage, next])
            }
        }
        let overturned = (outcomes[AppealOutcome.overturned.title] ?? 0) + (outcomes[AppealOutcome.partiallyOverturned.title] ?? 0)
        return UtilizationReportPage(
            shell: PageShell(request: req, title: "Denials and appeals"), heading: "Denials and appeals",
            summary: "\(rows.count) denial\(rows.count == 1 ? "" : "s") in the last \(Int(Self.reportDays)) days; \(overturned) overturned in whole or part; "
                + "\(outcomes[AppealOutcome.pending.title] ?? 0) appeal(s) pending.",
            chartTitle: "Denials by where the appeal stands",
            bars: outcomes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { .init(label: $0.key, value: $0.value, shown: "\($0.value)") },
            tables: [("denials-table", "Denials", ["Patient", "Denied", "Specific reason", "Received", "Appeal", "Next deadline"].map { TableColumn($0) }, rows)],
            backHref: SiteURL.utilization(.queue).path).html
    }
}
