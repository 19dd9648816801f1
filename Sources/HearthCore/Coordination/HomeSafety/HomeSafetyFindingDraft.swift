import Foundation

/// The finding form for one hazard, as typed; `problems` answers by field, `finding` builds the checked finding.
public struct HomeSafetyFindingDraft: Sendable, Equatable {
    public var itemID: String
    public var severity: String
    public var modification: String
    public var responsible: String
    public var responsibleName: String
    public var followUpOn: String
    public var note: String

    public init(itemID: String, severity: String, modification: String, responsible: String, responsibleName: String = "",
                followUpOn: String, note: String = "") {
        self.itemID = itemID.trimmed
        self.severity = severity.trimmed.lowercased()
        self.modification = modification.trimmed
        self.responsible = responsible.trimmed
        self.responsibleName = responsibleName.trimmed
        self.followUpOn = followUpOn.trimmed
        self.note = note.trimmed
    }

    /// Problems by field name; empty when the finding can be saved.
    public func problems(in checklist: HomeSafetyChecklist, today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if checklist.item(itemID) == nil { problems["itemID"] = "This hazard is not on the checklist; reload the evaluation." }
        if HazardSeverity(rawValue: severity) == nil { problems["severity"] = "Choose low, moderate or high." }
        if modification.isEmpty { problems["modification"] = "Say what should change, e.g. install grab bars by the toilet." }
        if modification.count > 500 { problems["modification"] = "Use at most 500 characters." }
        let party = Self.party(responsible)
        if party == nil {
            problems["responsible"] = "Choose who will make the change: patient, family, agency, landlord, DME vendor or other."
        }
        if party == .other && responsibleName.isEmpty { problems["responsibleName"] = "Name who is responsible." }
        if responsibleName.count > 120 { problems["responsibleName"] = "Use at most 120 characters." }
        if let day = CalendarDate(followUpOn) {
            if day < today { problems["followUpOn"] = "The follow-up date is in the past. Choose today or a later day." }
        } else {
            problems["followUpOn"] = "Enter the follow-up date as YYYY-MM-DD."
        }
        if note.count > 500 { problems["note"] = "Use at most 500 characters." }
        return problems
    }

    /// The checked, open finding; nil while there are problems.
    public func finding(id: String, in checklist: HomeSafetyChecklist, foundOn: CalendarDate, today: CalendarDate) -> HomeSafetyFinding? {
        guard problems(in: checklist, today: today).isEmpty, let item = checklist.item(itemID), let party = Self.party(responsible),
              let day = CalendarDate(followUpOn) else { return nil }
        return try? HomeSafetyFinding(id: id, item: item, foundOn: foundOn, severity: HazardSeverity(rawValue: severity),
                                      modification: modification, responsible: party, responsibleName: responsibleName.nonEmpty,
                                      followUpOn: day, note: note.nonEmpty, today: today)
    }

    /// A party by raw value or title, in any case ("dme_vendor" or "DME vendor").
    static func party(_ text: String) -> ResponsibleParty? {
        let text = text.lowercased()
        return ResponsibleParty.allCases.first { $0.rawValue == text || $0.title.lowercased() == text }
    }
}
