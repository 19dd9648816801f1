import Foundation

/// A problem the plan addresses: suggested by an assessment finding ("depression-risk" from a PHQ-9) or added by hand.
public struct CarePlanProblem: Sendable, Hashable, Codable, Identifiable {
    /// Where the problem came from.
    public enum Source: Sendable, Hashable, Codable {
        /// An assessment finding's problem code (`AssessmentFinding.problem`) and the instrument that found it.
        case finding(code: String, instrumentID: String)
        case manual
    }

    public var id: String
    public var title: String
    public var source: Source

    public init(id: String, title: String, source: Source = .manual) {
        self.id = id
        self.title = title
        self.source = source
    }
}

/// What a discipline does and how often: "SN: teach heart-failure self-care, 2w4, 1w5, 3prn".
public struct CarePlanIntervention: Sendable, Hashable, Codable, Identifiable {
    /// Stable across versions, so a diff matches an intervention to itself.
    public var id: String
    public var problemID: String?
    public var discipline: Discipline
    /// The ordered treatment or teaching, in the words printed on the plan of care.
    public var action: String
    public var frequency: VisitFrequency
    /// The signs or symptoms that call for a PRN visit; required when the frequency has a PRN cap [42 CFR 409.43(b)].
    public var prnTrigger: String?
    /// The day an interim order made this frequency effective; its weeks count from here. Nil for a frequency on the
    /// plan of care, whose weeks count from the certification period's first day.
    public var effectiveOn: CalendarDate?

    public init(id: String, problemID: String? = nil, discipline: Discipline, action: String, frequency: VisitFrequency,
                prnTrigger: String? = nil, effectiveOn: CalendarDate? = nil) {
        self.id = id
        self.problemID = problemID
        self.discipline = discipline
        self.action = action
        self.frequency = frequency
        self.prnTrigger = prnTrigger
        self.effectiveOn = effectiveOn
    }

    /// The first day of the frequency's week 1 in this period: the order's effective day, never before the period.
    public func frequencyStart(in period: CertificationPeriod) -> CalendarDate {
        effectiveOn.map { max($0, period.start) } ?? period.start
    }

    /// "SN 2w4, 1w5, 3prn": the discipline with its frequency, as a physician reads it.
    public var orderText: String { "\(discipline) \(frequency)" }
}

/// What the patient and family said and agreed to; the plan is made with them [42 CFR 484.60(a)(1); 484.50(c)(3)].
public struct PatientFamilyInput: Sendable, Hashable, Codable {
    /// One person's agreement to the plan, with the day it was given.
    public struct Agreement: Sendable, Hashable, Codable {
        public var name: String
        /// "patient", "daughter", "health care proxy".
        public var relationship: String
        public var on: CalendarDate

        public init(name: String, relationship: String, on: CalendarDate) {
            self.name = name
            self.relationship = relationship
            self.on = on
        }
    }

    /// The patient's goals in their own words: "I want to walk to church again".
    public var ownGoals: String
    /// Preferences the visits should respect: times, language, who is present, what they decline.
    public var preferences: String
    public var agreements: [Agreement]

    public init(ownGoals: String = "", preferences: String = "", agreements: [Agreement] = []) {
        self.ownGoals = ownGoals
        self.preferences = preferences
        self.agreements = agreements
    }

    public var isEmpty: Bool { ownGoals.isEmpty && preferences.isEmpty && agreements.isEmpty }
}

/// One version of an episode's care plan, stored as JSON by the app: problems → goals → interventions,
/// and the patient's and family's input. Each saved change is a new version (see `CarePlanHistory`).
public struct CarePlanContent: Sendable, Hashable, Codable {
    public var problems: [CarePlanProblem]
    public var goals: [CarePlanGoal]
    public var interventions: [CarePlanIntervention]
    public var patientInput: PatientFamilyInput

    public init(problems: [CarePlanProblem] = [], goals: [CarePlanGoal] = [], interventions: [CarePlanIntervention] = [],
                patientInput: PatientFamilyInput = .init()) {
        self.problems = problems
        self.goals = goals
        self.interventions = interventions
        self.patientInput = patientInput
    }

    public func problem(_ id: String) -> CarePlanProblem? { problems.first { $0.id == id } }
    public func goal(_ id: String) -> CarePlanGoal? { goals.first { $0.id == id } }
    public func intervention(_ id: String) -> CarePlanIntervention? { interventions.first { $0.id == id } }

    /// The goals of one problem, in plan order.
    public func goals(for problemID: String) -> [CarePlanGoal] { goals.filter { $0.problemID == problemID } }

    /// Problems with the whole plan that forms for single items cannot see, keyed by "goals.<id>.targetDate" and the like;
    /// empty when it can be saved. `period` is the certification period the plan covers.
    public func issues(in period: CertificationPeriod) -> [String: String] {
        var issues: [String: String] = [:]
        let problemIDs = Set(problems.map(\.id))
        for (kind, ids) in [("problems", problems.map(\.id)), ("goals", goals.map(\.id)), ("interventions", interventions.map(\.id))] {
            for id in Set(ids) where ids.count(where: { $0 == id }) > 1 {
                issues["\(kind).\(id)"] = "Two \(kind) share the id \(id); give each its own."
            }
        }
        for goal in goals {
            if !problemIDs.contains(goal.problemID) {
                issues["goals.\(goal.id).problemID"] = "This goal's problem is not on the plan. Choose one of the plan's problems."
            }
            if let problem = CarePlanGoal.targetDateProblem(goal.targetDate, in: period), goal.status.isInForce {
                issues["goals.\(goal.id).targetDate"] = problem
            }
        }
        for intervention in interventions {
            let key = "interventions.\(intervention.id)"
            if let problemID = intervention.problemID, !problemIDs.contains(problemID) {
                issues["\(key).problemID"] = "This intervention's problem is not on the plan. Choose one of the plan's problems."
            }
            if let problem = intervention.frequency.problem() { issues["\(key).frequency"] = problem.description }
            if let problem = PRNTrigger.problem(intervention.prnTrigger ?? "", frequency: intervention.frequency) {
                issues["\(key).prnTrigger"] = problem
            }
        }
        return issues
    }

    /// Scheduled visits for the period by discipline (range maxima count), for authorizations and the CMS-485.
    public var scheduledVisitsByDiscipline: [Discipline: VisitCount] {
        interventions.reduce(into: [:]) { totals, item in
            totals[item.discipline, default: .zero] = totals[item.discipline, default: .zero] + item.frequency.scheduledVisits
        }
    }

    /// The exact bytes the app stores and a signature hashes: JSON with sorted keys, so equal content gives equal bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public init(json: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: json)
    }
}

/// The PRN rule: a PRN cap needs the signs or symptoms that call for a visit, and a reason needs a cap
/// [42 CFR 409.43(b); Medicare Benefit Policy Manual ch. 7 §30.2.2].
public enum PRNTrigger {
    /// Words that say "when needed" without saying what the need is; a reviewer denies these visits.
    static let vague: Set<String> = ["prn", "as needed", "as necessary", "if needed", "when needed", "per patient request",
                                     "patient request", "any reason", "as ordered", "n/a", "na", "none", "see above"]

    /// Why the trigger is missing or not allowed for this frequency, or nil.
    public static func problem(_ trigger: String, frequency: VisitFrequency) -> String? {
        let trigger = trigger.trimmed
        if frequency.hasPRN {
            if trigger.isEmpty {
                return "PRN visits need the signs or symptoms that call for them, such as "
                    + "'pain above 7/10 not relieved by ordered medication' [42 CFR 409.43(b)]."
            }
            if vague.contains(trigger.lowercased().trimmingCharacters(in: .punctuationCharacters)) {
                return "'\(trigger)' does not say when to visit: name the signs or symptoms, such as 'Foley catheter blocked or leaking'."
            }
        } else if !trigger.isEmpty {
            return "There is a PRN reason but no PRN visits: add a cap to the frequency, such as 2prn, or clear the reason."
        }
        return nil
    }
}
