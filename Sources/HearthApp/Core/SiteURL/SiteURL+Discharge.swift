import Foundation

/// `/hospital/stays/<stayID>/discharge-plan/…`: the stay's discharge plan: the needs, the patient's choice, the home health
/// order's facts, the referrals sent and a provider's answer to one.
enum DischargePlanURL: Hashable, Sendable {
    case needs, choice, orderFacts, referrals
    case answer(UUID)

    var segments: [URLSegment] {
        switch self {
        case .needs: ["needs"]
        case .choice: ["choice"]
        case .orderFacts: ["order-facts"]
        case .referrals: ["referrals"]
        case let .answer(id): ["referrals", .id(id, "referralID"), "answer"]
        }
    }

    static var routes: [DischargePlanURL] { [.needs, .choice, .orderFacts, .referrals, .answer(.key)] }
}
