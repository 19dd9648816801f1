import Fluent
import Foundation
import HearthCore
import Vapor

/// Each hospital's UR committee as the conflict rule reads it, who cares for a stay's patient, and the advisor's queue.
enum URCommitteeStore {
    /// A roster row with the member as HearthCore reads them.
    struct Member {
        var row: URCommitteeMemberRecord
        var member: URCommitteeMember
    }

    /// The hospital's committee, by name.
    static func members(of hospitalID: UUID, on db: any Database) async throws -> [Member] {
        let rows = try await URCommitteeMemberRecord.query(on: db).filter(\.$hospital.$id == hospitalID).with(\.$user).all()
        return rows.map { row in
            Member(row: row, member: URCommitteeMember(id: row.$user.id.uuidString, name: row.user.displayName,
                                                       role: Role(rawValue: row.user.role) ?? .physician, financialInterest: row.financialInterest))
        }.sorted { $0.member.name < $1.member.name }
    }

    /// Whether the user sits on the committee of the hospital: a physician advisor reads that hospital's stays.
    static func isMember(_ userID: UUID, hospitalID: UUID, on db: any Database) async throws -> Bool {
        try await URCommitteeMemberRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$hospital.$id == hospitalID).count() > 0
    }

    /// Who is professionally involved in the patient's care: the stay's attendings and, when the stay is linked to a
    /// chart, that chart's case manager, physician and care team.
    static func careTeam(_ stay: HospitalStore.LoadedStay, on db: any Database) async throws -> StayCareTeam {
        let attendings = [stay.row.attending].compactMap { $0 } + stay.statuses.compactMap(\.concurringAttending)
        guard let patientID = stay.row.$patient.id else { return StayCareTeam(attendings: attendings) }
        var users = Set(try await CareTeamMember.query(on: db).filter(\.$patient.$id == patientID).all(\.$user.$id).map(\.uuidString))
        if let patient = try await Patient.find(patientID, on: db) {
            users.formUnion([patient.$caseManager.id, patient.$physician.id].compactMap { $0?.uuidString })
        }
        return StayCareTeam(attendings: attendings, userIDs: users)
    }

    /// A referral in an advisor's queue, with its stay, and its determination once answered.
    struct QueuedReferral {
        var referral: AdvisorReferral
        var stay: HospitalStay
        var determination: URDeterminationRecord?
    }

    /// The referrals made to this advisor on stays of `hospitals` (those whose committee they still sit on): those with no
    /// determination yet, oldest first, and the `answered` most recent determinations they made, newest first.
    static func referrals(for advisorID: UUID, hospitals: Set<UUID>, answered: Int = 20, on db: any Database) async throws -> (open: [QueuedReferral], answered: [QueuedReferral]) {
        // Open first, by the database: an advisor's answered referrals grow for years and must not crowd the waiting ones out.
        let openIDs = try await db.sql.raw("""
            SELECT r.id FROM advisor_referrals r WHERE r.advisor_id = \(bind: advisorID)
            AND NOT EXISTS (SELECT 1 FROM ur_determinations d WHERE d.referral_id = r.id) ORDER BY r.referred_at, r.id LIMIT 200
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let decided = try await URDeterminationRecord.query(on: db).filter(\.$member.$id == advisorID).sort(\.$determinedAt, .descending)
            .limit(answered).with(\.$referral).all()
        let open = openIDs.isEmpty ? [] : try await AdvisorReferral.query(on: db).filter(\.$id ~~ openIDs).sort(\.$referredAt).sort(\.$id).all()
        let stayIDs = Set(open.map { $0.$stay.id } + decided.map { $0.$stay.id })
        guard !stayIDs.isEmpty else { return ([], []) }
        let stays = Dictionary(uniqueKeysWithValues: try await HospitalStay.query(on: db).filter(\.$id ~~ Array(stayIDs)).with(\.$unit).all()
            .map { ($0.id ?? UUID(), $0) })
        func queued(_ referral: AdvisorReferral, _ determination: URDeterminationRecord?) -> QueuedReferral? {
            guard let stay = stays[referral.$stay.id], hospitals.contains(stay.unit.$hospital.id) else { return nil }
            return QueuedReferral(referral: referral, stay: stay, determination: determination)
        }
        return (open.compactMap { queued($0, nil) }, decided.compactMap { queued($0.referral, $0) })
    }

    /// Each referral's determination, by referral id.
    static func determinations(for referralIDs: [UUID], on db: any Database) async throws -> [UUID: URDeterminationRecord] {
        guard !referralIDs.isEmpty else { return [:] }
        let rows = try await URDeterminationRecord.query(on: db).filter(\.$referral.$id ~~ referralIDs).all()
        return Dictionary(rows.map { ($0.$referral.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
