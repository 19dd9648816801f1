import Foundation

/// What a criteria source is asked: this stay, now, and the level of care under review.
public struct ReviewCase: Sendable {
    public var stay: InpatientStay
    public var now: Date
    public var proposedLevel: StayStatus
    /// CPT/HCPCS codes of the procedures done or planned on this stay.
    public var procedureCodes: [String]
    public var clock: StayClock

    public init(stay: InpatientStay, now: Date, proposedLevel: StayStatus, procedureCodes: [String] = [], clock: StayClock) {
        self.stay = stay
        self.now = now
        self.proposedLevel = proposedLevel
        self.procedureCodes = procedureCodes
        self.clock = clock
    }
}

/// One criterion a source checked: met, not met, or (nil) not something this source decides.
public struct CriterionFinding: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var citation: String
    public var met: Bool?
    public var explanation: String
}

/// A source's answer: whether the level of care under review meets its criteria, the level it points to, and why.
public struct CriteriaResult: Sendable, Equatable {
    public var sourceID: String
    public var sourceName: String
    /// nil when the source cannot answer inside Hearth (a licensed set run in its own product): the reviewer records it.
    public var met: Bool?
    public var suggestedLevel: StayStatus?
    public var findings: [CriterionFinding]
}

/// A set of medical-necessity criteria. Hearth ships its own open rules for what CMS defines (`CMSCriteria`); licensed
/// sets (InterQual, MCG) plug in behind the same interface — an adapter that calls the licensed product — and their
/// content is never copied into Hearth.
public protocol CriteriaSource: Sendable {
    var id: String { get }
    var name: String { get }
    /// Licensed content that Hearth does not hold.
    var isLicensed: Bool { get }
    func evaluate(_ review: ReviewCase) -> CriteriaResult
}

/// Hearth's open criteria, each cited: the two-midnight benchmark [42 CFR 412.3(d)(1)], the inpatient-only list
/// [412.3(d)(2)] and the observation hours Medicare expects [Medicare Benefit Policy Manual ch. 6 §20.6].
public struct CMSCriteria: CriteriaSource {
    public static let observationCitation = "Medicare Benefit Policy Manual (Pub. 100-02) ch. 6 §20.6"
    /// "In only rare and exceptional cases do reasonable and necessary outpatient observation services span more than 48 hours."
    public static let observationLimitHours = 48.0

    public var inpatientOnly: InpatientOnlyList
    public let id = "hearth-cms"
    public let name = "Hearth's CMS rules (two-midnight, inpatient-only list, observation hours)"
    public let isLicensed = false

    public init(inpatientOnly: InpatientOnlyList) { self.inpatientOnly = inpatientOnly }

    public func evaluate(_ review: ReviewCase) -> CriteriaResult {
        let crossed = review.clock.midnightsCrossed(review.stay, now: review.now)
        let expected = review.clock.expectedMidnights(review.stay)
        let twoMidnights = crossed >= 2 || (expected ?? 0) >= 2
        let listed = inpatientOnly.listed(review.procedureCodes)
        let hours = Self.observationHours(review.stay, now: review.now)
        let findings = [
            CriterionFinding(id: "two-midnight", title: "Two-midnight expectation", citation: StayClock.twoMidnightCitation, met: twoMidnights,
                             explanation: "\(crossed) midnight\(crossed == 1 ? "" : "s") crossed since arrival, "
                                + (expected.map { "\($0) expected by the expected discharge date" } ?? "no expected discharge date")
                                + ". Inpatient admission is generally appropriate when the physician expects care to cross two midnights."),
            inpatientOnlyFinding(listed: listed, procedures: review.procedureCodes),
            CriterionFinding(id: "observation-hours", title: "Observation hours", citation: Self.observationCitation, met: hours.map { $0 < Self.observationLimitHours },
                             explanation: hours.map { "\(Int($0)) hours in observation; Medicare expects observation rarely to pass 48 hours." }
                                ?? "Not in observation."),
        ]
        let suggested: StayStatus = twoMidnights || !listed.isEmpty ? .inpatient : (review.stay.currentStatus == .outpatientInBed ? .outpatientInBed : .observation)
        let met: Bool = switch review.proposedLevel {
        case .inpatient: twoMidnights || !listed.isEmpty
        case .observation: listed.isEmpty && !twoMidnights && (hours ?? 0) < Self.observationLimitHours
        case .outpatientInBed: listed.isEmpty && !twoMidnights
        }
        return CriteriaResult(sourceID: id, sourceName: name, met: met, suggestedLevel: suggested, findings: findings)
    }

    /// Whether a procedure is on the loaded inpatient-only list, naming the list; with no list loaded, not decided here.
    func inpatientOnlyFinding(listed: [String], procedures: [String]) -> CriterionFinding {
        let entered = procedures.isEmpty ? " was entered" : " among \(procedures.joined(separator: ", "))"
        guard inpatientOnly.isLoaded else {
            return CriterionFinding(id: "inpatient-only", title: "Inpatient-only procedure", citation: InpatientOnlyList.citation, met: nil,
                                    explanation: "\(InpatientOnlyList.notLoadedMessage): check the procedures\(procedures.isEmpty ? "" : " (\(procedures.joined(separator: ", ")))") against it yourself.")
        }
        return CriterionFinding(id: "inpatient-only", title: "Inpatient-only procedure", citation: InpatientOnlyList.citation, met: !listed.isEmpty,
                                explanation: listed.isEmpty
                                    ? "No procedure on the inpatient-only list\(entered) (\(inpatientOnly.source))."
                                    : "\(listed.map { "\($0) (\(inpatientOnly.codes[$0] ?? ""))" }.joined(separator: ", ")) is on the inpatient-only list (\(inpatientOnly.source)): admit whatever the expected stay.")
    }

    /// Hours since the current observation order, while the patient is in observation; nil otherwise.
    public static func observationHours(_ stay: InpatientStay, now: Date) -> Double? {
        guard !stay.isDischarged, let last = stay.statusHistory.last, last.status == .observation else { return nil }
        return max(0, now.timeIntervalSince(last.starts) / 3600)
    }
}

/// A licensed criteria set that runs in its own product: Hearth records which set and subset the reviewer applied and
/// the answer it gave, and holds none of its content.
public struct LicensedCriteria: CriteriaSource {
    public var id: String
    public var name: String
    public let isLicensed = true

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The sets a hospital is known to license; an installation without the licence simply does not choose them.
    public static let known = [
        LicensedCriteria(id: "interqual", name: "InterQual (licensed; applied in InterQual)"),
        LicensedCriteria(id: "mcg", name: "MCG care guidelines (licensed; applied in MCG)"),
    ]

    public func evaluate(_ review: ReviewCase) -> CriteriaResult {
        CriteriaResult(sourceID: id, sourceName: name, met: nil, suggestedLevel: nil, findings: [
            CriterionFinding(id: "licensed", title: name, citation: "licensed criteria, not held by Hearth", met: nil,
                             explanation: "Apply the subset in the licensed product, then record here whether it was met and the evidence it rested on."),
        ])
    }
}
