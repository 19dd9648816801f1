import Foundation

/// `/hospital/…`: the UR nurse's queue, the physician advisor's, and the utilization reports.
enum UtilizationURL: String, URLWord {
    case queue = "review-queue"
    case advisorQueue = "advisor-queue"
    case avoidableDays = "reports/avoidable-days"
    case denials = "reports/denials"

    var segments: [URLSegment] { rawValue.split(separator: "/").map { .word(String($0)) } }
}

/// `/hospital/stays/<stayID>/review/…`: one stay's utilization review and what is recorded on it.
enum StayReviewURL: Hashable, Sendable {
    case show, reviews, payer, denials, avoidableDays, advisor
    /// An appeal filed against one denial; the decision on one appeal.
    case appeal(denial: UUID)
    case decision(appeal: UUID)
    /// A committee member's determination on one advisor referral.
    case determination(referral: UUID)

    static var routes: [StayReviewURL] {
        [.show, .reviews, .payer, .denials, .avoidableDays, .advisor, .appeal(denial: .key), .decision(appeal: .key), .determination(referral: .key)]
    }

    var segments: [URLSegment] {
        switch self {
        case .show: ["review"]
        case .reviews: ["review", "reviews"]
        case .payer: ["review", "payer"]
        case .denials: ["review", "denials"]
        case .avoidableDays: ["review", "avoidable-days"]
        case .advisor: ["review", "advisor"]
        case let .appeal(id): ["review", "denials", .id(id, "denialID"), "appeals"]
        case let .decision(id): ["review", "appeals", .id(id, "appealID"), "decision"]
        case let .determination(id): ["review", "advisor", .id(id, "referralID"), "determination"]
        }
    }
}
