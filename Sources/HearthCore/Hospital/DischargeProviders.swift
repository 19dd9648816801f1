import Foundation

/// Who pays, as the discharge plan needs it: whether the payer has a network, and whether it authorizes home health first.
public struct DischargePayer: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Original Medicare: no network; any Medicare-participating provider may be chosen.
        case originalMedicare = "original_medicare"
        case medicareAdvantage = "medicare_advantage"
        case commercial
        case medicaid

        public var hasNetwork: Bool { self != .originalMedicare }
    }

    public var name: String
    public var kind: Kind
    /// The plan wants its authorization before home health starts, or it denies the claim.
    public var homeHealthAuthorization: Bool
}

/// A post-acute provider as the hospital lists it: what it offers, where, for which networks, whether it takes
/// patients now, its quality data and any financial interest the hospital must disclose.
public struct PostAcuteProvider: Sendable, Codable, Equatable, Identifiable {
    public struct QualityMeasure: Sendable, Codable, Equatable {
        public var measure: String
        public var value: String
    }

    public var id: String
    public var name: String
    /// The setting it provides: `home_health`, `snf`, `irf`, `ltch`, `hospice` (a `Disposition` raw value).
    public var setting: Disposition
    /// CMS Certification Number.
    public var ccn: String?
    /// Participates in Medicare: only those go on a Medicare patient's list [42 CFR 482.43(c)(1)].
    public var medicare: Bool
    public var services: [ContinuingNeed]
    /// Payers' names whose network it is in.
    public var networks: [String]
    /// ZIP codes or ZIP prefixes it serves (as the provider defines its area).
    public var serviceArea: [String]
    /// Whether it is taking new patients now.
    public var accepting: Bool
    /// `this-installation`: a Hearth agency on this installation, whose intake inbox receives the referral.
    public var receiver: String?
    /// The hospital's disclosable financial interest in it, or its interest in the hospital [42 CFR 482.43(c)(3)].
    public var financialInterest: String?
    public var quality: [QualityMeasure]

    public var isThisInstallation: Bool { receiver == "this-installation" }

    public func serves(zip: String) -> Bool { serviceArea.contains { !$0.isEmpty && zip.hasPrefix($0) } }
}

/// The post-acute provider table (Resources/Discharge/post-acute-providers.json): providers, payers, and where the
/// quality data came from and when.
public struct PostAcuteDirectory: Sendable, Codable, Equatable {
    public struct QualitySource: Sendable, Codable, Equatable {
        public var source: String
        /// `YYYY-MM-DD`: the data's date, shown beside every measure.
        public var asOf: String
    }

    public var version: Int
    public var quality: QualitySource
    public var payers: [DischargePayer]
    public var providers: [PostAcuteProvider]

    /// Words that make a list steer: refused in the table as they are on a list [42 CFR 482.43(c)(2)].
    static let steeringWords = ["preferred", "recommended", "partner", "best choice"]

    /// Parses and checks the file: unique ids, a dated quality source, no provider named or described as preferred.
    public init(json: Data) throws(DischargeDataError) {
        do { self = try JSONDecoder().decode(Self.self, from: json) } catch { throw DischargeDataError("post-acute-providers.json: \(error)") }
        guard CalendarDate(quality.asOf) != nil, !quality.source.isEmpty else {
            throw DischargeDataError("post-acute-providers.json: quality needs its source and its date (asOf, YYYY-MM-DD)")
        }
        var seen: Set<String> = []
        for provider in providers {
            guard seen.insert(provider.id).inserted else { throw DischargeDataError("post-acute-providers.json: provider \(provider.id) is listed twice") }
            let words = ([provider.name, provider.financialInterest ?? ""] + provider.quality.flatMap { [$0.measure, $0.value] }).joined(separator: " ").lowercased()
            if let word = Self.steeringWords.first(where: words.contains) {
                throw DischargeDataError("post-acute-providers.json: provider \(provider.id) says \"\(word)\"; a choice list may not steer (42 CFR 482.43(c)(2))")
            }
        }
    }

    public init(version: Int = 1, quality: QualitySource, payers: [DischargePayer], providers: [PostAcuteProvider]) {
        self.version = version
        self.quality = quality
        self.payers = payers
        self.providers = providers
    }

    public func payer(named name: String?) -> DischargePayer? { payers.first { $0.name == name } }
    public func provider(_ id: String) -> PostAcuteProvider? { providers.first { $0.id == id } }
}

/// How a provider stands with the patient's payer.
public enum NetworkStanding: String, Sendable, Equatable {
    /// Original Medicare: any participating provider.
    case noNetwork = "no_network"
    case inNetwork = "in_network"
    case outOfNetwork = "out_of_network"
    /// The payer is not in the table: the patient must check with the plan.
    case unknown

    public var title: String {
        switch self {
        case .noNetwork: "Original Medicare: no network"
        case .inNetwork: "In network"
        case .outOfNetwork: "Out of network"
        case .unknown: "Network not known: check with the plan"
        }
    }
}

/// One provider on the patient's list, matched to the patient's needs, payer and area.
public struct PostAcuteOption: Sendable, Equatable {
    public var provider: PostAcuteProvider
    public var covers: [ContinuingNeed]
    public var missing: [ContinuingNeed]
    public var network: NetworkStanding

    /// Offers every need and is in network (or needs none) and accepting: worth a referral without a second thought.
    public var isFullMatch: Bool { missing.isEmpty && network != .outOfNetwork && provider.accepting }
}
