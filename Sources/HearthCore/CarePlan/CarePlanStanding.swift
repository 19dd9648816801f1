import Foundation

/// An order that carries one version of the care plan to the physician: a plan of care, or an interim order with the
/// changes made since the version before.
public struct CarePlanOrderLink: Sendable, Equatable {
    public var orderID: String
    public var kind: OrderKind
    public var version: Int
    public var state: OrderState
    public var physicianName: String
    public var sentAt: Date?
    public var signedAt: Date?

    public init(orderID: String, kind: OrderKind, version: Int, state: OrderState, physicianName: String,
                sentAt: Date? = nil, signedAt: Date? = nil) {
        self.orderID = orderID
        self.kind = kind
        self.version = version
        self.state = state
        self.physicianName = physicianName
        self.sentAt = sentAt
        self.signedAt = signedAt
    }
}

/// Which version of a care plan is in force and which is a draft. The plan of care is a physician's order: the version
/// the physician signed is the one care follows (visits, aide tasks, the printable plan) until a change to it is sent and
/// signed; every version saved after it is a draft [42 CFR 484.60(a)–(c); changes are made by physician orders].
public struct CarePlanStanding: Sendable, Equatable {
    /// The latest version saved.
    public var current: Int
    /// The signed order whose version is in force: the highest version the physician signed; nil before any signature.
    public var inForce: CarePlanOrderLink?
    /// The order awaiting signature that carries the newest version above the one in force, if any.
    public var awaiting: CarePlanOrderLink?

    public init(current: Int, orders: [CarePlanOrderLink]) {
        self.current = current
        inForce = orders.filter { $0.state == .signed && $0.version <= current }.max { $0.version < $1.version }
        let floor = inForce?.version ?? 0
        awaiting = orders.filter { $0.state == .sent && $0.version > floor && $0.version <= current }.max { $0.version < $1.version }
    }

    /// The version care follows: the signed one, or, before any signature, the latest (a draft; see `isSigned`).
    public var followed: Int { inForce?.version ?? current }

    public var isSigned: Bool { inForce != nil }

    /// The draft's version number when something was saved after the signed version (or nothing is signed yet).
    public var draft: Int? { current > 0 && current > (inForce?.version ?? 0) ? current : nil }

    /// Draft changes the physician does not have yet: saved after the signed version and after every version sent.
    public var hasUnsentChanges: Bool {
        guard let draft else { return false }
        return draft > (awaiting?.version ?? 0)
    }

    /// The version a change order counts from: the newest the physician has (awaiting signature or signed).
    public var changesFrom: Int? { awaiting?.version ?? inForce?.version }
}
