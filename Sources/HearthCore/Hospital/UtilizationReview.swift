import Foundation

/// When in the stay a review is done [42 CFR 482.30(c), (d)]: at admission, or concurrently while the patient is here.
public enum ReviewKind: String, Sendable, Codable, CaseIterable {
    case admission
    case concurrent

    public var title: String { self == .admission ? "Admission review" : "Concurrent review" }
}

/// A utilization review as recorded: the level of care reviewed, whether the criteria were met and on what evidence,
/// the next review date and who reviewed.
public struct UtilizationReview: Sendable, Equatable {
    public var kind: ReviewKind
    public var reviewedAt: Date
    public var levelOfCare: StayStatus
    public var criteriaSourceID: String
    public var criteriaMet: Bool
    public var evidence: String
    public var drg: String?
    public var procedureCodes: [String]
    public var nextReview: CalendarDate
    public var reviewer: String

    public init(kind: ReviewKind, reviewedAt: Date, levelOfCare: StayStatus, criteriaSourceID: String, criteriaMet: Bool, evidence: String,
                drg: String? = nil, procedureCodes: [String] = [], nextReview: CalendarDate, reviewer: String) {
        self.kind = kind
        self.reviewedAt = reviewedAt
        self.levelOfCare = levelOfCare
        self.criteriaSourceID = criteriaSourceID
        self.criteriaMet = criteriaMet
        self.evidence = evidence
        self.drg = drg
        self.procedureCodes = procedureCodes
        self.nextReview = nextReview
        self.reviewer = reviewer
    }
}

/// The next review date a reviewer is offered, and why.
public struct NextReviewSuggestion: Sendable, Equatable {
    public var day: CalendarDate
    public var explanation: String
}

public enum ReviewRules {
    /// The earliest of: the payer's cadence from the review day, the date the payer asked for, and the first day past
    /// the DRG's GMLOS (a stay outrunning its norm is reviewed then); never the review day itself.
    public static func nextReview(reviewedOn: CalendarDate, cadenceDays: Int, cadenceSource: String, payerAsked: CalendarDate?,
                                  lengthOfStay: LengthOfStayComparison?) -> NextReviewSuggestion {
        var candidates = [(reviewedOn.adding(days: cadenceDays), "every \(cadenceDays) day\(cadenceDays == 1 ? "" : "s") (\(cadenceSource))")]
        if let payerAsked, payerAsked > reviewedOn { candidates.append((payerAsked, "the payer asked for a review by \(payerAsked)")) }
        if let los = lengthOfStay, los.gmlosDay > reviewedOn {
            candidates.append((los.gmlosDay, "the stay passes its GMLOS of \(LengthOfStayComparison.one(los.gmlos)) days (DRG \(los.drg); \(los.source)) on \(los.gmlosDay)"))
        }
        let earliest = candidates.min { $0.0 < $1.0 }!
        return NextReviewSuggestion(day: earliest.0, explanation: "Next review \(earliest.0): \(earliest.1).")
    }

    /// Problems with recording `review` on `stay`, keyed by form field; empty when it can be saved.
    public static func problems(_ review: UtilizationReview, stay: InpatientStay, now: Date, zone: TimeZone) -> [String: String] {
        var problems: [String: String] = [:]
        if review.reviewedAt > now { problems["reviewedAt"] = "Give when the review was done: now or earlier." }
        if review.reviewedAt < stay.arrivedAt {
            problems["reviewedAt"] = "A review cannot be dated before the patient arrived (\(StayLifecycle.stamp(stay.arrivedAt, zone)))."
        }
        if let discharged = stay.dischargedAt, review.reviewedAt > discharged {
            problems["reviewedAt"] = "The patient left \(StayLifecycle.stamp(discharged, zone)): date the review on or before the discharge."
        }
        if review.evidence.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            problems["evidence"] = "Write the evidence the finding rests on: vital signs, treatments, the physician's documented expectation."
        }
        let reviewDay = CalendarDate(review.reviewedAt, in: zone)
        if review.nextReview <= reviewDay && stay.dischargedAt == nil {
            problems["nextReview"] = "The next review comes after this one: give a date after \(reviewDay)."
        }
        if let drg = review.drg, !drg.isEmpty, Int(drg) == nil || drg.count > 3 {
            problems["drg"] = "Give the working MS-DRG as its number, e.g. 291."
        }
        return problems
    }

    /// Codes typed as "33533, 27125": upper-cased, blanks dropped.
    public static func procedureCodes(_ text: String) -> [String] {
        text.split { $0 == "," || $0 == " " || $0 == ";" }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }
}

/// How the payer was reached.
public enum PayerContactMethod: String, Sendable, Codable, CaseIterable {
    case portal
    case fax
    case phone
    case email

    public var title: String {
        switch self {
        case .portal: "Payer portal"
        case .fax: "Fax"
        case .phone: "Phone call"
        case .email: "Secure e-mail"
        }
    }
}
