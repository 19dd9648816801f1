import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth schedule optimize --date YYYY-MM-DD [--team T] [--seconds S] [--out U1,U2] [--apply] --username U`: plans a day
/// as "Plan this day" does (`--out`: the usernames of field staff who called out), acting as the named account (a
/// supervisor), printing the search's progress and the plan; `--apply` moves the visits the plan changes through the same checks, access policy and audited transaction as the page.
struct ScheduleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "optimize") var action: String
        @Option(name: "date", help: "the day to plan, YYYY-MM-DD") var date: String?
        @Option(name: "team", help: "one team's staff and visits (default: the whole agency)") var team: String?
        @Option(name: "seconds", help: "how long the planner may search (1-30, default 5)") var seconds: String?
        @Option(name: "out", help: "field staff who called out, by username, comma-separated: their visits go to others") var out: String?
        @Option(name: "username", help: "the account it acts as (a supervisor)") var username: String?
        @Flag(name: "apply", help: "apply the plan (otherwise it is only shown)") var apply: Bool
    }

    var help: String { "Plans a day's visits across the field staff (and with --apply, applies the plan)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.requireMigrated()
        guard signature.action == "optimize" else { throw CommandFailure("unknown action '\(signature.action)': use `hearth schedule optimize --date YYYY-MM-DD --username NAME`.") }
        guard let username = signature.username?.nilIfEmpty else { throw CommandFailure("name the account it acts as: --username NAME (a supervisor).") }
        guard let account = try await User.query(on: app.db).filter(\.$username == username).first(), account.isActive else {
            throw CommandFailure("no active account named \(username).")
        }
        let user = try CurrentUser(user: account, via: .bearer)
        if case .forbidden(let reason) = AccessPolicy.decide(role: user.role, action: .planDay) { throw CommandFailure(reason + " Plan as a supervisor.") }
        let teams = try await DayPlanStore.teams(on: app.db), staff = try await DayPlanStore.staff(team: nil, on: app.db)
        var out: [String] = []
        for name in (signature.out ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let id = try await User.query(on: app.db).filter(\.$username == name).first()?.id, staff.contains(where: { $0.id == id }) else {
                throw CommandFailure("--out: \(name) is not field staff (a clinician or aide with a discipline on file).")
            }
            out.append(id.uuidString)
        }
        let (ask, problems) = DayPlanning.ask(date: signature.date ?? "", team: signature.team, seconds: signature.seconds, out: out,
                                              staff: Set(staff.map(\.id)), teams: teams)
        guard let ask else { throw CommandFailure(["date", "team", "seconds", "out"].compactMap { problems[$0] }.joined(separator: " ")) }
        let req = Request(application: app, method: .GET, url: URI(path: SiteURL.schedulePlan.path), logger: app.logger, on: app.eventLoopGroup.next())
        req.auth.login(user)
        let console = context.console
        context.console.print("Planning \(ask.date)\(ask.team.map { " for team \($0)" } ?? " for the whole agency")"
                              + "\(out.isEmpty ? "" : " without \(signature.out ?? "")") for up to \(ask.seconds) s…")
        let proposal = try await DayPlanning.propose(ask, req: req) { progress in
            // Once a second from the planner's thread: a line of its own, so a log keeps it.
            FileHandle.standardOutput.write(Data(String(format: "  %.0f s: %d improvement rounds, cost %.0f, %d not placed\n",
                                                        progress.seconds, progress.iterations, progress.bestCost, progress.unassigned).utf8))
        }
        for line in Self.summary(proposal) { console.print(line) }
        guard proposal.violations.isEmpty else {
            throw CommandFailure("the plan breaks a rule and was not applied: \(proposal.violations.joined(separator: " "))")
        }
        guard signature.apply else { console.print("Not applied; run again with --apply to apply it."); return }
        let moves = DayPlanning.moves(of: proposal)
        let refusals = try await DayPlanning.apply(moves, on: ask.date, req: req)
        guard refusals.isEmpty else { throw CommandFailure("nothing was applied: \(refusals.joined(separator: " "))") }
        console.print("Applied \(moves.count) visit changes as \(username), each audited as visit.reschedule.")
    }

    /// The plan in lines: what changes, each route in order, what cannot be placed and why.
    static func summary(_ proposal: DayPlanning.Proposal) -> [String] {
        let page = DayPlanPageBuilder.proposal(proposal)
        var lines = [page.heading] + page.facts.map { "  \($0.label): \($0.value)" }
        for route in page.routes {
            lines.append("\(route.clinician): \(route.summary)")
            var stops = route.stops.map { "  \($0.time) \($0.patient) (\($0.discipline))\($0.notes.isEmpty ? "" : ", " + $0.notes.joined(separator: ", "))" }
            if let lunch = route.lunch { stops.insert("  \(lunch.time) break, \(lunch.text)", at: min(lunch.before, stops.count)) }
            lines += stops
        }
        lines += page.unplaced.map { "Not placed: \($0.patient): \($0.reason)" }
        return lines
    }
}
