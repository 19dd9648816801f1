import Fluent
import FluentSQL

/// Every migration in the order it runs. Portable only: create table, add column, drop column, create index.
enum HearthMigrations {
    static let all: [any Migration] = [
        CreateUser(),
        CreateWebSession(),
        CreateAPIToken(),
        CreateAuditEvent(),
        CreatePatient(),
        CreateEpisode(),
        CreateRecordChange(),
        CreateDiagnosis(),
        CreateAllergy(),
        CreateCoverage(),
        // 002: the patient profile
        UpdatePatientAddProfile(),
        CreatePatientContact(),
        CreateAdvanceDirective(),
        CreateExternalCareContact(),
        CreateOrganization(),
        UpdateCoverageAddPayerOrganization(),
        CreateObligation(),
        CreateAssessment(),
        CreateComplianceDocument(),
        CreateCareTask(),
        // 003: referrals, care plans and orders
        UpdateEpisodeAddReferralDetails(),
        CreateCarePlan(),
        CreatePhysicianOrder(),
        UpdateObligationIndexPatientDue(),
        // 004: medications
        CreateMedication(),
        CreateMedicationReconciliation(),
        CreateMedicationAdministration(),
        CreateSideEffectAndTeaching(),
        UpdateRecordChangeAddRecordID(),
        // 005: staff profiles and credentials
        CreateStaffProfile(),
        CreateVisit(),
        CreateCalendarFeed(),
        UpdatePatientAddCoordinates(),
        // 006: coordination
        CreateCommunication(),
        CreateResourceDirectory(),
        CreateResourceReferral(),
        // 007: home safety, teaching, the worklist's rules
        CreateHomeSafety(),
        UpdateTaskForWorklist(),
        UpdateTeachingAddLearnerName(),
        CreateAuthorization(),
        // 008: indexes for the supervisor's pages at scale
        UpdateIndexesForScale(),
        // 009: the instrument versions in use, so a changed definition cannot reword signed assessments
        CreateInstrumentVersions(),
        // 010: a medication saved despite an allergy or duplicate-therapy finding records the override
        UpdateMedicationAddSafetyOverrides(),
        // 010: ending access: forced password change, token expiry
        UpdateUserAddMustChangePassword(),
        UpdateAPITokenAddExpiry(),
        // 010: how to reach a patient's physician (NPI, phone, fax), and physicians outside the agency
        CreatePhysicianDetails(),
        // 011: the kind of program behind each payer, which billing rules follow
        UpdateCoverageAddProgram(),
        // 011: one-time form tokens, so a form posted twice changes the record once
        CreateFormSubmission(),
        // 012: the date and time of an assessment's visit and of an episode move, which the 48-hour rules read
        UpdateClockAddVisitAndEventTimes(),
        // 012: the physician-ordered resumption date of a return home
        UpdateEpisodeEventAddOrderedDate(),
        // 013: whether a visit was booked from the care plan or by hand, so scheduling again keeps a scheduler's visits
        UpdateVisitAddOrigin(),
        // 014: the health plan's case manager for a member's coverage, through whom a payer sign-in reads the chart
        UpdateCoverageAddPayerCaseManager(),
        // 015: two-step sign-in (TOTP): the user's sealed secret and code counts, the session's stage, recovery codes
        UpdateUserAddTwoStepSignIn(),
        UpdateWebSessionAddStage(),
        CreateRecoveryCode(),
        // 016: break-the-glass: emergency access to a chart with a reason, for hours, reviewed by a supervisor
        CreateEmergencyAccess(),
        // 017: a move's circumstance (death at home, diagnostic stay) and each OASIS transmission (issue 18)
        UpdateEpisodeEventAddCircumstance(),
        CreateOASISSubmission(),
        // 018: the case manager's record of a 30-day payment period: case-mix group, LUPA threshold, admission source
        CreatePaymentPeriod(),
        // 019: every given name, US Core race, ethnicity and sex assigned at birth, the language's code
        UpdatePatientAddUSCoreDemographics(),
        // 019: other systems' identifiers for a patient, searchable by system|value
        CreatePatientIdentifier(),
        // 020: planned discharges, reductions of care and significant changes, and the notices delivered before them (issue 18)
        CreateCareEvent(),
        CreatePatientNotice(),
        // 022: SMART Backend Services clients, their short-lived access tokens and the assertion ids already used
        CreateOAuthClient(),
        CreateOAuthAccessToken(),
        CreateOAuthAssertionUse(),
        // 023: a hospital's units and the hospital case managers assigned to them (issue 22)
        CreateHospitalUnit(),
        // 024: hospital stays, their status timeline and the notices delivered (issue 22)
        CreateHospitalStay(),
        // 025: each aide's in-service training hours (issue 18)
        CreateAideInServiceTraining(),
        // 026: referrals hospitals send over FHIR, held in the intake inbox until accepted or declined (issue 21)
        CreateInboundReferral(),
        // 027: FHIR bulk export jobs and their NDJSON files, shared by every instance (issue 24)
        CreateBulkExport(),
        // 028: utilization review: reviewers, reviews, advisor referrals, the payer log, denials and appeals, avoidable days (issue 22)
        CreateStayReview(),
        CreatePayerCommunication(),
        CreateAvoidableDay(),
        // 029: discharge plans, the patient's choice with the list shown, referrals to post-acute providers (issue 22)
        CreateDischargePlan(),
        // 030: vital signs other systems report over FHIR Observation (issue 21)
        CreateReportedVitalSign(),
        // 031: an episode's visits by index, not by a scan of every visit (issue 19)
        IndexVisitsByEpisode(),
        // 032: field teams, and visits fixed by hand, for planning a day (issue 23)
        UpdateStaffProfileAddTeam(),
        UpdateVisitAddLocked(),
        // 033: CMS tables the hospital imports from CMS's own files: Table 5 GMLOS, the inpatient-only list (issue 22)
        CreateReferenceTableImport(),
        CreateMSDRGNorm(),
        CreateInpatientOnlyCode(),
        // 034: a bulk export file's NDJSON in chunks appended per batch, not one text value rewritten (issue 24)
        CreateBulkExportChunk(),
        // 035: each hospital's UR committee roster, advisor referrals to its members and their determinations (issue 22)
        CreateURCommittee(),
        UpdateAdvisorReferralAddAdvisorUser(),
        // 036: referrals to a Hearth agency on another installation, over HTTP with a token it issued; scoped tokens (issue 22)
        CreateReferralPartner(),
        UpdatePostAcuteReferralAddRemote(),
        UpdateAPITokenAddScope(),
        // 037: a referral's withdrawal by the hospital that sent it, as the agency received it (issue 22)
        UpdateInboundReferralAddWithdrawal(),
    ]
}

extension Database {
    /// `DROP INDEX`, before a revert drops a column the index uses (SQLite refuses otherwise).
    func dropIndex(_ name: String) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }

    /// `CREATE INDEX`, which Fluent's schema builder lacks; the statement is the same on SQLite and PostgreSQL.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let builder = sql.create(index: name).on(table)
        for column in columns { builder.column(column) }
        try await builder.run()
    }
}
