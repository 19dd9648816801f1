import Foundation

/// Where the clinician's phone said it was at check-in or check-out.
public struct DeviceLocation: Sendable, Hashable, Codable {
    public var point: GeoPoint
    /// The phone's stated accuracy radius in metres.
    public var accuracyMeters: Double

    public init(point: GeoPoint, accuracyMeters: Double) {
        self.point = point
        self.accuracyMeters = accuracyMeters
    }
}

/// One electronic visit verification stamp: the server's time, and the location or why there is none.
public struct VisitStamp: Sendable, Hashable, Codable {
    /// The server's clock when the stamp arrived, never the phone's.
    public var at: Date
    public var location: DeviceLocation?
    /// Why no location was sent ("location turned off", "no signal in the building").
    public var noLocationReason: String?

    public init(at: Date, location: DeviceLocation?, noLocationReason: String?) {
        self.at = at
        self.location = location
        self.noLocationReason = noLocationReason
    }
}

/// Check-in and check-out of a visit, as electronic visit verification records them: time, place (when the phone gives
/// one) and who; EVV is required for Medicaid home health visits [21st Century Cures Act §12006; 42 U.S.C. 1396b(l)].
public struct VisitTimes: Sendable, Hashable, Codable {
    public private(set) var checkIn: VisitStamp?
    public private(set) var checkOut: VisitStamp?

    public init() {}

    /// Times as stored, for loading a saved visit; they were checked when they were recorded.
    public init(restoringCheckIn checkIn: VisitStamp?, checkOut: VisitStamp?) {
        self.checkIn = checkIn
        self.checkOut = checkOut
    }

    /// Records arrival at the server's time `serverTime`; without a location, the reason is required.
    public mutating func checkIn(at serverTime: Date, location: DeviceLocation?, noLocationReason: String? = nil) throws(VisitTimesError) {
        if let checkIn { throw .alreadyCheckedIn(at: checkIn.at) }
        checkIn = try Self.stamp(serverTime, location, noLocationReason)
    }

    /// Records departure; refused before check-in, twice, or at a time before check-in.
    public mutating func checkOut(at serverTime: Date, location: DeviceLocation?, noLocationReason: String? = nil) throws(VisitTimesError) {
        guard let checkIn else { throw .notCheckedIn }
        if let checkOut { throw .alreadyCheckedOut(at: checkOut.at) }
        guard serverTime >= checkIn.at else { throw .checkOutBeforeCheckIn(checkIn: checkIn.at, checkOut: serverTime) }
        checkOut = try Self.stamp(serverTime, location, noLocationReason)
    }

    /// Time in the home, from check-in to check-out; nil until both are recorded.
    public var duration: TimeInterval? {
        guard let checkIn, let checkOut else { return nil }
        return checkOut.at.timeIntervalSince(checkIn.at)
    }

    /// Whole minutes in the home, rounded down.
    public var minutes: Int? { duration.map { Int($0 / 60) } }

    private static func stamp(_ at: Date, _ location: DeviceLocation?, _ reason: String?) throws(VisitTimesError) -> VisitStamp {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let location {
            guard location.accuracyMeters >= 0, location.accuracyMeters.isFinite else { throw .badAccuracy(location.accuracyMeters) }
            return VisitStamp(at: at, location: location, noLocationReason: nil)
        }
        guard let reason, !reason.isEmpty else { throw .locationReasonRequired }
        guard reason.count <= 200 else { throw .reasonTooLong }
        return VisitStamp(at: at, location: nil, noLocationReason: reason)
    }
}

/// Why a check-in or check-out was refused; the visit's times stay as they were.
public enum VisitTimesError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyCheckedIn(at: Date)
    case notCheckedIn
    case alreadyCheckedOut(at: Date)
    case checkOutBeforeCheckIn(checkIn: Date, checkOut: Date)
    case locationReasonRequired
    case reasonTooLong
    case badAccuracy(Double)

    public var description: String {
        switch self {
        case .alreadyCheckedIn: "You are already checked in to this visit. Check out when you leave."
        case .notCheckedIn: "Check in to the visit before checking out."
        case .alreadyCheckedOut: "This visit is already checked out. Ask your supervisor to correct the times if they are wrong."
        case .checkOutBeforeCheckIn:
            "The check-out time is before the check-in time. Check the phone's clock and try again, or ask your supervisor to correct the visit."
        case .locationReasonRequired: "The phone sent no location. Say why (for example, location turned off) to check in or out without one."
        case .reasonTooLong: "Keep the reason for the missing location to 200 characters."
        case .badAccuracy: "The phone sent an unusable location accuracy. Try again, or give a reason and continue without location."
        }
    }
}
