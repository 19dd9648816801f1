import Foundation

/// The unsigned-order aging report: every order not yet signed, by physician, bucketed by days since it was sent.
/// Orders still with the case manager (drafts, rejected orders) have no age and are counted as "not sent".
public struct UnsignedOrderAging: Sendable, Equatable {
    /// An order is overdue for the chart flag once more than this many days have passed since it was sent. CMS sets
    /// no day count (the plan must be signed before the claim [42 CFR 409.43(c)]), but 30 days is the common agency
    /// and state-survey expectation, and it is the report's oldest bucket, so the flag and the report agree.
    public static let overdueAfterDays = 30

    /// The one definition of an overdue unsigned order: with the physician more than `overdueAfterDays` agency days
    /// (31 or more) and still unsigned; `nil` (not sent, or signed) is never overdue. The report's oldest bucket, the
    /// chart's flag, the orders list and the worklist's escalation all ask this.
    public static func isOverdue(daysSinceSent days: Int?) -> Bool {
        guard let days else { return false }
        return days > overdueAfterDays
    }

    public enum Bucket: String, Sendable, Hashable, CaseIterable, Comparable {
        case upTo15 = "0-15"
        case upTo30 = "16-30"
        case over30 = "31+"

        public init(daysSinceSent days: Int) {
            self = UnsignedOrderAging.isOverdue(daysSinceSent: days) ? .over30 : days <= 15 ? .upTo15 : .upTo30
        }

        public var title: String { rawValue + " days" }

        public static func < (lhs: Bucket, rhs: Bucket) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }

    /// What the report needs of one order.
    public struct Item: Sendable, Equatable {
        public var orderID: String
        public var physicianID: String
        public var physicianName: String
        public var state: OrderState
        /// The day it was sent; for a verbal order not yet sent, the day it was taken (its signature is owed from then).
        public var agingFrom: CalendarDate?

        public init(orderID: String, physicianID: String, physicianName: String, state: OrderState, agingFrom: CalendarDate?) {
            self.orderID = orderID
            self.physicianID = physicianID
            self.physicianName = physicianName
            self.state = state
            self.agingFrom = agingFrom
        }

        /// The report's view of an order, with its days counted in the agency's time zone.
        public init(_ order: PhysicianOrder, timeZone: TimeZone) {
            let from: Date? = order.state == .received ? order.verbal?.receivedAt : order.sentAt
            self.init(orderID: order.id, physicianID: order.physician.id, physicianName: order.physician.name, state: order.state,
                      agingFrom: from.map { CalendarDate($0, in: timeZone) })
        }

        /// Days since sent, or nil when the order is not with the physician (draft, rejected) or is signed.
        public func daysSinceSent(today: CalendarDate) -> Int? {
            guard state == .sent || state == .received, let agingFrom else { return nil }
            return max(0, agingFrom.days(until: today))
        }
    }

    /// One physician's line, or the totals line.
    public struct Row: Sendable, Equatable {
        public var physicianID: String
        public var physicianName: String
        public var counts: [Bucket: Int]
        /// Unsigned orders still with the case manager: drafts and rejected orders awaiting revision.
        public var notSent: Int
        /// Days since the oldest order in this row was sent.
        public var oldestDays: Int?

        public func count(_ bucket: Bucket) -> Int { counts[bucket] ?? 0 }

        /// Orders with the physician, all buckets together.
        public var awaitingSignature: Int { counts.values.reduce(0, +) }

        /// Every unsigned order on the line.
        public var total: Int { awaitingSignature + notSent }

        /// Sent more than `overdueAfterDays` ago and still unsigned.
        public var overdue: Int { count(.over30) }

        mutating func add(days: Int?) {
            guard let days else { notSent += 1; return }
            counts[Bucket(daysSinceSent: days), default: 0] += 1
            oldestDays = max(oldestDays ?? days, days)
        }
    }

    /// One row per physician with unsigned orders, the one with the oldest order first, then by name.
    public var rows: [Row]
    public var totals: Row

    public init(_ items: [Item], today: CalendarDate) {
        var byPhysician: [String: Row] = [:]
        var totals = Row(physicianID: "", physicianName: "All physicians", counts: [:], notSent: 0, oldestDays: nil)
        for item in items where item.state != .signed {
            let days = item.daysSinceSent(today: today)
            byPhysician[item.physicianID, default: Row(physicianID: item.physicianID, physicianName: item.physicianName,
                                                       counts: [:], notSent: 0, oldestDays: nil)].add(days: days)
            totals.add(days: days)
        }
        rows = byPhysician.values.sorted {
            ($0.oldestDays ?? -1, $1.physicianName) > ($1.oldestDays ?? -1, $0.physicianName)
        }
        self.totals = totals
    }

    /// The chart flag: sent more than `overdueAfterDays` days ago and still unsigned.
    public static func isOverdue(_ item: Item, today: CalendarDate) -> Bool {
        isOverdue(daysSinceSent: item.daysSinceSent(today: today))
    }
}

extension PhysicianOrder {
    /// The chart flag for this order: unsigned more than 30 days after it was sent (see `UnsignedOrderAging.overdueAfterDays`).
    public func isOverdue(today: CalendarDate, timeZone: TimeZone) -> Bool {
        UnsignedOrderAging.isOverdue(.init(self, timeZone: timeZone), today: today)
    }
}
