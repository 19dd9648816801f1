import Foundation

/// The clinician's answer to one checklist question.
public enum HomeSafetyAnswer: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Yes": nothing to fix here.
    case safe
    /// "No": the hazard is present and becomes a finding.
    case hazard
    /// Does not apply to this home (no stairs, no oxygen).
    case notApplicable = "not_applicable"

    public var title: String {
        switch self {
        case .safe: "Safe"
        case .hazard: "Hazard"
        case .notApplicable: "Not applicable"
        }
    }
}

/// A room-by-room walk-through of one home on one day: an answer per checklist item, a note per item and per room.
public struct HomeSafetyEvaluation: Sendable, Hashable, Codable {
    public var checklistVersion: String
    public var evaluatedOn: CalendarDate
    /// Answer by item id.
    public var answers: [String: HomeSafetyAnswer]
    /// What the clinician saw, by item id: "rug in hallway outside the bedroom".
    public var itemNotes: [String: String]
    /// A note per room or area, by area raw value: "bathroom on second floor only".
    public var roomNotes: [String: String]

    public init(checklistVersion: String, evaluatedOn: CalendarDate, answers: [String: HomeSafetyAnswer] = [:],
                itemNotes: [String: String] = [:], roomNotes: [String: String] = [:]) {
        self.checklistVersion = checklistVersion
        self.evaluatedOn = evaluatedOn
        self.answers = answers
        self.itemNotes = itemNotes.mapValues(\.trimmed).filter { !$0.value.isEmpty }
        self.roomNotes = roomNotes.mapValues(\.trimmed).filter { !$0.value.isEmpty }
    }

    /// Sets one answer (and its note) by item id.
    public mutating func answer(_ itemID: String, _ answer: HomeSafetyAnswer, note: String = "") {
        answers[itemID] = answer
        itemNotes[itemID] = note.trimmed.nonEmpty
    }

    /// Marks every item of an area not applicable (no stairs, no oxygen in the home), with the reason as the room note.
    public mutating func markNotApplicable(_ area: HomeSafetyArea, in checklist: HomeSafetyChecklist, note: String = "") {
        for item in checklist.items(in: area) { answers[item.id] = .notApplicable }
        if let note = note.trimmed.nonEmpty { roomNotes[area.rawValue] = note }
    }

    /// Problems by form field ("answers.<item id>", "roomNotes.<area>", "itemNotes.<item id>"); empty when the evaluation is complete.
    public func problems(against checklist: HomeSafetyChecklist, today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if evaluatedOn > today { problems["evaluatedOn"] = "The evaluation date cannot be in the future." }
        for item in checklist.items where answers[item.id] == nil {
            problems["answers.\(item.id)"] = "Answer safe, hazard or not applicable."
        }
        for id in answers.keys where checklist.item(id) == nil {
            problems["answers.\(id)"] = "This question is not on the current checklist; reload the form and answer again."
        }
        for (id, answer) in answers where answer == .hazard && (itemNotes[id] ?? "").isEmpty && checklist.item(id) != nil {
            problems["itemNotes.\(id)"] = "Say where and what you saw, so the next clinician can find it."
        }
        for (key, note) in itemNotes where note.count > 500 { problems["itemNotes.\(key)"] = "Use at most 500 characters." }
        for (key, note) in roomNotes {
            if HomeSafetyArea(rawValue: key) == nil { problems["roomNotes.\(key)"] = "Choose one of the checklist's rooms." }
            if note.count > 1000 { problems["roomNotes.\(key)"] = "Use at most 1,000 characters." }
        }
        return problems
    }

    /// Checklist items answered "hazard", most severe first, then in walk-through order.
    public func hazards(in checklist: HomeSafetyChecklist) -> [HomeSafetyItem] {
        let found = checklist.items.filter { answers[$0.id] == .hazard }
        return found.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// One finding form per hazard, filled in with the checklist's severity and modification and a follow-up date
    /// by severity; the clinician chooses who is responsible and may change the rest.
    public func findingDrafts(in checklist: HomeSafetyChecklist) -> [HomeSafetyFindingDraft] {
        hazards(in: checklist).map { item in
            HomeSafetyFindingDraft(itemID: item.id, severity: item.severity.rawValue, modification: item.modification,
                                   responsible: "", followUpOn: evaluatedOn.adding(days: item.severity.followUpDays).description,
                                   note: itemNotes[item.id] ?? "")
        }
    }

    /// Counts by answer, for the evaluation's header: "49 items: 41 safe, 5 hazards, 3 not applicable".
    public func counts(in checklist: HomeSafetyChecklist) -> [HomeSafetyAnswer: Int] {
        checklist.items.reduce(into: [:]) { counts, item in
            if let answer = answers[item.id] { counts[answer, default: 0] += 1 }
        }
    }
}
