import Foundation

/// A signed OASIS assessment the agency must transmit to CMS "within 30 days of completing the assessment"
/// [42 CFR 484.45(a)]. A correction (an amended assessment) is a new version with its own transmission.
public struct OASISAssessment: Sendable, Equatable {
    /// The signed version's id; a submission record names it.
    public var id: String
    public var kind: AssessmentKind
    /// The day the assessment was completed (signed, M0090), day 0 of the 30.
    public var completedOn: CalendarDate
    /// The id of the version this one corrects, when it is a correction.
    public var corrects: String?
    /// How a person names it: "the discharge assessment of 2026-11-25 signed by Ana Ruiz".
    public var label: String

    public init(id: String, kind: AssessmentKind, completedOn: CalendarDate, corrects: String? = nil, label: String) {
        self.id = id
        self.kind = kind
        self.completedOn = completedOn
        self.corrects = corrects
        self.label = label
    }
}

/// What the agency recorded about one transmission of an OASIS assessment to CMS (iQIES).
public struct OASISSubmission: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Sent; CMS has not answered yet. It does not meet the deadline until accepted.
        case submitted
        case accepted
        /// Refused by CMS (a fatal edit); the assessment stays owed until corrected and accepted.
        case rejected

        public var title: String {
            switch self {
            case .submitted: "Submitted"
            case .accepted: "Accepted"
            case .rejected: "Rejected"
            }
        }
    }

    /// The assessment version submitted (`OASISAssessment.id`).
    public var assessmentID: String
    public var status: Status
    /// The day it was submitted (for accepted: the day of the accepted transmission) or rejected.
    public var on: CalendarDate
    /// Why CMS rejected it (required for a rejection).
    public var reason: String?

    public init(assessmentID: String, status: Status, on: CalendarDate, reason: String? = nil) {
        self.assessmentID = assessmentID
        self.status = status
        self.on = on
        self.reason = reason
    }

    /// Why the record cannot be saved, or nil; a rejection without its reason leaves nobody able to correct it.
    public func problem(completedOn: CalendarDate, today: CalendarDate) -> (field: String, message: String)? {
        if on > today { return ("on", "The date cannot be in the future; record the submission when it happens.") }
        if on < completedOn { return ("on", "The date cannot be before the assessment was signed (\(completedOn)).") }
        if status == .rejected && (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return ("reason", "Give the reason CMS gave for the rejection (the fatal edit), so it can be corrected.")
        }
        return nil
    }

    /// The compliance record an accepted transmission is: it meets that assessment's submission deadline.
    public var record: ComplianceRecord? {
        guard status == .accepted else { return nil }
        return ComplianceRecord(id: "oasis-submission:\(assessmentID):\(on)", kind: .oasisAccepted, date: on, subject: assessmentID,
                                label: "the transmission accepted by CMS on \(on)")
    }
}

extension OASISSubmission {
    /// The submission history of one assessment in words, for the "why is this due" text: "Submitted 2026-11-26;
    /// rejected 2026-11-27 (fatal edit 3060: M0090 date out of range); it stays owed until corrected and accepted."
    public static func history(_ submissions: [OASISSubmission]) -> String? {
        guard !submissions.isEmpty else { return nil }
        let steps = submissions.map { item in
            "\(item.status.title.lowercased()) \(item.on)" + (item.reason.map { " (\($0))" } ?? "")
        }
        let last = submissions.last!.status
        let tail = switch last {
        case .rejected: "; a rejected submission stays owed until it is corrected and accepted"
        case .submitted: "; it counts once CMS accepts it"
        case .accepted: ""
        }
        let text = steps.joined(separator: "; ") + tail + "."
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
