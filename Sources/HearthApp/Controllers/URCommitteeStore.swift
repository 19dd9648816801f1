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

    /// An open referral in an advisor's queue, with its stay.
    struct OpenReferral {
        var referral: AdvisorReferral
        var stay: HospitalStay
    }

    /// The referrals made to this advisor that have no determination yet, oldest first, on stays of `hospitals` (those
    /// whose committee they still sit on).
    static func openReferrals(for advisorID: UUID, hospitals: Set<UUID>, on db: any Database) async throws -> [OpenReferral] {
        let referrals = try await AdvisorReferral.query(on: db).filter(\.$advisorUser.$id == advisorID).sort(\.$referredAt).limit(200).all()
        guard !referrals.isEmpty else { return [] }
        let answered = Set(try await URDeterminationRecord.query(on: db).filter(\.$referral.$id ~~ referrals.compactMap(\.id)).all(\.$referral.$id))
        let open = referrals.filter { !answered.contains($0.id ?? UUID()) }
        guard !open.isEmpty else { return [] }
        let stays = Dictionary(uniqueKeysWithValues: try await HospitalStay.query(on: db).filter(\.$id ~~ open.map { $0.$stay.id }).with(\.$unit).all()
            .map { ($0.id ?? UUID(), $0) })
        return open.compactMap { referral in
            guard let stay = stays[referral.$stay.id], hospitals.contains(stay.unit.$hospital.id) else { return nil }
            return OpenReferral(referral: referral, stay: stay)
        }
    }

    /// Each referral's determination, by referral id.
    static func determinations(for referralIDs: [UUID], on db: any Database) async throws -> [UUID: URDeterminationRecord] {
        guard !referralIDs.isEmpty else { return [:] }
        let rows = try await URDeterminationRecord.query(on: db).filter(\.$referral.$id ~~ referralIDs).all()
        return Dictionary(rows.map { ($0.$referral.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
