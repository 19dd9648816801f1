import FluentKit
import Foundation
import HearthCore
import Vapor

/// "Plan this day", shared by the schedule page and `hearth schedule optimize`: reads the day, runs `DayPlanner`, and
/// applies the visits a supervisor chose through the same access policy, checks and audited write as moving a visit by hand.
enum DayPlanning {
    /// What the supervisor asked: a day, the whole agency or one team, and how long the planner may think.
    struct Ask: Sendable {
        var date: CalendarDate
        var team: String?
        var seconds: Int
        /// Field staff who called out: their visits go to others (each move costs, so the rest of the day stays put).
        var out: Set<UUID> = []
    }

    struct Proposal: Sendable {
        var ask: Ask
        var day: DayPlanStore.Day
        var plan: DayPlan
        var comparison: DayPlanComparison
        /// What `DayPlanChecker` finds wrong with the plan; applying is refused unless empty.
        var violations: [String]
    }

    /// One visit to move: to whom and when. Posted as "visit|clinician|HH:MM".
    struct Move: Sendable, Hashable {
        var visitID: UUID
        var clinicianID: UUID
        var time: ClockTime

        init(visitID: UUID, clinicianID: UUID, time: ClockTime) {
            self.visitID = visitID
            self.clinicianID = clinicianID
            self.time = time
        }

        init?(_ posted: String) {
            let parts = posted.split(separator: "|").map(String.init)
            guard parts.count == 3, let visit = UUID(uuidString: parts[0]), let clinician = UUID(uuidString: parts[1]), let time = ClockTime(parts[2]) else { return nil }
            self.init(visitID: visit, clinicianID: clinician, time: time)
        }

        var posted: String { "\(visitID.uuidString)|\(clinicianID.uuidString)|\(time.description)" }
    }

    static let defaultSeconds = 5
    static let secondsAllowed = 1...30

    /// The form's values checked: the ask, or what is wrong by field name ("date", "team", "seconds", "out"). `out`: the
    /// user ids of field staff called out, each one of `staff`.
    static func ask(date: String?, team: String?, seconds: String?, out: [String] = [], staff: Set<UUID> = [],
                    teams: [String]) -> (Ask?, [String: String]) {
        var problems: [String: String] = [:]
        let day = CalendarDate(date?.trimmingCharacters(in: .whitespaces) ?? "")
        if day == nil { problems["date"] = "Give the day as YYYY-MM-DD, e.g. 2026-12-04." }
        let team = team?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let team, !teams.contains(team) {
            problems["team"] = teams.isEmpty ? "No team is named on any staff profile. Leave the team empty to plan the whole agency."
                : "There is no team \(team). Choose one of \(teams.joined(separator: ", ")), or none for the whole agency."
        }
        let typed = seconds?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let limit: Int? = typed == nil ? defaultSeconds : typed.flatMap { Int($0) }
        if limit.map(secondsAllowed.contains) != true {
            problems["seconds"] = "Give the time limit as whole seconds from \(secondsAllowed.lowerBound) to \(secondsAllowed.upperBound)."
        }
        let called = out.compactMap { UUID(uuidString: $0) }
        if called.count != out.count || !Set(called).isSubset(of: staff) {
            problems["out"] = "Choose who called out from the field staff listed."
        }
        guard problems.isEmpty, let day, let limit else { return (nil, problems) }
        return (Ask(date: day, team: team, seconds: limit, out: Set(called)), [:])
    }

    /// Reads the day and plans it on the thread pool (the search holds a core for `seconds`), then checks the plan.
    static func propose(_ ask: Ask, req: Request, progress: (@Sendable (RouteOptimizer.Progress) -> Void)? = nil) async throws -> Proposal {
        try await PatientAccess.authorize(.planDay, on: req)
        let day = try await DayPlanStore.load(date: ask.date, team: ask.team, out: ask.out, requirements: req.application.credentialRequirements,
                                              on: req.db)
        let request = day.request
        let plan = try await req.application.threadPool.runIfActive {
            DayPlanner(request: request).plan(seed: 1, timeLimit: .seconds(ask.seconds), progress: progress).settled(for: request)
        }
        try await req.auditRead("visit.plan", detail: "\(ask.date)\(ask.team.map { ", team \($0)" } ?? "")"
                                + "\(ask.out.isEmpty ? "" : ", \(ask.out.count) called out"): \(request.visits.count) visits, "
                                + "\(request.clinicians.count) staff; \(plan.cost.explanation)")
        return Proposal(ask: ask, day: day, plan: plan, comparison: DayPlanComparison(request: request, plan: plan),
                        violations: DayPlanChecker.violations(of: plan, for: request))
    }

    /// The moves a proposal makes: every visit that changes clinician or time.
    static func moves(of proposal: Proposal) -> [Move] {
        proposal.comparison.changes.compactMap { change in
            guard let visit = UUID(uuidString: change.visitID), let clinician = UUID(uuidString: change.toClinicianID),
                  let time = ClockTime(minutesSinceMidnight: change.toStart) else { return nil }
            return Move(visitID: visit, clinicianID: clinician, time: time)
        }
    }
}
