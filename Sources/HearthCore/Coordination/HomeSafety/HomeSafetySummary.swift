import Foundation

/// What is still open in a home on a given day, for the chart header and the visit note.
public struct HomeSafetySummary: Sendable, Equatable {
    public var day: CalendarDate
    /// Open findings, most severe first, then by follow-up date.
    public var open: [HomeSafetyFinding]
    /// Open findings whose follow-up day has passed, oldest follow-up first.
    public var overdue: [HomeSafetyFinding]
    public var resolvedCount: Int
    public var acceptedRiskCount: Int

    public init(findings: [HomeSafetyFinding], on day: CalendarDate) {
        self.day = day
        open = findings.filter { $0.state == .open }.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : (a.followUpOn, a.id) < (b.followUpOn, b.id)
        }
        overdue = open.filter { $0.isOverdue(on: day) }.sorted { ($0.followUpOn, $0.id) < ($1.followUpOn, $1.id) }
        resolvedCount = findings.count { $0.state == .resolved }
        acceptedRiskCount = findings.count { $0.state == .acceptedRisk }
    }

    /// Open findings by severity.
    public var openBySeverity: [HazardSeverity: Int] { open.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 } }

    /// One line for the chart: "3 open hazards (2 high, 1 moderate); 1 overdue: Loose throw rugs (follow-up was 2026-03-02)."
    public var headline: String {
        guard !open.isEmpty else {
            return resolvedCount + acceptedRiskCount == 0 ? "No home hazards recorded." : "No open home hazards."
        }
        let counts = HazardSeverity.allCases.reversed().compactMap { severity in
            openBySeverity[severity].map { "\($0) \(severity.rawValue)" }
        }.joined(separator: ", ")
        var text = "\(open.count) open hazard\(open.count == 1 ? "" : "s") (\(counts))"
        if !overdue.isEmpty {
            let names = overdue.map { "\($0.hazard) (follow-up was \($0.followUpOn))" }.joined(separator: "; ")
            text += "; \(overdue.count) overdue: \(names)"
        }
        return text + "."
    }

    /// The care-plan problem these findings call for, or nil when no moderate or high hazard is open.
    public var carePlanProblem: HomeSafetyProblemSuggestion? { HomeSafetyProblemSuggestion(open: open, on: day) }
}

/// A "Home safety / fall risk" problem for the care plan, with a goal to suggest, built from open moderate and high findings.
public struct HomeSafetyProblemSuggestion: Sendable, Equatable {
    /// Same code as the comprehensive assessment's "home-safety" finding, so the plan holds one problem, not two.
    public static let problemCode = "home-safety"
    public static let title = "Home safety / fall risk"

    public var problem: CarePlanProblem
    /// "Home hazards are removed or modified", measured by the open findings resolved, by the latest follow-up date.
    public var goalWhat: String
    public var goalMeasure: String
    public var goalTargetDate: CalendarDate
    /// The hazards behind the suggestion, for the reason shown beside it.
    public var hazards: [String]

    init?(open: [HomeSafetyFinding], on day: CalendarDate) {
        let serious = open.filter { $0.severity >= .moderate }
        guard !serious.isEmpty else { return nil }
        problem = CarePlanProblem(id: Self.problemCode, title: Self.title,
                                  source: .finding(code: Self.problemCode, instrumentID: "home-safety-checklist"))
        let high = serious.count { $0.severity == .high }, moderate = serious.count - high
        let parts = [high > 0 ? "\(high) high" : nil, moderate > 0 ? "\(moderate) moderate" : nil].compactMap { $0 }
        goalWhat = "Patient and caregiver live in a home with the identified fall and safety hazards removed or modified"
        goalMeasure = "\(parts.joined(separator: " and ")) hazard\(serious.count == 1 ? "" : "s") resolved, or the risk accepted "
            + "with the patient's informed choice; no falls at home"
        goalTargetDate = max(day, serious.map(\.followUpOn).max()!)
        // In walk-through order, so the reason reads the same however the database returns findings saved together.
        let walk = Dictionary(uniqueKeysWithValues: HomeSafetyArea.allCases.enumerated().map { ($1, $0) })
        hazards = serious.sorted { (walk[$0.area] ?? 0, $0.hazard) < (walk[$1.area] ?? 0, $1.hazard) }.map(\.hazard)
    }

    /// The suggested goal, ready to add to the plan under this problem.
    public func goal(id: String) -> CarePlanGoal {
        CarePlanGoal(id: id, problemID: problem.id, what: goalWhat, measure: goalMeasure, targetDate: goalTargetDate)
    }
}
