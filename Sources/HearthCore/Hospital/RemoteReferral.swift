import Foundation

/// A Hearth home health agency on another installation, as the hospital's administrator records it: where its FHIR API
/// is, and the bearer token the agency issued to this hospital (issue 22, "the hand-off").
public enum ReferralPartnerRules {
    /// The scopes an agency grants a partner hospital: create what a referral Bundle carries, read its Tasks and cancel
    /// them (update), nothing else (`hearth token create --scopes referral`).
    public static let referralScopes = ["Patient", "Condition", "AllergyIntolerance", "Coverage", "MedicationRequest", "MedicationStatement",
                                        "Practitioner", "Organization", "ServiceRequest"].map { "system/\($0).c" }.joined(separator: " ") + " system/Task.cru"

    /// The FHIR base without its trailing slash, or the reason it cannot be one. Plain http only to this machine: the
    /// token and the referral cross the network.
    public static func baseURL(_ text: String) -> Result<String, PartnerProblem> {
        let trimmed = String(text.trimmingCharacters(in: .whitespaces).reversed().drop { $0 == "/" }.reversed())
        guard !trimmed.isEmpty else { return .failure(.init("Enter the agency's FHIR base URL, e.g. https://hearth.agency.example/fhir.")) }
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            return .failure(.init("Enter the base as https://host/fhir, with no user name, query or #fragment."))
        }
        if scheme == "http" && !["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) {
            return .failure(.init("Use https:// (the token and the referral would cross the network in the clear); http is for this machine only."))
        }
        return .success(trimmed)
    }

    /// Why the credential cannot be a bearer token, or nil.
    public static func tokenProblem(_ token: String) -> String? {
        if token.isEmpty { return "Paste the token the agency issued to this hospital." }
        if token.count < 16 || token.count > 512 || !token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) {
            return "Paste the whole token as the agency gave it: one line, no spaces (it begins hth_)."
        }
        return nil
    }

    /// What the page shows of a stored token: its start and last four characters.
    public static func hint(_ token: String) -> String { "\(token.prefix(4))…\(token.suffix(4))" }
}

public struct PartnerProblem: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The remote agency's Task as the hospital polls it [FHIR R4 Task.status]: `requested → accepted | rejected →
/// in-progress → completed`, and the answer it makes of the hospital's referral.
public enum RemoteTaskStatus: String, Sendable, CaseIterable {
    case requested, received, accepted, rejected, cancelled
    case inProgress = "in-progress"
    case completed

    /// The Task's status as the hospital case manager reads it on the stay.
    public var words: String {
        switch self {
        case .requested, .received: "waiting for the agency's intake"
        case .accepted: "accepted, start of care being scheduled"
        case .inProgress: "admitted, care under way"
        case .completed: "discharged from home health"
        case .rejected: "declined by the agency"
        case .cancelled: "withdrawn, and the agency has been told"
        }
    }

    public var referralStatus: PostAcuteReferralStatus {
        switch self {
        case .requested, .received: .sent
        case .accepted, .inProgress, .completed: .accepted
        case .rejected, .cancelled: .declined
        }
    }

    /// A FHIR id (`[A-Za-z0-9\-\.]{1,64}`): the Task id the agency answered, taken from its Location.
    public static func taskID(fromLocation location: String) -> String? {
        guard let range = location.range(of: "Task/") else { return nil }
        let id = location[range.upperBound...].prefix { $0 != "/" && $0 != "?" }
        // Never `.` or `..`: the id goes into a URL the token is sent to.
        guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
              id.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return String(id)
    }
}

/// What an agency does when the hospital that sent a referral cancels its Task (the patient chose elsewhere, or the
/// referral was withdrawn) [FHIR R4 Task state machine: `cancelled` ends a Task not yet completed; `rejected` and
/// `completed` are final]. After acceptance it still cancels, and the agency's people are told.
public enum SenderCancellation: Sendable, Equatable {
    /// Cancel it; `afterAcceptance` when the agency had accepted (an episode is open) and must be told prominently.
    case cancel(afterAcceptance: Bool)
    /// Cancelled before: the same answer again.
    case alreadyCancelled
    /// The agency declined it: nothing to cancel, the Task is answered as it stands.
    case alreadyDeclined
    /// Care was given and the patient discharged: refused with the reason.
    case refused(String)

    /// `taskStatus` is the Task as the agency serves it (`requested`, `accepted`, `in-progress`, `completed`, `rejected`, `cancelled`).
    public static func of(taskStatus: String) -> SenderCancellation {
        switch RemoteTaskStatus(rawValue: taskStatus) {
        case .requested?, .received?: .cancel(afterAcceptance: false)
        case .accepted?, .inProgress?: .cancel(afterAcceptance: true)
        case .cancelled?: .alreadyCancelled
        case .rejected?: .alreadyDeclined
        case .completed?, nil: .refused("The agency completed this referral's care and discharged the patient: there is nothing left to cancel. Call the agency if something is wrong.")
        }
    }
}

/// Why a delivery or a poll failed, in words the case manager can act on; never the referral's contents.
public enum RemoteDeliveryProblem: Error, Sendable, Equatable {
    case unreachable
    case timedOut
    case unauthorized
    case forbidden
    case refused(status: Int, reason: String?)
    case serverError(status: Int)
    case unreadable

    public var message: String {
        switch self {
        case .unreachable: "The agency's server could not be reached: check the partner's address with the administrator, then retry."
        case .timedOut: "The agency's server did not answer in time: retry in a few minutes."
        case .unauthorized: "The agency's server refused the hospital's credential (401): ask the agency for a new token, have the administrator enter it under Referral partners, then retry."
        case .forbidden: "The agency's server says the credential may not send referrals (403): ask the agency to issue a token with the referral scopes, then retry."
        case .refused(let status, let reason): "The agency's server refused the referral (\(status))\(reason.map { ": \($0)" } ?? ""). Correct the order facts, then retry."
        case .serverError(let status): "The agency's server failed (\(status)): retry later, or call the agency."
        case .unreadable: "The agency's server answered with something that is not a FHIR Task: check the partner's address (it should end in /fhir), then retry."
        }
    }

    public static func of(status: Int, reason: String?) -> RemoteDeliveryProblem? {
        switch status {
        case 200..<300: nil
        case 401: .unauthorized
        case 403: .forbidden
        case 400..<500: .refused(status: status, reason: reason.map { String($0.prefix(300)) })
        default: .serverError(status: status)
        }
    }
}
