import Foundation

/// What a physician advisor (a UR committee member) decides about a stay referred to them.
public enum AdvisorDetermination: String, Sendable, Codable, CaseIterable {
    case medicallyNecessary = "necessary"
    /// The admission or continued stay is not medically necessary [42 CFR 482.30(d)].
    case notNecessary = "not_necessary"
    /// The inpatient admission was not necessary and the patient should be an outpatient in observation: condition code 44.
    case changeToObservation = "observation"

    public var title: String {
        switch self {
        case .medicallyNecessary: "Medically necessary"
        case .notNecessary: "Not medically necessary"
        case .changeToObservation: "Change status to observation (condition code 44)"
        }
    }

    /// A finding that the admission or continued stay is not medically necessary: the rules of 482.30(d) apply.
    public var isAdverse: Bool { self != .medicallyNecessary }
}

/// What the practitioner responsible for the patient's care said when consulted [42 CFR 482.30(d)(1)–(2)].
public enum AttendingView: String, Sendable, Codable, CaseIterable {
    case concurs
    /// Afforded the opportunity to present their views and did not.
    case didNotRespond = "did_not_respond"
    case disagrees
    case notConsulted = "not_consulted"

    public var title: String {
        switch self {
        case .concurs: "The attending concurs"
        case .didNotRespond: "The attending was asked and did not present views"
        case .disagrees: "The attending disagrees"
        case .notConsulted: "The attending has not been consulted yet"
        }
    }
}

/// A determination as the advisor submits it: who decides, the attending's view, and a second member when needed.
public struct DeterminationDraft: Sendable {
    public var outcome: AdvisorDetermination
    public var rationale: String
    public var attendingView: AttendingView
    public var deciding: URCommitteeMember
    public var second: URCommitteeMember?

    public init(outcome: AdvisorDetermination, rationale: String, attendingView: AttendingView, deciding: URCommitteeMember, second: URCommitteeMember? = nil) {
        self.outcome = outcome
        self.rationale = rationale
        self.attendingView = attendingView
        self.deciding = deciding
        self.second = second
    }

    /// Whether the second member takes part: only an adverse finding the attending disputes needs one [482.30(d)(1)(ii)].
    public var needsSecondMember: Bool { outcome == .notNecessary && attendingView == .disagrees }
}

/// The rules of a determination that an admission or continued stay is not medically necessary [42 CFR 482.30(d)].
public enum DeterminationRule {
    public static let citation = "42 CFR 482.30(d)"
    /// Days after the determination by which the written notice is given [482.30(d)(3)].
    public static let noticeDays = 2
    public static let noticeCitation = "42 CFR 482.30(d)(3)"

    /// Problems with recording `draft` on `stay`, keyed by form field; empty when it can be recorded.
    public static func problems(_ draft: DeterminationDraft, stay: InpatientStay, careTeam: StayCareTeam) -> [String: String] {
        var problems: [String: String] = [:]
        if let conflict = URCommitteeRule.conflict(draft.deciding, careTeam: careTeam) { problems["outcome"] = conflict }
        if draft.rationale.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            problems["rationale"] = "Write the rationale: what in the record supports the determination, and what does not."
        }
        if let second = draft.second {
            if second.id == draft.deciding.id {
                problems["secondMember"] = "The second member must be another member of the committee, not you."
            } else if let conflict = URCommitteeRule.conflict(second, careTeam: careTeam) {
                problems["secondMember"] = conflict
            }
        }
        guard draft.outcome.isAdverse else { return problems }
        if stay.isDischarged && draft.outcome == .changeToObservation {
            problems["outcome"] = "The patient has been discharged: condition code 44 is only possible before discharge [\(StayLifecycle.conditionCode44Citation)]. Record \"not medically necessary\" instead."
        } else if draft.outcome == .changeToObservation && stay.currentStatus != .inpatient {
            problems["outcome"] = "The patient is not an inpatient (\(stay.currentStatus.title.lowercased())): there is no admission to change. Choose another determination."
        }
        switch draft.attendingView {
        case .notConsulted:
            // "Before making a determination … the UR committee must consult the practitioner or practitioners responsible
            // for the care of the patient … and afford [them] the opportunity to present their views" [482.30(d)(2)].
            problems["attendingView"] = "Consult the attending first and give them the chance to present their views [\(citation)(2)]; then record what they said."
        case .disagrees where draft.outcome == .changeToObservation:
            problems["attendingView"] = "Condition code 44 needs the attending's concurrence [\(StayLifecycle.conditionCode44Citation)]: without it the patient stays inpatient. Record \"not medically necessary\" with a second member instead."
        case .didNotRespond where draft.outcome == .changeToObservation:
            problems["attendingView"] = "Condition code 44 needs the attending's documented concurrence [\(StayLifecycle.conditionCode44Citation)]; silence is not concurrence."
        case .concurs, .didNotRespond, .disagrees:
            break
        }
        // One member decides only when the attending concurs or fails to present views; "in all other cases" at least two
        // members [482.30(d)(1)(ii)].
        if draft.needsSecondMember && draft.second == nil {
            problems["secondMember"] = "The attending disagrees: the determination must be made by at least two committee members [\(citation)(1)(ii)]. Choose the second member who concurs."
        }
        return problems
    }
}

/// An adverse determination on a stay, as the stay clock reads it for the written notice it calls for.
public struct AdverseDetermination: Sendable, Equatable {
    public var id: String
    public var outcome: AdvisorDetermination
    public var determinedAt: Date
    public var by: String

    public init(id: String, outcome: AdvisorDetermination, determinedAt: Date, by: String) {
        self.id = id
        self.outcome = outcome
        self.determinedAt = determinedAt
        self.by = by
    }
}
