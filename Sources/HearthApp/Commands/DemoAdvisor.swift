import Fluent
import Foundation
import HearthCore
import Vapor

/// The physician advisor and Riverside General's UR committee: the advisor (`advisor`), an attending who also sits on
/// the committee (so the conflict rule has someone to refuse), the agency's physician with a declared financial interest,
/// two referrals waiting in the advisor's queue and one determination whose written notice is due. Every name is made up.
enum DemoAdvisor {
    static let username = "advisor"
    static let attendingMember = "drreyes"

    /// Creates the users, the roster, the referrals and the determination, once.
    static func seed(now: Date, hasher: any PasswordHasher, on db: any Database) async throws {
        guard try await URCommitteeMemberRecord.query(on: db).count() == 0,
              let hospital = try await Organization.query(on: db).filter(\.$name == DemoUtilization.hospitalName).first(),
              let nurse = try await User.query(on: db).filter(\.$username == DemoUtilization.username).first() else { return }
        let hash = try hasher.hash(DemoSeed.password)
        let advisor = try await User.query(on: db).filter(\.$username == username).first()
            ?? User(username: username, displayName: "Dr. Miriam Ostrowski, MD", role: Role.physicianAdvisor.rawValue, passwordHash: hash)
        let reyes = try await User.query(on: db).filter(\.$username == attendingMember).first()
            ?? User(username: attendingMember, displayName: "Dr. Sofia Reyes", role: Role.physician.rawValue, passwordHash: hash)
        let patel = try await User.query(on: db).filter(\.$username == "physician").first()
        let stays = Dictionary(try await HospitalStay.query(on: db).all().map { ($0.familyName, $0) }, uniquingKeysWith: { first, _ in first })
        try await db.transaction { db in
            for user in [advisor, reyes] where user.id == nil { try await user.create(on: db) }
            let hospitalID = try hospital.requireID()
            try await member(hospitalID, advisor, interest: nil, on: db)
            try await member(hospitalID, reyes, interest: nil, on: db)
            if let patel { try await member(hospitalID, patel, interest: "Holds a 2% ownership share in Riverside General Hospital", on: db) }
            let referrals: [(String, Double, String)] = [
                ("Russo", 5, "Day 3 after a knee replacement, pain controlled on oral medication, PT cleared stairs: does the continued stay meet criteria?"),
                ("Evans", 2, "Admitted inpatient for syncope with an expected stay under two midnights: is inpatient care necessary, or should this be observation?"),
                ("Chen", 30, "Erythema receding on oral antibiotics since yesterday: is the continued stay necessary?"),
            ]
            for (family, hoursAgo, question) in referrals {
                guard let stay = stays[family] else { continue }
                let row = AdvisorReferral()
                row.$stay.id = try stay.requireID()
                row.advisor = advisor.displayName
                row.$advisorUser.id = try advisor.requireID()
                row.question = question
                row.referredAt = max(now.addingTimeInterval(-hoursAgo * 3600), stay.arrivedAt)
                row.$recordedBy.id = try nurse.requireID()
                row.recordedByName = nurse.displayName
                try await row.create(on: db)
                guard family == "Chen" else { continue }
                // Decided yesterday, the attending asked and silent: the written notice is due by tomorrow [42 CFR 482.30(d)(3)].
                let decided = URDeterminationRecord()
                decided.$referral.id = try row.requireID()
                decided.$stay.id = try stay.requireID()
                decided.outcome = AdvisorDetermination.notNecessary.rawValue
                decided.rationale = "Afebrile 36 hours, erythema inside the marked border, tolerating oral cephalexin: no longer needs hospital care."
                decided.attendingView = AttendingView.didNotRespond.rawValue
                decided.determinedAt = max(now.addingTimeInterval(-26 * 3600), row.referredAt)
                decided.$member.id = try advisor.requireID()
                decided.memberName = advisor.displayName
                try await decided.create(on: db)
            }
            try await AuditLog.record(.init(actorName: "demo", action: "demo.seed", outcome: .success, detail: "UR committee and physician advisor"), on: db)
        }
    }

    private static func member(_ hospitalID: UUID, _ user: User, interest: String?, on db: any Database) async throws {
        let row = URCommitteeMemberRecord()
        row.$hospital.id = hospitalID
        row.$user.id = try user.requireID()
        row.financialInterest = interest
        row.addedByName = "Demo administrator"
        try await row.create(on: db)
    }
}
