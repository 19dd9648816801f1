/// How long the medication on hand lasts: the last fill and the days it was dispensed for.
public struct RefillSupply: Sendable, Hashable, Codable {
    /// Days the last fill covers, 1–365 (a pharmacy fills 30 or 90; a year is the most any plan dispenses).
    public let daysSupply: Int
    public let lastFilled: CalendarDate

    /// Ask for the refill this many days before the supply runs out: pharmacies usually allow a refill once
    /// about 75–80% of a fill is used, and home delivery takes days. Our working lead, not a regulation.
    public static let refillLeadDays = 7

    /// Nil unless `daysSupply` is 1–365.
    public init?(daysSupply: Int, lastFilled: CalendarDate) {
        guard (1...365).contains(daysSupply) else { return nil }
        self.daysSupply = daysSupply
        self.lastFilled = lastFilled
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let days = try c.decode(Int.self, forKey: .daysSupply)
        guard let supply = RefillSupply(daysSupply: days, lastFilled: try c.decode(CalendarDate.self, forKey: .lastFilled)) else {
            throw DecodingError.dataCorruptedError(forKey: .daysSupply, in: c, debugDescription: "Days' supply must be 1–365, got \(days).")
        }
        self = supply
    }

    /// The first day with no medication left: a 30-day fill on 2026-11-01 covers Nov 1–30 and runs out on Dec 1.
    public var runsOut: CalendarDate { lastFilled.adding(days: daysSupply) }

    /// The day to ask for the refill.
    public var refillDue: CalendarDate { runsOut.adding(days: -Self.refillLeadDays) }

    /// Where the supply stands on a day: enough, refill due, or run out.
    public func status(on day: CalendarDate) -> RefillStatus {
        let daysLeft = day.days(until: runsOut)
        if daysLeft <= 0 { return .overdue(daysLate: 1 - daysLeft) }
        return day < refillDue ? .ok(daysLeft: daysLeft) : .due(daysLeft: daysLeft)
    }
}

/// Where a medication's supply stands on a day.
public enum RefillStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Days of medication left, counting today.
    case ok(daysLeft: Int)
    /// Within the refill lead: order now. Days left count today.
    case due(daysLeft: Int)
    /// Ran out: days without medication, counting today (1 on the day it runs out).
    case overdue(daysLate: Int)

    /// "Refill due: 5 days left."
    public var description: String {
        switch self {
        case .ok(let days): "\(Self.days(days)) left."
        case .due(let days): "Refill due: \(Self.days(days)) left. Ask the pharmacy or prescriber now."
        case .overdue(let days): "Out of medication for \(Self.days(days)), counting today. Call the pharmacy and the prescriber today."
        }
    }

    private static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}
