/// A care-plan form that cannot be saved yet, with one message per field (the form shows each beside its field).
public struct CarePlanFormError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String: String]

    public init(_ problems: [String: String]) {
        self.problems = problems
    }

    public var description: String { problems.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ") }
}

/// A problem as a case manager adds it: typed by hand, or taken from an assessment finding.
public struct ProblemDraft: Sendable, Equatable {
    public var title: String
    public var source: CarePlanProblem.Source

    public init(title: String) {
        self.title = title.trimmed
        source = .manual
    }

    /// The problem an assessment suggested ("PHQ-9 total 14 ≥ 10" → depression risk).
    public init(finding: AssessmentFinding) {
        title = finding.title.trimmed
        source = .finding(code: finding.problem, instrumentID: finding.instrumentID)
    }

    public var problems: [String: String] {
        if title.isEmpty { return ["title": "Name the problem, for example 'Risk for falls'."] }
        if title.count > 200 { return ["title": "Use at most 200 characters."] }
        return [:]
    }

    public func problem(id: String) throws(CarePlanFormError) -> CarePlanProblem {
        guard problems.isEmpty else { throw CarePlanFormError(problems) }
        return CarePlanProblem(id: id, title: title, source: source)
    }
}

/// A goal as typed: what, how it is measured, the target date (required) and the problem it serves.
public struct GoalDraft: Sendable, Equatable {
    public var problemID: String
    public var what: String
    public var measure: String
    public var typedTargetDate: String
    public var targetDate: CalendarDate?

    public init(problemID: String, what: String, measure: String, targetDate: String) {
        self.problemID = problemID.trimmed
        self.what = what.trimmed
        self.measure = measure.trimmed
        typedTargetDate = targetDate.trimmed
        self.targetDate = CalendarDate(typedTargetDate)
    }

    /// Problems by field; `problemIDs` are the plan's problems, `period` the certification period it covers.
    public func problems(in period: CertificationPeriod, problemIDs: Set<String>) -> [String: String] {
        var problems: [String: String] = [:]
        if !problemIDs.contains(problemID) { problems["problemID"] = "Choose the problem this goal addresses." }
        if what.isEmpty { problems["what"] = "Say what the patient will achieve, for example 'Walks to the mailbox with a walker'." }
        if measure.isEmpty {
            problems["measure"] = "Say how you will know it is met: a target value (blood pressure under 140/90) "
                + "or something the patient will do (names 3 signs of low blood sugar)."
        }
        for (key, value) in [("what", what), ("measure", measure)] where value.count > 500 { problems[key] = "Use at most 500 characters." }
        if typedTargetDate.isEmpty {
            problems["targetDate"] = "Every goal needs a target date: enter one by \(period.end) (YYYY-MM-DD)."
        } else if let targetDate {
            if let problem = CarePlanGoal.targetDateProblem(targetDate, in: period) { problems["targetDate"] = problem }
        } else {
            problems["targetDate"] = "Enter the target date as YYYY-MM-DD, for example \(period.end)."
        }
        return problems
    }

    public func goal(id: String, in period: CertificationPeriod, problemIDs: Set<String>) throws(CarePlanFormError) -> CarePlanGoal {
        let problems = problems(in: period, problemIDs: problemIDs)
        guard problems.isEmpty, let targetDate else { throw CarePlanFormError(problems) }
        return CarePlanGoal(id: id, problemID: problemID, what: what, measure: measure, targetDate: targetDate)
    }
}

/// An intervention as typed: discipline code, what is done, frequency in agency notation and the PRN trigger.
public struct InterventionDraft: Sendable, Equatable {
    public var problemID: String
    public var typedDiscipline: String
    public var discipline: Discipline?
    public var action: String
    public var typedFrequency: String
    public var prnTrigger: String

    public init(discipline: String, action: String, frequency: String, prnTrigger: String = "", problemID: String = "") {
        typedDiscipline = discipline.trimmed
        self.discipline = Discipline(code: typedDiscipline)
        self.action = action.trimmed
        typedFrequency = frequency.trimmed
        self.prnTrigger = prnTrigger.trimmed
        self.problemID = problemID.trimmed
    }

    /// Problems by field. `startDay` is the day of the period the frequency starts (1 for a plan of care;
    /// later for an interim order). An empty `problemID` is allowed (an order may serve the whole plan).
    public func problems(startingOnDay startDay: Int = 1, problemIDs: Set<String>) -> [String: String] {
        var problems: [String: String] = [:]
        if discipline == nil { problems["discipline"] = "Choose a discipline: SN, PT, OT, SLP, MSW or HHA." }
        if !problemID.isEmpty && !problemIDs.contains(problemID) { problems["problemID"] = "Choose one of the plan's problems." }
        if action.isEmpty { problems["action"] = "Say what will be done, for example 'Teach heart-failure self-care and daily weights'." }
        if action.count > 1000 { problems["action"] = "Use at most 1000 characters." }
        switch frequency() {
        case .failure(let error):
            problems["frequency"] = error.description
        case .success(let frequency):
            if let problem = frequency.problem(startingOnDay: startDay) { problems["frequency"] = problem.description }
            if let problem = PRNTrigger.problem(prnTrigger, frequency: frequency) { problems["prnTrigger"] = problem }
        }
        return problems
    }

    public func intervention(id: String, startingOnDay startDay: Int = 1,
                             problemIDs: Set<String>) throws(CarePlanFormError) -> CarePlanIntervention {
        let problems = problems(startingOnDay: startDay, problemIDs: problemIDs)
        guard problems.isEmpty, let discipline, case .success(let frequency) = frequency() else { throw CarePlanFormError(problems) }
        return CarePlanIntervention(id: id, problemID: problemID.isEmpty ? nil : problemID, discipline: discipline,
                                    action: action, frequency: frequency, prnTrigger: prnTrigger.isEmpty ? nil : prnTrigger)
    }

    private func frequency() -> Result<VisitFrequency, FrequencyParseError> {
        Result { () throws(FrequencyParseError) in try VisitFrequency(parsing: typedFrequency) }
    }
}

/// The patient's and family's input as typed: their goals, preferences, and who agreed to the plan and when.
public struct PatientInputDraft: Sendable, Equatable {
    public var ownGoals: String
    public var preferences: String
    public var agreedBy: String
    public var relationship: String
    public var typedAgreedOn: String

    public init(ownGoals: String, preferences: String, agreedBy: String = "", relationship: String = "", agreedOn: String = "") {
        self.ownGoals = ownGoals.trimmed
        self.preferences = preferences.trimmed
        self.agreedBy = agreedBy.trimmed
        self.relationship = relationship.trimmed
        typedAgreedOn = agreedOn.trimmed
    }

    /// Problems by field: an agreement needs who, their relationship and the day, not in the future.
    public func problems(today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        for (key, value) in [("ownGoals", ownGoals), ("preferences", preferences)] where value.count > 2000 {
            problems[key] = "Use at most 2000 characters."
        }
        let agreementTyped = !agreedBy.isEmpty || !relationship.isEmpty || !typedAgreedOn.isEmpty
        guard agreementTyped else { return problems }
        if agreedBy.isEmpty { problems["agreedBy"] = "Say who agreed to the plan." }
        if relationship.isEmpty { problems["relationship"] = "Say who they are to the patient: patient, daughter, health care proxy…" }
        if let day = CalendarDate(typedAgreedOn) {
            if day > today { problems["agreedOn"] = "The agreement date cannot be in the future." }
        } else {
            problems["agreedOn"] = "Enter the day they agreed as YYYY-MM-DD, for example \(today)."
        }
        return problems
    }

    /// The input with this draft applied; an agreement is added to the earlier ones, never replacing them.
    public func applied(to input: PatientFamilyInput, today: CalendarDate) throws(CarePlanFormError) -> PatientFamilyInput {
        let problems = problems(today: today)
        guard problems.isEmpty else { throw CarePlanFormError(problems) }
        var input = input
        input.ownGoals = ownGoals
        input.preferences = preferences
        if !agreedBy.isEmpty, let day = CalendarDate(typedAgreedOn) {
            input.agreements.append(.init(name: agreedBy, relationship: relationship, on: day))
        }
        return input
    }
}
