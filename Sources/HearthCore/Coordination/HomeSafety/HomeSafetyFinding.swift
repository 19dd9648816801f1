import Foundation

/// Who is expected to make the change.
public enum ResponsibleParty: String, Sendable, Hashable, Codable, CaseIterable {
    case patient, family, agency, landlord
    /// The durable medical equipment supplier (grab bars, shower chair, oxygen).
    case dmeVendor = "dme_vendor"
    case other

    public var title: String {
        switch self {
        case .patient: "Patient"
        case .family: "Family or caregiver"
        case .agency: "Agency"
        case .landlord: "Landlord"
        case .dmeVendor: "DME vendor"
        case .other: "Other"
        }
    }
}

/// Where a hazard stands: open until fixed, or kept with the patient's informed choice.
public enum HomeSafetyFindingState: String, Sendable, Hashable, Codable, CaseIterable {
    case open, resolved
    /// The patient (or decision maker) chose to keep things as they are, after the risk was explained.
    case acceptedRisk = "accepted_risk"

    public var title: String {
        switch self {
        case .open: "Open"
        case .resolved: "Resolved"
        case .acceptedRisk: "Risk accepted"
        }
    }
}

/// How a finding was closed: what was done (and what a photo shows), or why the patient keeps the risk.
public struct HomeSafetyClosure: Sendable, Hashable, Codable {
    public var on: CalendarDate
    public var by: String
    /// What was done, or the patient's reason for keeping the risk.
    public var note: String
    /// What a photo taken at the visit shows ("grab bar installed left of toilet"); the app stores the image.
    public var photoDescription: String?

    public init(on: CalendarDate, by: String, note: String, photoDescription: String? = nil) {
        self.on = on
        self.by = by
        self.note = note
        self.photoDescription = photoDescription
    }
}

/// A hazard found in the home, tracked until resolved or the risk is accepted.
/// Every refused change throws and leaves the finding exactly as it was.
public struct HomeSafetyFinding: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let itemID: String
    public let area: HomeSafetyArea
    /// The checklist's hazard wording: "Loose throw rugs".
    public let hazard: String
    public let foundOn: CalendarDate
    public private(set) var severity: HazardSeverity
    public private(set) var modification: String
    public private(set) var responsible: ResponsibleParty
    /// The person or company: "daughter Maria", "Oak Street Apartments", "Acme Medical Supply".
    public private(set) var responsibleName: String?
    public private(set) var followUpOn: CalendarDate
    /// What the clinician saw: "rug in hallway outside the bedroom".
    public private(set) var note: String?
    public private(set) var state: HomeSafetyFindingState
    public private(set) var closure: HomeSafetyClosure?

    /// A new open finding; the follow-up date may not be before `today`.
    public init(id: String, item: HomeSafetyItem, foundOn: CalendarDate, severity: HazardSeverity? = nil, modification: String? = nil,
                responsible: ResponsibleParty, responsibleName: String? = nil, followUpOn: CalendarDate, note: String? = nil,
                today: CalendarDate) throws(HomeSafetyFindingError) {
        guard followUpOn >= today else { throw .followUpInPast(followUpOn) }
        let modification = (modification ?? item.modification).trimmed
        guard !modification.isEmpty else { throw .modificationRequired }
        guard responsible != .other || !(responsibleName ?? "").trimmed.isEmpty else { throw .responsibleNameRequired }
        self.init(restoring: id, itemID: item.id, area: item.area, hazard: item.hazard, foundOn: foundOn, severity: severity ?? item.severity,
                  modification: modification, responsible: responsible, responsibleName: responsibleName?.trimmed.nonEmpty,
                  followUpOn: followUpOn, note: note?.trimmed.nonEmpty, state: .open, closure: nil)
    }

    /// Rebuilds a finding from storage as it was saved.
    public init(restoring id: String, itemID: String, area: HomeSafetyArea, hazard: String, foundOn: CalendarDate, severity: HazardSeverity,
                modification: String, responsible: ResponsibleParty, responsibleName: String?, followUpOn: CalendarDate, note: String?,
                state: HomeSafetyFindingState, closure: HomeSafetyClosure?) {
        self.id = id
        self.itemID = itemID
        self.area = area
        self.hazard = hazard
        self.foundOn = foundOn
        self.severity = severity
        self.modification = modification
        self.responsible = responsible
        self.responsibleName = responsibleName
        self.followUpOn = followUpOn
        self.note = note
        self.state = state
        self.closure = closure
    }

    /// Open and its follow-up day has passed.
    public func isOverdue(on day: CalendarDate) -> Bool { state == .open && followUpOn < day }

    /// Moves the follow-up to a new day (the landlord needs another week); only while open, never into the past.
    public mutating func reschedule(to day: CalendarDate, today: CalendarDate) throws(HomeSafetyFindingError) {
        guard state == .open else { throw .notOpen(state) }
        guard day >= today else { throw .followUpInPast(day) }
        followUpOn = day
    }

    /// Changes who is responsible or the recommended modification while the finding is open.
    public mutating func reassign(to party: ResponsibleParty, name: String? = nil, modification: String? = nil) throws(HomeSafetyFindingError) {
        guard state == .open else { throw .notOpen(state) }
        guard party != .other || !(name ?? "").trimmed.isEmpty else { throw .responsibleNameRequired }
        if let modification {
            guard !modification.trimmed.isEmpty else { throw .modificationRequired }
            self.modification = modification.trimmed
        }
        responsible = party
        responsibleName = name?.trimmed.nonEmpty
    }

    /// The hazard is fixed: say what was done; a photo description is optional.
    public mutating func resolve(note: String, photoDescription: String = "", on day: CalendarDate, by person: String) throws(HomeSafetyFindingError) {
        guard state == .open else { throw .notOpen(state) }
        guard !note.trimmed.isEmpty else { throw .resolutionNoteRequired }
        guard day >= foundOn else { throw .closedBeforeFound(foundOn) }
        closure = HomeSafetyClosure(on: day, by: person, note: note.trimmed, photoDescription: photoDescription.trimmed.nonEmpty)
        state = .resolved
    }

    /// The patient keeps the hazard after the risk was explained: record their reason.
    public mutating func acceptRisk(reason: String, on day: CalendarDate, by person: String) throws(HomeSafetyFindingError) {
        guard state == .open else { throw .notOpen(state) }
        guard !reason.trimmed.isEmpty else { throw .acceptanceReasonRequired }
        guard day >= foundOn else { throw .closedBeforeFound(foundOn) }
        closure = HomeSafetyClosure(on: day, by: person, note: reason.trimmed)
        state = .acceptedRisk
    }
}

/// Why a change to a finding was refused; the finding was left unchanged.
public enum HomeSafetyFindingError: Error, Sendable, Equatable, CustomStringConvertible {
    case followUpInPast(CalendarDate)
    case modificationRequired
    case responsibleNameRequired
    case notOpen(HomeSafetyFindingState)
    case resolutionNoteRequired
    case acceptanceReasonRequired
    case closedBeforeFound(CalendarDate)

    public var description: String {
        switch self {
        case .followUpInPast(let day): "The follow-up date \(day) is in the past. Choose today or a later day."
        case .modificationRequired: "Say what should change to remove the hazard, e.g. install grab bars by the toilet."
        case .responsibleNameRequired: "Name who is responsible when you choose 'other'."
        case .notOpen(let state): "This finding is already \(state.title.lowercased()); record a new finding if the hazard is back."
        case .resolutionNoteRequired: "Say what was done to fix the hazard (and describe any photo taken)."
        case .acceptanceReasonRequired: "Record the patient's reason for keeping the risk, and that the risk was explained."
        case .closedBeforeFound(let day): "The finding was recorded on \(day); it cannot be closed on an earlier day."
        }
    }
}
