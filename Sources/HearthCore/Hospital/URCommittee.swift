import Foundation

/// A member of a hospital's utilization review committee, as the conflict rule reads the roster.
public struct URCommitteeMember: Sendable, Equatable, Identifiable {
    /// The member's user id.
    public var id: String
    public var name: String
    public var role: Role
    /// A direct financial interest in the hospital the administrator recorded (an ownership share); nil when none.
    public var financialInterest: String?

    public init(id: String, name: String, role: Role, financialInterest: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        let interest = financialInterest?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        self.financialInterest = interest.isEmpty ? nil : interest
    }
}

/// Who is professionally involved in the patient's care during the stay.
public struct StayCareTeam: Sendable, Equatable {
    /// The stay's attending and any attending who concurred in a status change, as the stay records them (names).
    public var attendings: [String]
    /// Users who care for the patient in Hearth: the linked chart's case manager, physician and care team.
    public var userIDs: Set<String>

    public init(attendings: [String], userIDs: Set<String> = []) {
        self.attendings = attendings
        self.userIDs = userIDs
    }
}

/// The UR committee: who may sit on it, its size, and who may not review a stay [42 CFR 482.30(b)].
public enum URCommitteeRule {
    public static let compositionCitation = "42 CFR 482.30(b)"
    public static let citation = "42 CFR 482.30(b)(3)"

    /// The roles that are doctors of medicine or osteopathy in Hearth: the committee's members are physicians.
    public static let physicianRoles: Set<Role> = [.physician, .physicianAdvisor]

    /// Problems with putting a user on the roster, keyed by form field.
    public static func membershipProblems(role: Role?, active: Bool, alreadyMember: Bool) -> [String: String] {
        guard let role else { return ["user": "Choose the physician to add."] }
        if !physicianRoles.contains(role) {
            return ["user": "A \(role.title.lowercased()) is not a physician: the committee's reviewing members are doctors of medicine or osteopathy [\(compositionCitation)]. Choose a physician or physician advisor."]
        }
        if !active { return ["user": "This account is disabled: enable it first, or choose another physician."] }
        if alreadyMember { return ["user": "Already on this hospital's committee."] }
        return [:]
    }

    /// What the roster lacks: "a UR committee consisting of two or more practitioners … at least two of the members of
    /// the committee must be doctors of medicine or osteopathy" [42 CFR 482.30(b)]; nil when it has them.
    public static func compositionProblem(_ members: [URCommitteeMember]) -> String? {
        let physicians = members.filter { physicianRoles.contains($0.role) }.count
        guard physicians < 2 else { return nil }
        return "The committee has \(physicians) physician member\(physicians == 1 ? "" : "s"): it needs at least two doctors of medicine or osteopathy [\(compositionCitation)]. Add \(2 - physicians) more."
    }

    /// Why `member` may not review this stay, or nil: "the committee's or group's reviews may not be conducted by any
    /// individual who (i) has a direct financial interest (for example, an ownership interest) in that hospital; or
    /// (ii) was professionally involved in the care of the patient whose case is being reviewed" [42 CFR 482.30(b)(3)].
    public static func conflict(_ member: URCommitteeMember, careTeam: StayCareTeam) -> String? {
        if !physicianRoles.contains(member.role) {
            return "\(member.name) is not a physician: a determination is a physician member's [\(compositionCitation)]. Choose another committee member."
        }
        let name = normalized(member.name)
        if careTeam.userIDs.contains(member.id) || careTeam.attendings.contains(where: { !normalized($0).isEmpty && normalized($0) == name }) {
            return "\(member.name) treats this patient: a reviewer may not have been professionally involved in the patient's care [\(citation)(ii)]. Choose another committee member."
        }
        if let interest = member.financialInterest {
            return "\(member.name) has a recorded financial interest in the hospital (\(interest)): such a reviewer may not review [\(citation)(i)]. Choose another committee member."
        }
        return nil
    }

    /// "Dr. Amara Nwosu, MD" and "amara nwosu" are one person.
    static func normalized(_ name: String) -> String {
        var words = name.lowercased().split { !$0.isLetter }.map(String.init)
        words.removeAll { ["dr", "md", "do", "mbbs", "phd"].contains($0) }
        return words.joined(separator: " ")
    }
}
