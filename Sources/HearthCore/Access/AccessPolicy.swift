/// What a user can do to one patient's record.
public enum PatientAction: String, Sendable, CaseIterable {
    /// Open the chart or any record in it.
    case read
    /// Add or change clinical, demographic or coordination records.
    case write
    /// Record what a referral brings (its diagnoses, allergies and coverage) while the referral is open: whoever may
    /// change the chart, and the intake coordinator finishing the referral she registered.
    case recordReferral = "record_referral"
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
    /// See who saw or changed the record, when and from where: the patient's accounting of disclosures [45 CFR 164.528].
    case accountDisclosures = "account_disclosures"
}

/// How a user is connected to a patient. Access follows the relationship, not just the role.
public enum PatientRelationship: String, Sendable, Hashable, CaseIterable {
    /// The case manager who owns the patient on her caseload.
    case caseManager = "case_manager"
    /// Internal staff on the patient's care team (nurse, therapist, aide, social worker).
    case careTeam = "care_team"
    /// The physician who orders and signs the patient's care.
    case physician
    /// The intake coordinator whose referral is still open (`AccessPolicy.isReferralOpen`): she needs the face sheet
    /// to finish the referral, and once the agency admits or declines the patient the chart is closed to her.
    case referrer
    /// The payer case manager for the patient's coverage.
    case payer
    /// A break-the-glass access the user opened with a reason and that has not ended (`EmergencyAccess`): it lasts
    /// hours, not a caseload, so lists do not follow it.
    case emergencyAccess = "emergency_access"
}

/// Agency-wide actions that do not concern one patient.
public enum AgencyAction: String, Sendable, CaseIterable {
    case registerPatient
    /// Every caseload, with patients' names and clinical deadlines: the supervisor's clinical oversight.
    case viewAllCaseloads
    /// Staff profiles and credentials (licenses, certifications): no patient in them.
    case manageStaff
    case manageUsers
    case viewAuditTrail
    /// Look a patient up by MRN, or by name and date of birth, to open the chart in an emergency.
    case breakTheGlass
    /// See every emergency access and review it [45 CFR 164.312(a)(2)(ii), 164.308(a)(1)(ii)(D)].
    case reviewEmergencyAccess
    /// Send the agency a referral over FHIR and follow its Task: a hospital's case manager (discharge planning).
    /// Reviewing, accepting and declining incoming referrals is registering patients (`registerPatient`).
    case sendReferral
    /// Plan a day's visits across the field staff and apply the plan: every patient's name and address on the day is on
    /// it, so only the supervisor, who oversees every caseload, may (minimum necessary, 45 CFR 164.502(b)).
    case planDay
    /// Keep each hospital's UR committee roster and its members' recorded financial interests [42 CFR 482.30(b)].
    case manageURCommittee
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
    /// Roles that know every patient exists (the supervisor's oversight, the administrator's audit trail), so a refusal
    /// is a 403 that names the rule, not a 404.
    static let agencyWide: Set<Role> = [.admin, .supervisor]

    /// Whether a referral is still open: no episode yet, or the latest one is still `referred`. Only then does the
    /// referring intake coordinator relate to the patient (minimum necessary, 45 CFR 164.502(b), 164.514(d)).
    public static func isReferralOpen(latestEpisode status: EpisodeStatus?) -> Bool {
        status == nil || status == .referred
    }

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
        // The administrator neither registers patients nor sees caseloads: she opens no chart (45 CFR 164.502(b)).
        case .registerPatient: [.supervisor, .caseManager, .intake].contains(role)
        case .viewAllCaseloads: role == .supervisor
        case .manageStaff: [.admin, .supervisor].contains(role)
        case .manageUsers, .viewAuditTrail: role == .admin
        case .breakTheGlass: EmergencyAccess.roles.contains(role)
        case .reviewEmergencyAccess: role == .supervisor
        case .sendReferral: role == .hospitalCaseManager
        case .planDay: role == .supervisor
        case .manageURCommittee: role == .admin
        }
        return allowed ? .allowed : .forbidden(reason: "A \(role.title.lowercased()) may not \(action.verb).")
    }

    /// The relationships through which a role may take `action`: nil means every patient in the agency.
    /// Lists use this so that what a user can find is exactly what they may open; an emergency access is reached from
    /// the user's home page and the emergency look-up, not from her list of patients.
    public static func relationships(granting action: PatientAction, to role: Role) -> Set<PatientRelationship>? {
        if permittedActions(role: role, relationships: []).contains(action) { return nil }
        return Set(PatientRelationship.allCases.filter { $0 != .emergencyAccess && permittedActions(role: role, relationships: [$0]).contains(action) })
    }

    /// Whether the user may open this chart by breaking the glass: her role may, and nothing else lets her read it
    /// [45 CFR 164.312(a)(2)(ii)].
    public static func mayBreakGlass(role: Role, relationships: Set<PatientRelationship>) -> Bool {
        EmergencyAccess.roles.contains(role) && !permittedActions(role: role, relationships: relationships.subtracting([.emergencyAccess])).contains(.read)
    }

    /// Whether `action` is allowed only because of an open emergency access: such a use is audited as emergency access.
    public static func isEmergencyUse(role: Role, relationships: Set<PatientRelationship>, action: PatientAction) -> Bool {
        relationships.contains(.emergencyAccess)
            && decide(role: role, relationships: relationships, action: action).isAllowed
            && !permittedActions(role: role, relationships: relationships.subtracting([.emergencyAccess])).contains(action)
    }

    /// The actions a role may take on a patient, given how the user relates to that patient.
    static func permittedActions(role: Role, relationships: Set<PatientRelationship>) -> Set<PatientAction> {
        var actions = relationshipActions(role: role, relationships: relationships)
        if actions.contains(.write) { actions.insert(.recordReferral) }
        if relationships.contains(.emergencyAccess), EmergencyAccess.roles.contains(role) { actions.formUnion(EmergencyAccess.actions) }
        return actions
    }

    private static func relationshipActions(role: Role, relationships: Set<PatientRelationship>) -> Set<PatientAction> {
        switch role {
        case .supervisor:
            // The patient's accounting of disclosures is the supervisor's to prepare (45 CFR 164.528): she oversees
            // every chart and reviews emergency access; the administrator keeps the whole audit trail without charts.
            return [.read, .write, .document, .assign, .manageCareTeam, .manageEpisode, .waive, .accountDisclosures]
        case .admin:
            // Administrators manage users, tokens and the audit trail: no clinical chart is necessary for that
            // (minimum necessary, 45 CFR 164.502(b), 164.514(d)). The supervisor reassigns and fixes care teams.
            return []
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
            // `.referrer` exists only while the referral is open; an admitted or declined patient is hidden from intake.
            return relationships.contains(.referrer) ? [.read, .recordReferral] : []
        case .payer:
            return relationships.contains(.payer) ? [.read] : []
        case .hospitalCaseManager, .utilizationReviewNurse, .physicianAdvisor:
            // The hospital's records are its own stays (`AccessPolicy.decideStay`); the agency's charts are not hers.
            return []
        }
    }
}

extension PatientAction {
    var verb: String {
        switch self {
        case .read: "view"
        case .write: "change"
        case .recordReferral: "record the referral's diagnoses and allergies in"
        case .document: "document care in"
        case .sign: "sign orders in"
        case .waive: "waive deadlines in"
        case .assign: "reassign"
        case .manageCareTeam: "change the care team of"
        case .manageEpisode: "change the episode of"
        case .accountDisclosures: "see who has opened"
        }
    }
}

extension AgencyAction {
    var verb: String {
        switch self {
        case .registerPatient: "register patients"
        case .viewAllCaseloads: "view every caseload"
        case .manageStaff: "manage staff credentials"
        case .manageUsers: "manage users"
        case .viewAuditTrail: "view the audit trail"
        case .breakTheGlass: "open a chart in an emergency"
        case .reviewEmergencyAccess: "review emergency access"
        case .sendReferral: "send referrals"
        case .planDay: "plan and apply a day's routes"
        case .manageURCommittee: "manage the UR committee"
        }
    }
}
