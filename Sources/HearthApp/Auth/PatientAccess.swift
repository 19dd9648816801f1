import Fluent
import FluentSQL
import Foundation
import HearthCore
import SQLKit
import Synchronization
import Vapor

/// Applies `AccessPolicy` to a request: every patient-data handler gets its patient through here.
enum PatientAccess {
    /// Loads the patient if the signed-in user may take `action`; otherwise audits the denial and throws 403 or 404.
    static func authorize(_ action: PatientAction, patientID: UUID?, on request: Request) async throws -> Patient {
        let user = try request.currentUser
        guard let patientID, let (patient, onTeam) = try await patientAndTeam(patientID, userID: user.id, on: request.db) else {
            throw AppError.notFound()
        }
        _ = try await asked(about: patient, on: request, onTeam: onTeam)
        let relationships = try await permissions(on: patient, request).relationships
        switch PatientPermissions(role: user.role, relationships: relationships).decision(action) {
        case .allowed:
            request.storage[OpenedPatientKey.self] = patientID
            try noteEmergencyUse(action, patientID: patientID, relationships: relationships, on: request)
            return patient
        case .forbidden(let reason):
            await countRefusal(of: user, on: request)
            try await request.audit("patient.\(action.rawValue)", outcome: .denied, patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString, detail: reason)
            throw AppError.forbidden(reason)
        case .hidden:
            await countRefusal(of: user, on: request)
            try await request.audit("patient.\(action.rawValue)", outcome: .denied, patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString, detail: "no relationship to the patient")
            throw AppError.notFound()
        }
    }

    /// A machine client refused patient after patient is scanning: past `refusalThrottle`'s free refusals its token
    /// waits (BearerAuthenticator), so a scan cannot fill the audit trail with a denied row per guess.
    private static func countRefusal(of user: CurrentUser, on request: Request) async {
        guard case .bearer = user.via else { return }
        await request.application.throttle.failed(refusalKey(user.username), policy: request.application.settings.refusalThrottle, now: request.now)
    }

    static func refusalKey(_ username: String) -> String { "API refusals for " + username }

    /// Throws 403 unless the user's role may take this agency-wide action.
    static func authorize(_ action: AgencyAction, on request: Request) async throws {
        let user = try request.currentUser
        if case .forbidden(let reason) = AccessPolicy.decide(role: user.role, action: action) {
            try await request.audit("agency.\(action.rawValue)", outcome: .denied, detail: reason)
            throw AppError.forbidden(reason)
        }
    }

    /// Whether the signed-in user may take `action` on a patient they already opened (to show or hide a form).
    static func may(_ action: PatientAction, _ patient: Patient, _ request: Request) async throws -> Bool {
        try await permissions(on: patient, request).allows(action)
    }

    /// The signed-in user's relationships to a patient. What takes a query (care team, open referral, payer) is asked
    /// once per request (a page checks several actions); the rest is read from the patient as it is now.
    static func relationships(to patient: Patient, on request: Request) async throws -> Set<PatientRelationship> {
        let user = try request.currentUser
        let patientID = try patient.requireID()
        let asked = try await asked(about: patient, on: request)
        var found = relationships(of: user.id, to: patient, onCareTeam: asked.onTeam, referralOpen: asked.referralOpen)
        if asked.payer { found.insert(.payer) }
        try await addEmergencyAccess(to: &found, patientID: patientID, on: request)
        return found
    }

    /// What takes a query, asked once per request and patient; `onTeam` when the patient's own read answered it.
    private static func asked(about patient: Patient, on request: Request, onTeam known: Bool? = nil) async throws -> AskedRelationships {
        let user = try request.currentUser
        let patientID = try patient.requireID()
        if let asked = request.storage[AskedRelationshipsKey.self]?[patientID] { return asked }
        let onTeam: Bool
        if let known { onTeam = known } else { onTeam = try await isOnCareTeam(user.id, patientID, on: request.db) }
        let asked = AskedRelationships(
            onTeam: onTeam,
            referralOpen: try await isReferralOpen(patient, referredBy: user.id, on: request.db),
            // Only a payer sign-in relates through a coverage; other roles are spared the query.
            payer: user.role == .payer ? try await isPayerCaseManager(user.id, patientID, on: request.db) : false)
        var asking = request.storage[AskedRelationshipsKey.self] ?? [:]
        asking[patientID] = asked
        request.storage[AskedRelationshipsKey.self] = asking
        return asked
    }

    /// The patient and whether the user is on its care team, in one hand-written statement: every chart page and FHIR
    /// read starts here (a Fluent read and a count were two statements and a fifth of a FHIR read's time in building SQL).
    private static func patientAndTeam(_ patientID: UUID, userID: UUID, on db: any Database) async throws -> (Patient, Bool)? {
        guard let row = try await db.sql.raw("""
            SELECT p.*, CASE WHEN EXISTS (SELECT 1 FROM care_team_members m WHERE m.patient_id = p.id AND m.user_id = \(bind: userID))
                             THEN 1 ELSE 0 END AS hearth_on_team
            FROM patients p WHERE p.id = \(bind: patientID)
            """).first() else { return nil }
        return (try row.decode(fluentModel: Patient.self), try row.decode(column: "hearth_on_team", as: Int.self) == 1)
    }

    /// Whether someone else may take `action` on the patient, by the same policy their own request would meet: every
    /// "give this to a person" path (a task's owner, a follow-up's owner, a visit's clinician) asks this, so a name and
    /// an address never reach a list of someone who could not open the chart (issue 20 #3).
    static func may(_ action: PatientAction, user: User, on patient: Patient, db: any Database) async throws -> Bool {
        guard user.isActive, let role = Role(rawValue: user.role) else { return false }
        return AccessPolicy.decide(role: role, relationships: try await relationships(of: try user.requireID(), to: patient, on: db), action: action).isAllowed
    }

    /// Someone else's relationships to a patient (whether a task's owner works with the patient). With `memo`, what
    /// takes a query is asked once per user and patient for the memo's life (one transaction); the rest is read from
    /// the patient as it is now. With `role` (the user's), a coverage is asked of a payer only: no other role relates through one.
    static func relationships(of userID: UUID, to patient: Patient, on db: any Database, memo: PatientAccessMemo? = nil,
                              role: Role? = nil) async throws -> Set<PatientRelationship> {
        let patientID = try patient.requireID()
        let asked: AskedRelationships
        if let known = memo?.asked(userID, patientID) {
            asked = known
        } else {
            asked = AskedRelationships(onTeam: try await isOnCareTeam(userID, patientID, on: db),
                                       referralOpen: try await isReferralOpen(patient, referredBy: userID, on: db),
                                       payer: role == nil || role == .payer ? try await isPayerCaseManager(userID, patientID, on: db) : false)
            memo?.remember(asked, userID, patientID)
        }
        var found = relationships(of: userID, to: patient, onCareTeam: asked.onTeam, referralOpen: asked.referralOpen)
        if asked.payer { found.insert(.payer) }
        return found
    }

    /// A patient its transaction just registered has no care team, episode or coverage yet: what `relationships` would
    /// ask of the database for it now, known without asking (an import registers thousands in a few transactions).
    static func registered(_ patient: Patient, by userID: UUID, memo: PatientAccessMemo) throws {
        memo.remember(AskedRelationships(onTeam: false, referralOpen: patient.$referredBy.id == userID, payer: false), userID, try patient.requireID())
    }

    private static func relationships(of userID: UUID, to patient: Patient, onCareTeam: Bool, referralOpen: Bool) -> Set<PatientRelationship> {
        var found = Set<PatientRelationship>()
        if patient.$caseManager.id == userID { found.insert(.caseManager) }
        if patient.$physician.id == userID { found.insert(.physician) }
        if referralOpen { found.insert(.referrer) }
        if onCareTeam { found.insert(.careTeam) }
        return found
    }

    /// Whether `userID` referred the patient and the referral is still open; the episode is read only for the referrer.
    private static func isReferralOpen(_ patient: Patient, referredBy userID: UUID, on db: any Database) async throws -> Bool {
        guard patient.$referredBy.id == userID else { return false }
        guard let latest = try await EpisodeStore.latest(patientID: try patient.requireID(), on: db) else { return true }
        return EpisodeStatus(rawValue: latest.status).map { AccessPolicy.isReferralOpen(latestEpisode: $0) } ?? false
    }

    /// The patients a user referred whose referral is closed (admitted or not admitted), in one query over their episodes.
    static func closedReferrals(by userID: UUID, on db: any Database) async throws -> [UUID] {
        let episodes = try await EpisodeRecord.query(on: db)
            .join(Patient.self, on: \EpisodeRecord.$patient.$id == \Patient.$id)
            .filter(Patient.self, \.$referredBy.$id == userID)
            .field(\.$id).field(\.$patient.$id).field(\.$status)
            .sort(\.$referralDate).sort(\.$createdAt).all()
        var latest: [UUID: String] = [:]
        for episode in episodes { latest[episode.$patient.id] = episode.status } // the last one wins, as in `latestEpisodes`
        return latest.filter { _, status in !(EpisodeStatus(rawValue: status).map { AccessPolicy.isReferralOpen(latestEpisode: $0) } ?? false) }.map(\.key)
    }

    private static func isOnCareTeam(_ userID: UUID, _ patientID: UUID, on db: any Database) async throws -> Bool {
        try await CareTeamMember.query(on: db).filter(\.$patient.$id == patientID).filter(\.$user.$id == userID).count() > 0
    }

    /// The patients a user may see in lists: the same policy, as a query.
    static func visiblePatients(for user: CurrentUser, on db: any Database) async throws -> QueryBuilder<Patient> {
        let query = Patient.query(on: db)
        guard let through = AccessPolicy.relationships(granting: .read, to: user.role) else { return query }
        let teamPatientIDs = through.contains(.careTeam)
            ? try await CareTeamMember.query(on: db).filter(\.$user.$id == user.id).all(\.$patient.$id)
            : []
        let closedReferralIDs = through.contains(.referrer) ? try await closedReferrals(by: user.id, on: db) : []
        let memberIDs = through.contains(.payer) ? try await members(of: user.id, on: db) : []
        return query.group(.or) { group in
            group.filter(\.$mrn == "") // no patient has an empty MRN: with no relationship the list stays empty
            if through.contains(.caseManager) { group.filter(\.$caseManager.$id == user.id) }
            if through.contains(.physician) { group.filter(\.$physician.$id == user.id) }
            if through.contains(.referrer) {
                // Only open referrals: an admitted or declined patient is no longer intake's to find.
                group.group(.and) { referral in
                    referral.filter(\.$referredBy.$id == user.id)
                    if !closedReferralIDs.isEmpty { referral.filter(\.$id !~ closedReferralIDs) }
                }
            }
            if !teamPatientIDs.isEmpty { group.filter(\.$id ~~ teamPatientIDs) }
            if !memberIDs.isEmpty { group.filter(\.$id ~~ memberIDs) }
        }
    }
}

/// Whether the signed-in user is on each patient's care team, as asked during this request.
/// The patient this request was allowed to open: a record then not found on that chart is audited as a probe.
struct OpenedPatientKey: StorageKey { typealias Value = UUID }

/// The relationships that take a query, as asked during this request, patient by patient.
struct AskedRelationships: Sendable { var onTeam: Bool, referralOpen: Bool, payer: Bool }

/// The relationships that take a query (care team, open referral, payer), as asked during one database transaction,
/// so a transaction of many entries for one patient asks once; the policy still decides every entry. No FHIR write
/// changes them (care teams, episodes and a coverage's payer case manager change on the chart), and a part of a
/// transaction rolled back to a savepoint forgets them all. Never kept past its transaction.
final class PatientAccessMemo: Sendable {
    private struct Key: Hashable { var user: UUID, patient: UUID }
    private let known = Mutex<[Key: AskedRelationships]>([:])

    func asked(_ userID: UUID, _ patientID: UUID) -> AskedRelationships? { known.withLock { $0[Key(user: userID, patient: patientID)] } }
    func remember(_ asked: AskedRelationships, _ userID: UUID, _ patientID: UUID) { known.withLock { $0[Key(user: userID, patient: patientID)] = asked } }
    func forgetAll() { known.withLock { $0 = [:] } }
}
private struct AskedRelationshipsKey: StorageKey { typealias Value = [UUID: AskedRelationships] }
