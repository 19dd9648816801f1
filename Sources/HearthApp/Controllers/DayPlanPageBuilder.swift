import Foundation
import HearthCore

/// Turns a `DayPlanning.Proposal` into what the page shows, in the supervisor's words.
enum DayPlanPageBuilder {
    static func proposal(_ proposal: DayPlanning.Proposal) -> DayPlanPage.Proposal {
        let day = proposal.day, plan = proposal.plan, comparison = proposal.comparison
        let name = { (id: String?) in id.flatMap { day.staff[$0]?.displayName } ?? "no one" }
        let clock = { (minute: Int?) in minute.flatMap { ClockTime(minutesSinceMidnight: $0)?.description } ?? "—" }
        let changed = Dictionary(comparison.changes.map { ($0.visitID, $0) }, uniquingKeysWith: { a, _ in a })
        let requested = Dictionary(day.request.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var routes: [DayPlanPage.Route] = [], mapRoutes: [DayPlanMap.Route] = []
        for (index, route) in plan.routes.enumerated() {
            let color = DayPlanMap.color(index), person = day.request.clinicians.first { $0.profile.id == route.clinicianID }?.profile
            let stops = route.stops.map { stop -> DayPlanPage.Stop in
                let row = day.visits[stop.visitID], change = changed[stop.visitID]
                var notes: [String] = []
                if let change {
                    notes.append(change.changesClinician ? "was \(clock(change.fromStart)) with \(name(change.fromClinicianID))" : "was \(clock(change.fromStart))")
                }
                if stop.lateMinutes > 0 { notes.append("\(stop.lateMinutes) min past the usual window") }
                if stop.isStranger { notes.append("new to the patient") }
                if requested[stop.visitID]?.lockedClinicianID != nil { notes.append("stays: started or fixed by hand") }
                if let kept = stop.keptBecause {
                    notes.append("stays as it is: " + (kept.hasPrefix("Cannot place: ") ? String(kept.dropFirst("Cannot place: ".count)) : kept))
                }
                return DayPlanPage.Stop(visitID: stop.visitID.lowercased(), time: clock(stop.start), patient: row?.patientName ?? "Visit", address: row?.address ?? "",
                                        discipline: Discipline(rawValue: row?.discipline ?? "")?.title ?? row?.discipline ?? "",
                                        drive: requested[stop.visitID]?.location == nil ? "no map location" : "\(stop.driveMinutes) min drive", notes: notes,
                                        moved: change != nil)
            }
            let over = route.overtimeMinutes > 0 ? ", \(route.overtimeMinutes) min over hours" : ""
            let lunch = route.breakStart.map { start in
                DayPlanPage.Lunch(before: route.breakBeforeStop ?? route.stops.count, time: clock(start),
                                  text: "\(route.breakMinutes) min" + (route.breakLateMinutes > 0 ? ", \(route.breakLateMinutes) min past its window" : ""),
                                  late: route.breakLateMinutes > 0)
            }
            routes.append(.init(clinician: name(route.clinicianID), color: color,
                                summary: "\(route.stops.count) visits, \(route.driveMinutes) min driving (\(String(format: "%.1f", route.miles)) mi), home at \(clock(route.homeAt))\(over)",
                                stops: stops, overHours: route.overtimeMinutes > 0, lunch: lunch))
            mapRoutes.append(.init(color: color, name: name(route.clinicianID), home: person?.homeBase,
                                   stops: route.stops.compactMap { stop in requested[stop.visitID]?.location.map { ($0, day.visits[stop.visitID]?.patientName ?? "") } }))
        }
        let moves = Dictionary(DayPlanning.moves(of: proposal).map { ($0.visitID.uuidString, $0) }, uniquingKeysWith: { a, _ in a })
        let changes = comparison.changes.compactMap { change -> DayPlanPage.Change? in
            guard let move = moves[change.visitID] else { return nil }
            return .init(visitID: change.visitID.lowercased(), posted: move.posted, patient: day.visits[change.visitID]?.patientName ?? "Visit",
                         from: "\(clock(change.fromStart)) \(name(change.fromClinicianID))", to: "\(clock(change.toStart)) \(name(change.toClinicianID))")
        }
        let unplaced = plan.unplaced.map { DayPlanPage.Unplaced(patient: day.visits[$0.visitID]?.patientName ?? "Visit", reason: $0.reason, mustDo: $0.mustDo) }
        return DayPlanPage.Proposal(
            heading: "Plan for \(proposal.ask.date)\(proposal.ask.team.map { ", team \($0)" } ?? ", whole agency")"
                + (proposal.ask.out.isEmpty ? "" : ", without \(proposal.ask.out.map { name($0.uuidString) }.sorted().joined(separator: " and ")) (called out)"),
            facts: facts(proposal, name: name), routes: routes, map: DayPlanMap(routes: mapRoutes), changes: changes, unplaced: unplaced,
            violations: proposal.violations, applyAction: SiteURL.schedulePlanApply.path, date: proposal.ask.date.description,
            team: proposal.ask.team ?? "", seconds: String(proposal.ask.seconds), out: proposal.ask.out.map(\.uuidString).sorted())
    }

    static func facts(_ proposal: DayPlanning.Proposal, name: (String?) -> String) -> [DayPlanPage.Fact] {
        let plan = proposal.plan, comparison = proposal.comparison, total = proposal.day.request.visits.count
        let placed = plan.routes.reduce(0) { $0 + $1.stops.count }
        let reassigned = comparison.changes.count { $0.changesClinician }
        let over = comparison.overHours.sorted { $0.key < $1.key }.map { "\(name($0.key)) \($0.value) min" }
        return [
            .init(label: "Visits", value: "\(placed) of \(total) placed for \(plan.routes.count) clinicians; \(plan.unplaced.count) cannot be placed", id: "plan-visits"),
            .init(label: "Changes", value: "\(comparison.changes.count) visits change: \(reassigned) to another clinician, \(comparison.changes.count - reassigned) to another time",
                  id: "plan-changes"),
            .init(label: "Driving", value: "\(comparison.todayDriveMinutes) min today, \(comparison.plannedDriveMinutes) min planned: "
                  + (comparison.driveMinutesSaved >= 0 ? "\(comparison.driveMinutesSaved) min saved" : "\(-comparison.driveMinutesSaved) min more"), id: "plan-driving"),
            .init(label: "Continuity", value: "\(comparison.plannedFamiliar) of \(placed) visits by a clinician the patient knows (today \(comparison.todayFamiliar) of \(total))",
                  id: "plan-continuity"),
            .init(label: "Over hours", value: over.isEmpty ? "No one" : over.joined(separator: ", "), id: "plan-over-hours"),
            .init(label: "Cost", value: plan.cost.explanation + "; \(plan.iterations) improvement rounds in \(proposal.ask.seconds) s or less", id: "plan-cost"),
        ]
    }
}
