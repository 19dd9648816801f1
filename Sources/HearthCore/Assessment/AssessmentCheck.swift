import Foundation

/// How far a section of the tablet form has got.
public struct SectionProgress: Sendable, Equatable {
    public var sectionID: String
    public var title: String
    /// Items asked given the answers so far (hidden follow-up questions are not counted).
    public var asked: Int
    public var answered: Int
    public var required: Int
    public var requiredAnswered: Int

    public var isComplete: Bool { requiredAnswered == required }
}

extension InstrumentDefinition {
    /// Ids of the items asked given these answers: an item is asked when it has no condition, or when the
    /// item its condition names is itself asked and answered so that the condition holds.
    public func visibleItemIDs(given answers: AssessmentAnswers) -> Set<String> {
        var visible: Set<String> = []
        for item in items {
            guard let condition = item.showWhen else { visible.insert(item.id); continue }
            if let target = condition.item, visible.contains(target), condition.isMet(by: answers[target]) {
                visible.insert(item.id)
            }
        }
        return visible
    }

    /// The items to show, in form order.
    public func visibleItems(given answers: AssessmentAnswers) -> [InstrumentItem] {
        let visible = visibleItemIDs(given: answers)
        return items.filter { visible.contains($0.id) }
    }

    /// What is wrong with the answers, by item id, with what to do. At signing, unanswered required questions count too.
    public func problems(_ answers: AssessmentAnswers, forSigning: Bool) -> [String: String] {
        let visible = visibleItemIDs(given: answers)
        var problems: [String: String] = [:]
        for (itemID, answer) in answers.values {
            guard let item = item(itemID) else {
                problems[itemID] = "This is not a question of \(title); clear it."
                continue
            }
            if !visible.contains(itemID) {
                problems[itemID] = "Answered but not asked (it depends on “\(dependency(of: item))”): clear it."
            } else if let problem = item.problem(with: answer) {
                problems[itemID] = problem
            }
        }
        if forSigning {
            for item in items where item.required && visible.contains(item.id) && !answers.hasAnswer(item.id) {
                problems[item.id] = "Answer this question before signing."
            }
        }
        return problems
    }

    /// Answered and required counts per section, for the progress bar and the review page.
    public func progress(_ answers: AssessmentAnswers) -> [SectionProgress] {
        let visible = visibleItemIDs(given: answers)
        return sections.map { section in
            let asked = section.items.filter { visible.contains($0.id) }
            let required = asked.filter(\.required)
            return SectionProgress(sectionID: section.id, title: section.title, asked: asked.count,
                                   answered: asked.filter { answers.hasAnswer($0.id) }.count,
                                   required: required.count, requiredAnswered: required.filter { answers.hasAnswer($0.id) }.count)
        }
    }

    private func dependency(of item: InstrumentItem) -> String {
        item.showWhen?.item.flatMap { self.item($0)?.name } ?? "an earlier answer"
    }
}

extension InstrumentItem {
    /// Why a stored answer cannot stand for this item, or nil when it can.
    public func problem(with answer: AssessmentAnswer) -> String? {
        guard answer.fits(type) else { return "This answer is the wrong kind for the question; answer it again." }
        switch answer {
        case .choice(let code):
            return option(code) == nil ? "“\(code)” is not one of the answers. \(Self.chooseFromList)" : nil
        case .choices(let codes):
            return codes.first { option($0) == nil }.map { "“\($0)” is not one of the answers. \(Self.chooseFromList)" }
        case .number(let value):
            return numberProblem(value)
        case .text(let text):
            return text.count > Self.maximumTextLength ? Self.textTooLong : nil
        case .date, .yesNo, .bodyAreas:
            return nil
        }
    }
}

extension AssessmentAnswers {
    /// Answered means something was entered: an empty list or blank text does not count.
    public func hasAnswer(_ itemID: String) -> Bool {
        switch values[itemID] {
        case nil: false
        case .choices(let codes)?: !codes.isEmpty
        case .bodyAreas(let areas)?: !areas.isEmpty
        case .text(let text)?: !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        default: true
        }
    }
}

extension InstrumentDefinition {
    /// A draft started on another version of this instrument, moved to this one: an answer is kept when this version
    /// still asks its question, accepts the answer, and asks it given the answers kept. The ids of the answers not kept
    /// are returned so the user can be told what to answer again.
    public func carryOver(_ answers: AssessmentAnswers) -> (kept: AssessmentAnswers, dropped: [String]) {
        var kept = AssessmentAnswers(answers.values.filter { itemID, answer in item(itemID).map { $0.problem(with: answer) == nil } ?? false })
        // Dropping an answer can hide the follow-up questions that depended on it: repeat until nothing changes.
        while true {
            let visible = visibleItemIDs(given: kept)
            let asked = kept.values.filter { visible.contains($0.key) }
            if asked.count == kept.values.count { break }
            kept = AssessmentAnswers(asked)
        }
        return (kept, answers.values.keys.filter { kept[$0] == nil }.sorted())
    }
}
