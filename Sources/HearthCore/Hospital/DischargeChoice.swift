import Foundation

/// The patient's list of post-acute providers (IMPACT Act; 42 CFR 482.43(c)): every Medicare-participating provider of
/// the planned setting that serves the patient's area, in name order, each with what it offers against the patient's
/// needs, its network standing, whether it takes patients now, its quality data with source and date, and any
/// financial interest disclosed. Nothing is marked preferred and nothing is left off to steer the choice.
public struct DischargeChoiceList: Sendable, Equatable {
    public static let listCitation = "42 CFR 482.43(c)(1)"
    public static let freedomCitation = "42 CFR 482.43(c)(2)"
    public static let disclosureCitation = "42 CFR 482.43(c)(3)"
    public static let qualityCitation = "42 CFR 482.43(c)(4)"
    public static let networkCitation = "42 CFR 482.43(c)(1)(ii)"

    public var setting: Disposition
    public var options: [PostAcuteOption]
    /// Providers of the setting left off because they do not serve the patient's area (or do not take Medicare).
    public var notServingArea: Int
    public var payer: DischargePayer?
    public var qualitySource: PostAcuteDirectory.QualitySource

    /// The settings a choice list is for: home health, SNF, IRF, LTCH (482.43(c)), and hospice alongside.
    public static let settings: [Disposition] = [.homeHealth, .skilledNursing, .inpatientRehab, .longTermCare, .hospice]

    /// The list for a patient who lives (or asked to go) in `zip`, with these needs and this payer.
    public init(directory: PostAcuteDirectory, setting: Disposition, needs: [ContinuingNeed], payerName: String?, zip: String, medicare: Bool) {
        let payer = directory.payer(named: payerName)
        let ofSetting = directory.providers.filter { $0.setting == setting }
        let listed = ofSetting.filter { $0.serves(zip: zip) && (!medicare || $0.medicare) }
        self.setting = setting
        self.payer = payer
        qualitySource = directory.quality
        notServingArea = ofSetting.count - listed.count
        options = listed.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }.map { provider in
            let network: NetworkStanding = switch payer?.kind {
            case .originalMedicare?: .noNetwork
            case nil: .unknown
            default: provider.networks.contains(payer!.name) ? .inNetwork : .outOfNetwork
            }
            return PostAcuteOption(provider: provider, covers: needs.filter(provider.services.contains),
                                   missing: needs.filter { !provider.services.contains($0) }, network: network)
        }
    }

    public var providerIDs: [String] { options.map(\.provider.id) }

    public func option(_ id: String) -> PostAcuteOption? { options.first { $0.provider.id == id } }

    /// What the patient is told about the list: freedom of choice, and for a plan with a network, to verify it.
    public var patientNotice: String {
        var text = "You may choose any provider on this list; the hospital does not choose for you or limit your choice (\(Self.freedomCitation))."
        if payer?.kind.hasNetwork ?? true {
            text += " Check with your plan which providers are in its network; the network shown is what the hospital knows (\(Self.networkCitation))."
        }
        return text
    }
}

/// What the person recording the patient's choice submitted: the list shown, the marks on it, the choice.
public struct DischargeChoiceSubmission: Sendable, Equatable {
    public enum Chooser: String, Sendable, CaseIterable {
        case patient
        case representative
        /// The patient was shown the list and declined to choose: the hospital refers on the patient's stated preferences.
        case declined

        public var title: String {
            switch self {
            case .patient: "The patient"
            case .representative: "The patient's representative"
            case .declined: "The patient declined to choose"
            }
        }
    }

    /// The provider ids of the list as it was shown, in its order.
    public var shown: [String]
    /// Any provider marked preferred, recommended or otherwise singled out: always refused.
    public var preferred: [String]
    /// The providers chosen, first choice first.
    public var chosen: [String]
    public var chooser: Chooser?
    public var representative: String

    public init(shown: [String], preferred: [String] = [], chosen: [String], chooser: Chooser?, representative: String = "") {
        self.shown = shown
        self.preferred = preferred
        self.chosen = chosen
        self.chooser = chooser
        self.representative = representative
    }

    /// Problems by form field; empty when the choice can be recorded with the list shown.
    public func problems(against list: DischargeChoiceList) -> [String: String] {
        var problems: [String: String] = [:]
        if !preferred.isEmpty {
            problems["list"] = "A choice list may not mark a provider as preferred or recommended: the hospital must not specify or otherwise limit"
                + " the qualified providers available to the patient (\(DischargeChoiceList.freedomCitation)). Show the list without the mark."
        } else if Set(shown) != Set(list.providerIDs) {
            let left = list.options.filter { !shown.contains($0.provider.id) }.map(\.provider.name)
            problems["list"] = left.isEmpty
                ? "The list shown is not the current list for this patient (needs, payer or area changed): show the list again and record the choice."
                : "The list shown left out \(left.joined(separator: ", ")): list every participating provider that serves the patient's area"
                    + " (\(DischargeChoiceList.listCitation)), then record the choice."
        }
        switch chooser {
        case nil: problems["chooser"] = "Say who chose: the patient, the representative, or that the patient declined to choose."
        case .representative?:
            if representative.trimmingCharacters(in: .whitespaces).isEmpty { problems["representative"] = "Name the representative who chose." }
        case .declined?:
            if !chosen.isEmpty { problems["chosen"] = "The patient declined to choose: leave the choices empty, or record who chose." }
        case .patient?: break
        }
        if chooser != .declined {
            if chosen.isEmpty { problems["chosen"] = "Tick the provider or providers the patient chose, or record that the patient declined to choose." }
            if let stray = chosen.first(where: { !shown.contains($0) }) {
                problems["chosen"] = "\(stray) was not on the list shown: the choice is made from the list."
            }
        }
        return problems
    }
}

/// Whether a referral to a provider may go: out of the patient's network only with the reason it is overridden.
public enum PostAcuteReferralRules {
    public static func networkProblem(_ option: PostAcuteOption, payer: DischargePayer?, overrideReason: String) -> String? {
        guard option.network == .outOfNetwork, overrideReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return "\(option.provider.name) is not in \(payer?.name ?? "the plan")'s network, so the plan may not pay"
            + " (\(DischargeChoiceList.networkCitation)). Give the override reason (the patient chose it knowing this, or the plan approved"
            + " a single-case agreement), or refer in network."
    }
}
