/// What a user can do to one patient's record.
public enum PatientAction: String, Sendable, CaseIterable {
    /// Open the chart or any record in it.
    case read
    /// Add or change clinical, demographic or coordination records.
    case write
    /// Record care given on a visit: tasks done, notes, vitals. Aides document; they do not change the record.
    case document
    /// Sign or reject physician orders and plans of care.
    case sign
    /// Change the case manager.
    case assign
    /// Add or remove care team members.
    case manageCareTeam = "manage_care_team"
    /// Waive a regulatory deadline with a reason: a supervisor's decision.
    case waive
    /// Open an episode and record its moves (start of care, transfer, resumption, recertification, discharge).
    case manageEpisode = "manage_episode"
}

/// How a user is connected to a patient. Access follows the relationship, not just the role.
public enum PatientRelationship: String, Sendable, Hashable, CaseIterable {
    /// The case manager who owns the patient on her caseload.
    case caseManager = "case_manager"
    /// Internal staff on the patient's care team (nurse, therapist, aide, social worker).
    case careTeam = "care_team"
    /// The physician who orders and signs the patient's care.
    case physician
    /// The intake coordinator who referred the patient.
    case referrer
    /// The payer case manager for the patient's coverage.
    case payer
}

/// Agency-wide actions that do not concern one patient.
public enum AgencyAction: String, Sendable, CaseIterable {
    case registerPatient
    case viewAllCaseloads
    case manageUsers
    case viewAuditTrail
}

/// The answer to "may this user do this?", with a reason a person can read.
public enum AccessDecision: Sendable, Equatable {
    case allowed
    /// The user may know the patient exists but may not do this (HTTP 403).
    case forbidden(reason: String)
    /// The user has no business with the patient; even its existence stays hidden (HTTP 404).
    case hidden

    public var isAllowed: Bool { self == .allowed }
}

/// The one place that decides who may do what to which patient (HIPAA minimum necessary, 45 CFR 164.502(b)).
public enum AccessPolicy {
    /// Roles that oversee the whole agency and so see every patient.
    static let agencyWide: Set<Role> = [.admin, .supervisor]

    public static func decide(
        role: Role,
        relationships: Set<PatientRelationship>,
        action: PatientAction
    ) -> AccessDecision {
        let permitted = permittedActions(role: role, relationships: relationships)
        if permitted.contains(action) { return .allowed }
        if permitted.isEmpty && !agencyWide.contains(role) { return .hidden }
        return .forbidden(reason: "A \(role.title.lowercased()) may not \(action.verb) this patient's record.")
    }

    public static func decide(role: Role, action: AgencyAction) -> AccessDecision {
        let allowed: Bool = switch action {
        case .registerPatient: [.admin, .supervisor, .caseManager, .intake].contains(role)
        case .viewAllCaseloads: [.admin, .supervisor].contains(role)
        case .manageUsers, .viewAuditTrail: role == .admin
        }
        return allowed ? .allowed : .forbidden(reason: "A \(role.title.lowercased()) may not \(action.verb).")
    }

    /// The relationships through which a role may take `action`: nil means every patient in the agency.
    /// Lists use this so that what a user can find is exactly what they may open.
    public static func relationships(granting action: PatientAction, to role: Role) -> Set<PatientRelationship>? {
        if permittedActions(role: role, relationships: []).contains(action) { return nil }
        return Set(PatientRelationship.allCases.filter { permittedActions(role: role, relationships: [$0]).contains(action) })
    }

    /// The actions a role may take on a patient, given how the user relates to that patient.
    static func permittedActions(role: Role, relationships: Set<PatientRelationship>) -> Set<PatientAction> {
        switch role {
        case .supervisor:
            return [.read, .write, .document, .assign, .manageCareTeam, .manageEpisode, .waive]
        case .admin:
            // Administrators manage access and audits; they read charts for review but do not document care.
            return [.read, .assign, .manageCareTeam]
        case .caseManager:
            // The owning case manager coordinates the team; a case manager who is only on the team does not.
            if relationships.contains(.caseManager) { return [.read, .write, .document, .manageCareTeam, .manageEpisode] }
            return relationships.contains(.careTeam) ? [.read, .write, .document, .manageEpisode] : []
        case .clinician:
            // The visiting nurse or therapist records start of care and transfers from the home.
            return relationships.contains(.careTeam) ? [.read, .write, .document, .manageEpisode] : []
        case .aide:
            // Aides follow the aide care plan and document it; diagnoses, allergies and demographics are not theirs to change.
            return relationships.contains(.careTeam) ? [.read, .document] : []
        case .physician:
            return relationships.contains(.physician) || relationships.contains(.careTeam) ? [.read, .sign] : []
        case .intake:
            return relationships.contains(.referrer) ? [.read] : []
        case .payer:
            return relationships.contains(.payer) ? [.read] : []
        }
    }
}

extension PatientAction {
    var verb: String {
        switch self {
        case .read: "view"
        case .write: "change"
        case .document: "document care in"
        case .sign: "sign orders in"
        case .waive: "waive deadlines in"
        case .assign: "reassign"
        case .manageCareTeam: "change the care team of"
        case .manageEpisode: "change the episode of"
        }
    }
}

extension AgencyAction {
    var verb: String {
        switch self {
        case .registerPatient: "register patients"
        case .viewAllCaseloads: "view every caseload"
        case .manageUsers: "manage users"
        case .viewAuditTrail: "view the audit trail"
        }
    }
}
