import Testing
@testable import HearthCore

/// HIPAA minimum necessary (45 CFR 164.502(b)): access follows the relationship to the patient.
@Suite struct AccessPolicyTests {
    @Test func caseManagerWorksOnHerCaseloadAndCareTeamPatientsOnly() {
        #expect(AccessPolicy.decide(role: .caseManager, relationships: [.caseManager], action: .write) == .allowed)
        #expect(AccessPolicy.decide(role: .caseManager, relationships: [.careTeam], action: .read) == .allowed)
        #expect(AccessPolicy.decide(role: .caseManager, relationships: [], action: .read) == .hidden)
        if case .forbidden = AccessPolicy.decide(role: .caseManager, relationships: [.caseManager], action: .sign) {} else {
            Issue.record("a case manager must not sign physician orders")
        }
    }

    @Test func physicianReadsAndSignsButDoesNotDocument() {
        #expect(AccessPolicy.decide(role: .physician, relationships: [.physician], action: .read) == .allowed)
        #expect(AccessPolicy.decide(role: .physician, relationships: [.physician], action: .sign) == .allowed)
        #expect(!AccessPolicy.decide(role: .physician, relationships: [.physician], action: .write).isAllowed)
        #expect(AccessPolicy.decide(role: .physician, relationships: [], action: .read) == .hidden)
    }

    @Test func clinicianAndAideNeedTheCareTeam() {
        for role in [Role.clinician, .aide] {
            #expect(AccessPolicy.decide(role: role, relationships: [.careTeam], action: .document) == .allowed)
            // Being someone's case manager on paper does not open a chart for an aide.
            #expect(AccessPolicy.decide(role: role, relationships: [.caseManager], action: .read) == .hidden)
        }
    }

    @Test func supervisorSeesEveryPatientButAdminOpensNoChart() {
        #expect(AccessPolicy.decide(role: .supervisor, relationships: [], action: .read) == .allowed)
        #expect(AccessPolicy.decide(role: .supervisor, relationships: [], action: .write) == .allowed)
        #expect(AccessPolicy.decide(role: .supervisor, relationships: [], action: .assign) == .allowed)
        // Minimum necessary (45 CFR 164.502(b), 164.514(d)): users, tokens and the audit trail need no clinical chart.
        for action in PatientAction.allCases {
            if case .forbidden = AccessPolicy.decide(role: .admin, relationships: [], action: action) {} else {
                Issue.record("an administrator must be refused \(action) with 403 (she knows the patient from the audit trail), not allowed or hidden")
            }
        }
        #expect(AccessPolicy.relationships(granting: .read, to: .admin) == [])
    }

    @Test func intakeAndPayerOnlyRead() {
        #expect(AccessPolicy.decide(role: .intake, relationships: [.referrer], action: .read) == .allowed)
        #expect(!AccessPolicy.decide(role: .intake, relationships: [.referrer], action: .write).isAllowed)
        #expect(AccessPolicy.decide(role: .payer, relationships: [.payer], action: .read) == .allowed)
        #expect(AccessPolicy.decide(role: .payer, relationships: [.caseManager], action: .read) == .hidden)
    }

    /// 45 CFR 164.502(b): intake needs the face sheet only while it finishes the referral.
    @Test func intakeReadsItsReferralOnlyWhileItIsOpen() {
        #expect(AccessPolicy.isReferralOpen(latestEpisode: nil))
        #expect(AccessPolicy.isReferralOpen(latestEpisode: .referred))
        for decided in [EpisodeStatus.active, .transferred, .discharged, .notAdmitted] {
            #expect(!AccessPolicy.isReferralOpen(latestEpisode: decided), "a \(decided) referral is decided")
        }
        // PatientAccess grants `.referrer` only while the referral is open; without it intake is hidden, as for a stranger.
        #expect(AccessPolicy.decide(role: .intake, relationships: [.referrer], action: .read) == .allowed)
        #expect(AccessPolicy.decide(role: .intake, relationships: [], action: .read) == .hidden)
        #expect(AccessPolicy.relationships(granting: .read, to: .intake) == [.referrer])
    }

    /// 45 CFR 164.502(b): intake records what its open referral brings (diagnoses, allergies) and nothing else.
    @Test func intakeRecordsItsOpenReferralsDiagnosesButDoesNotChangeTheChart() {
        #expect(AccessPolicy.decide(role: .intake, relationships: [.referrer], action: .recordReferral) == .allowed)
        #expect(!AccessPolicy.decide(role: .intake, relationships: [.referrer], action: .write).isAllowed)
        #expect(AccessPolicy.decide(role: .intake, relationships: [], action: .recordReferral) == .hidden)
        #expect(AccessPolicy.decide(role: .caseManager, relationships: [.caseManager], action: .recordReferral) == .allowed)
        #expect(!AccessPolicy.decide(role: .aide, relationships: [.careTeam], action: .recordReferral).isAllowed)
    }

    @Test func listsUseTheSameRelationshipsAsCharts() {
        #expect(AccessPolicy.relationships(granting: .read, to: .supervisor) == nil)
        #expect(AccessPolicy.relationships(granting: .read, to: .caseManager) == [.caseManager, .careTeam])
        #expect(AccessPolicy.relationships(granting: .read, to: .aide) == [.careTeam])
        #expect(AccessPolicy.relationships(granting: .read, to: .physician) == [.physician, .careTeam])
        #expect(AccessPolicy.relationships(granting: .write, to: .physician) == [])
    }

    @Test func agencyActions() {
        #expect(AccessPolicy.decide(role: .admin, action: .viewAuditTrail) == .allowed)
        #expect(!AccessPolicy.decide(role: .supervisor, action: .viewAuditTrail).isAllowed)
        #expect(AccessPolicy.decide(role: .intake, action: .registerPatient) == .allowed)
        #expect(!AccessPolicy.decide(role: .aide, action: .registerPatient).isAllowed)
        // 45 CFR 164.502(b): the administrator keeps staff credentials, not patients or caseloads.
        #expect(!AccessPolicy.decide(role: .admin, action: .registerPatient).isAllowed)
        #expect(!AccessPolicy.decide(role: .admin, action: .viewAllCaseloads).isAllowed)
        #expect(AccessPolicy.decide(role: .admin, action: .manageStaff) == .allowed)
        #expect(AccessPolicy.decide(role: .supervisor, action: .viewAllCaseloads) == .allowed)
    }

    @Test func onlyTheSupervisorPlansADay() {
        // The plan shows every patient's name and address that day: the supervisor's oversight, no one else's (45 CFR 164.502(b)).
        #expect(AccessPolicy.decide(role: .supervisor, action: .planDay) == .allowed)
        for role in Role.allCases where role != .supervisor {
            #expect(!AccessPolicy.decide(role: role, action: .planDay).isAllowed, "\(role)")
        }
        #expect(AccessPolicy.decide(role: .caseManager, action: .planDay) == .forbidden(reason: "A case manager may not plan and apply a day's routes."))
    }

    @Test func rolesParseAsOperatorsTypeThem() {
        #expect(Role(loose: "case-manager") == .caseManager)
        #expect(Role(loose: "casemanager") == .caseManager)
        #expect(Role(loose: "CASE_MANAGER") == .caseManager)
        #expect(Role(loose: "nurse") == nil)
    }
}

extension AccessPolicyTests {
    @Test func onlyTheOwningCaseManagerOrASupervisorChangesTheCareTeam() {
        #expect(AccessPolicy.decide(role: .caseManager, relationships: [.caseManager], action: .manageCareTeam) == .allowed)
        #expect(!AccessPolicy.decide(role: .caseManager, relationships: [.careTeam], action: .manageCareTeam).isAllowed)
        #expect(!AccessPolicy.decide(role: .clinician, relationships: [.careTeam], action: .manageCareTeam).isAllowed)
        #expect(AccessPolicy.decide(role: .supervisor, relationships: [], action: .manageCareTeam) == .allowed)
    }
}

extension AccessPolicyTests {
    @Test func aidesDocumentTasksButDoNotChangeTheRecordOrMoveEpisodes() {
        #expect(AccessPolicy.decide(role: .aide, relationships: [.careTeam], action: .document) == .allowed)
        #expect(!AccessPolicy.decide(role: .aide, relationships: [.careTeam], action: .write).isAllowed)
        #expect(AccessPolicy.decide(role: .clinician, relationships: [.careTeam], action: .write) == .allowed)
        #expect(!AccessPolicy.decide(role: .aide, relationships: [.careTeam], action: .manageEpisode).isAllowed)
        #expect(AccessPolicy.decide(role: .clinician, relationships: [.careTeam], action: .manageEpisode) == .allowed)
        #expect(!AccessPolicy.decide(role: .physician, relationships: [.physician], action: .manageEpisode).isAllowed)
    }
}
