import Foundation

/// A service the patient will need after the hospital, as the discharge planning evaluation predicts it
/// [42 CFR 482.43(b)(2)]: what post-acute providers are matched on.
public enum ContinuingNeed: String, Sendable, Codable, CaseIterable {
    case skilledNursing = "skilled_nursing"
    case therapy
    case ivTherapy = "iv_therapy"
    case dme
    case aide
    case caregiverSupport = "caregiver_support"

    public var title: String {
        switch self {
        case .skilledNursing: "Skilled nursing"
        case .therapy: "Therapy"
        case .ivTherapy: "IV therapy"
        case .dme: "Durable medical equipment"
        case .aide: "Home health aide"
        case .caregiverSupport: "Caregiver support"
        }
    }
}

/// A need the assessment predicts, with the answer that predicts it.
public struct PredictedNeed: Sendable, Equatable {
    public var need: ContinuingNeed
    /// "Will IV antibiotics, fluids or another infusion continue after discharge?: Yes".
    public var reason: String
}

/// What a discharge-needs assessment says: the continuing needs, LACE from the stay and the answers, what is still unanswered.
public struct DischargeNeedsReading: Sendable, Equatable {
    public var needs: [PredictedNeed]
    /// LACE's total with its band, once every LACE item is answered.
    public var lace: ScoreResult?
    /// The L of LACE: days in hospital counted from the stay (admission to discharge, the expected discharge date or today).
    public var lengthOfStay: Int
    /// Required items not answered yet, by label.
    public var unanswered: [String]

    public var isComplete: Bool { unanswered.isEmpty }
}

/// The discharge-needs instrument (Resources/Discharge/discharge-needs.json) read with the LACE index: its findings
/// named `need-<ContinuingNeed>` are the continuing needs, and its LACE items with the stay's length feed LACE.
public struct DischargeNeedsAssessment: Sendable {
    public static let needPrefix = "need-"
    /// LACE's items the stay cannot supply: asked in the discharge-needs instrument under the same ids.
    public static let laceItems = ["acute_admission", "charlson", "ed_visits"]

    public let instrument: InstrumentDefinition
    public let lace: InstrumentDefinition

    /// Refuses an instrument whose findings name a need Hearth does not know, or that does not ask LACE's items.
    public init(instrument: InstrumentDefinition, lace: InstrumentDefinition) throws(DischargeDataError) {
        for finding in instrument.findings {
            guard finding.problem.hasPrefix(Self.needPrefix), ContinuingNeed(rawValue: String(finding.problem.dropFirst(Self.needPrefix.count))) != nil else {
                throw DischargeDataError("\(instrument.id): finding \(finding.problem) names no continuing need (use need-" +
                                         ContinuingNeed.allCases.map(\.rawValue).joined(separator: "|") + ")")
            }
        }
        for item in Self.laceItems + ["length_of_stay"] where lace.item(item) == nil {
            throw DischargeDataError("\(lace.id): LACE has no item \(item)")
        }
        for item in Self.laceItems where instrument.item(item) == nil {
            throw DischargeDataError("\(instrument.id): ask LACE's \(item) so LACE can be scored from the stay")
        }
        self.instrument = instrument
        self.lace = lace
    }

    /// The needs and LACE for these answers on this stay.
    public func evaluate(_ answers: AssessmentAnswers, stay: InpatientStay, now: Date, zone: TimeZone) -> DischargeNeedsReading {
        let visible = instrument.visibleItemIDs(given: answers)
        var needs: [PredictedNeed] = []
        for finding in instrument.findings {
            guard let need = ContinuingNeed(rawValue: String(finding.problem.dropFirst(Self.needPrefix.count))),
                  !needs.contains(where: { $0.need == need }),
                  let itemID = finding.when.item, visible.contains(itemID), let item = instrument.item(itemID),
                  finding.when.isMet(by: answers[itemID]), let answer = answers[itemID] else { continue }
            needs.append(PredictedNeed(need: need, reason: "\(item.name): \(answer.display(for: item))"))
        }
        let days = Self.lengthOfStay(stay, now: now, zone: zone)
        var laceAnswers = AssessmentAnswers(["length_of_stay": .number(Double(days))])
        for item in Self.laceItems { laceAnswers.values[item] = answers[item] }
        let score = lace.evaluate(laceAnswers).headline
        let unanswered = instrument.items.filter { $0.required && visible.contains($0.id) && !answers.hasAnswer($0.id) }.map(\.name)
        return DischargeNeedsReading(needs: needs.sorted { ContinuingNeed.allCases.firstIndex(of: $0.need)! < ContinuingNeed.allCases.firstIndex(of: $1.need)! },
                                     lace: score, lengthOfStay: days, unanswered: unanswered)
    }

    /// LACE's L: whole days from the inpatient admission (or arrival, for a patient never admitted) to the discharge,
    /// else the expected discharge date, else today; under one day counts as 0 (van Walraven 2010).
    public static func lengthOfStay(_ stay: InpatientStay, now: Date, zone: TimeZone) -> Int {
        let start = CalendarDate(stay.admittedAt ?? stay.arrivedAt, in: zone)
        let today = CalendarDate(now, in: zone)
        let end = stay.dischargedAt.map { CalendarDate($0, in: zone) } ?? max(stay.expectedDischarge ?? today, today)
        return max(0, start.days(until: end))
    }
}

/// A discharge reference file that cannot be used, with the file's words; start-up stops on it.
public struct DischargeDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
