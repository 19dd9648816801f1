import Foundation
import HearthCore
import Vapor

/// "Plan this day" on the schedule: the supervisor asks for a day (the agency or one team), sees the proposal beside
/// today's plan, and applies all of it or the visits she ticks.
extension ScheduleController {
    struct PlanForm: Content {
        var date: String?
        var team: String?
        var seconds: String?
        /// User ids of the field staff who called out.
        var out: [String]?
    }

    struct ApplyForm: Content {
        var date: String?
        var team: String?
        var seconds: String?
        var out: [String]?
        /// "all" applies every change the plan made; anything else, the ticked ones.
        var scope: String?
        var pick: [String]?
        var all: [String]?
    }

    /// `GET /schedule/plan?date=&team=&seconds=`: the form (tomorrow by default); with a date, the day planned.
    func plan(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.planDay, on: req)
        var form = try req.query.decode(PlanForm.self)
        let teams = try await DayPlanStore.teams(on: req.db), staff = try await DayPlanStore.staff(team: nil, on: req.db)
        guard form.date != nil else {
            form.date = req.agencyToday.adding(days: 1).description
            return try await planPage(form, teams: teams, staff: staff, problems: [:], req: req).encodeResponse(for: req)
        }
        let (ask, problems) = DayPlanning.ask(date: form.date, team: form.team, seconds: form.seconds, out: form.out ?? [],
                                              staff: Set(staff.map(\.id)), teams: teams)
        guard let ask else {
            return try await planPage(form, teams: teams, staff: staff, problems: problems, req: req).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let proposal = try await DayPlanning.propose(ask, req: req)
        return try await planPage(form, teams: teams, staff: staff, problems: [:], proposal: DayPlanPageBuilder.proposal(proposal), req: req)
            .encodeResponse(for: req)
    }

    /// `POST /schedule/plan/apply`: moves the chosen visits in one audited transaction, then shows the week.
    func applyPlan(req: Request) async throws -> Response {
        let form = try req.content.decode(ApplyForm.self)
        guard let date = CalendarDate(form.date ?? "") else { throw AppError.badRequest("The plan's day is missing. Plan the day again, then apply.") }
        let posted = (form.scope == "all" ? form.all : form.pick) ?? []
        let moves = posted.compactMap(DayPlanning.Move.init)
        guard moves.count == posted.count else { throw AppError.badRequest("A visit in the plan could not be read. Plan the day again, then apply.") }
        let refusals = try await DayPlanning.apply(moves, on: date, req: req)
        guard refusals.isEmpty else {
            let teams = try await DayPlanStore.teams(on: req.db), staff = try await DayPlanStore.staff(team: nil, on: req.db)
            let again = PlanForm(date: form.date, team: form.team, seconds: form.seconds, out: form.out)
            return try await planPage(again, teams: teams, staff: staff, problems: [:], refusals: refusals, req: req)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SiteURL.schedule.path + "?week=\(date)&applied=\(moves.count)")
    }

    func planPage(_ form: PlanForm, teams: [String], staff: [DayPlanStore.StaffRow], problems: [String: String], proposal: DayPlanPage.Proposal? = nil,
                  refusals: [String] = [], req: Request) -> HTML {
        var choices: [(value: String, label: String)] = [("", "Whole agency")] + teams.map { (value: $0, label: $0) }
        if let team = form.team?.nilIfEmpty, !teams.contains(team) { choices.append((team, team)) } // kept as typed, refused beside it
        let fields: [InputField] = [
            .text("date", "Day", form.date, problems, prefix: "plan-", type: "date"),
            .select("team", "Team", form.team ?? "", choices, problems, prefix: "plan-"),
            .text("seconds", "Time limit (seconds)", form.seconds ?? String(DayPlanning.defaultSeconds), problems, prefix: "plan-",
                  hint: "The planner keeps improving until then.", inputMode: "numeric"),
            .checkboxes("out", "Called out", form.out ?? [], words: "", staff.map { (value: $0.id.uuidString, label: $0.displayName) }, problems,
                        hint: "Tick anyone who cannot work that day: their visits are planned for the others, and everyone else's day changes as little as it can."),
        ]
        return DayPlanPage(shell: PageShell(request: req, title: "Plan this day"),
                           form: PageForm(action: SiteURL.schedulePlan.path, fields: fields, error: problems.isEmpty ? nil
                               : "Nothing was planned: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") attention below."),
                           proposal: proposal, refusals: refusals, backHref: SiteURL.schedule.path).html
    }
}
