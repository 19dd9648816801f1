import Foundation

/// `/visits/<visitID>/…`: one visit and what the clinician and the scheduler do to it.
enum VisitURL: String, URLWord {
    case show = "", checkIn = "check-in", checkOut = "check-out", note, sign, missed, schedule, cancel
}

/// `/tasks/<taskID>/…`: finishing or snoozing a worklist task.
enum TaskURL: String, URLWord { case done, snooze }

/// `/staff/<userID>/…`: a staff member's profile and credentials.
enum StaffURL: String, URLWord { case show = "", profile, credentials, inService = "in-service" }

/// `/orders/<orderID>/…`: an order and its signature round trip.
enum OrderURL: String, URLWord { case show = "", sign, reject, resend, withdraw }

/// `/hospital/stays/<stayID>/…`: the hospital case manager's stay and its discharge.
enum HospitalStayURL: String, URLWord {
    case show = "", notices, status, expectedDischarge = "expected-discharge", discharge
}

/// `/referrals/inbox/<referralID>/…`: a referral a hospital sent, and intake's answer to it.
enum InboundReferralURL: String, URLWord { case show = "", accept, decline }

/// `/account/…`: the signed-in user's own password and two-step sign-in.
enum AccountURL: String, URLWord {
    case password
    case twoStep = "two-step"
    case twoStepSetup = "two-step/setup", twoStepConfirm = "two-step/confirm"
    case twoStepRecoveryCodes = "two-step/recovery-codes", twoStepTurnOff = "two-step/turn-off"

    var segments: [URLSegment] { rawValue.split(separator: "/").map { .word(String($0)) } }
}

/// `/admin/…`: the audit trail, users, bearer tokens and SMART clients.
enum AdminURL: Hashable, Sendable {
    case audit, auditExport
    case users
    case user(UUID, UserAction)
    case tokens
    case token(UUID, TokenAction)
    case clients
    case client(UUID, ClientAction)
    /// Each hospital's UR committee roster; one member's removal.
    case urCommittee
    case urCommitteeMember(UUID, MemberAction)
    /// Hearth agencies on other installations that referrals go to over HTTP; one partner's removal.
    case referralPartners
    case referralPartner(UUID, PartnerAction)

    /// One administrator action on one user.
    enum UserAction: String, URLWord {
        case disable, enable, unlock, role, resetPassword = "reset-password", resetTwoStep = "reset-two-step"
    }
    enum TokenAction: String, URLWord { case revoke }
    enum ClientAction: String, URLWord { case revoke }
    enum MemberAction: String, URLWord { case remove, interest }
    enum PartnerAction: String, URLWord { case remove }

    var segments: [URLSegment] {
        switch self {
        case .audit: ["audit"]
        case .auditExport: ["audit", "export.csv"]
        case .users: ["users"]
        case let .user(id, action): ["users", .id(id, "userID")] + action.segments
        case .tokens: ["tokens"]
        case let .token(id, action): ["tokens", .id(id, "tokenID")] + action.segments
        case .clients: ["clients"]
        case let .client(id, action): ["clients", .id(id, "clientID")] + action.segments
        case .urCommittee: ["ur-committee"]
        case let .urCommitteeMember(id, action): ["ur-committee", .id(id, "memberID")] + action.segments
        case .referralPartners: ["referral-partners"]
        case let .referralPartner(id, action): ["referral-partners", .id(id, "partnerID")] + action.segments
        }
    }
}

/// `/api/…`: JSON for scripts and the pages' own look-ups.
enum APIURL: String, URLWord { case icd10, me }
