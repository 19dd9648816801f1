import Foundation

/// `/hospital/stays/<stayID>/discharge-plan/…`: the stay's discharge plan: the needs, the patient's choice, the home health
/// order's facts, the referrals sent and a provider's answer to one.
enum DischargePlanURL: Hashable, Sendable {
    case needs, choice, orderFacts, referrals
    case answer(UUID)
    /// Sends a referral to a partner agency again after it was not delivered.
    case retry(UUID)

    var segments: [URLSegment] {
        switch self {
        case .needs: ["needs"]
        case .choice: ["choice"]
        case .orderFacts: ["order-facts"]
        case .referrals: ["referrals"]
        case let .answer(id): ["referrals", .id(id, "referralID"), "answer"]
        case let .retry(id): ["referrals", .id(id, "referralID"), "retry"]
        }
    }

    static var routes: [DischargePlanURL] { [.needs, .choice, .orderFacts, .referrals, .answer(.key), .retry(.key)] }
}
