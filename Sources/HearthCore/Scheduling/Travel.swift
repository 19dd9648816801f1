import Foundation

/// A place on the map in decimal degrees (WGS 84), as stored with each address and a clinician's home base.
public struct GeoPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    /// Nil outside −90…90 latitude or −180…180 longitude.
    public init?(latitude: Double, longitude: Double) {
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    public var description: String { String(format: "%.5f,%.5f", latitude, longitude) }

    /// Straight-line (great-circle) distance by the haversine formula on a sphere of the Earth's mean radius.
    public func kilometres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians, dLon = (other.longitude - longitude) * radians
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Travel.earthRadiusKm * asin(min(1, sqrt(a)))
    }

    public func miles(to other: GeoPoint) -> Double { kilometres(to: other) / Travel.kmPerMile }
}

/// How far and how long a drive between two stops is likely to be, from coordinates alone.
public enum Travel {
    /// IUGG mean Earth radius.
    public static let earthRadiusKm = 6371.0088
    public static let kmPerMile = 1.609344
    /// Roads wind: US road distance runs about 1.2–1.4 times the straight line (circuity studies), so 1.3.
    public static let roadFactor = 1.3
    /// Mixed town and country driving between home visits, stops and parking included.
    public static let averageSpeedMph = 30.0

    /// The estimate for one leg of a day's route.
    public static func leg(from: GeoPoint, to: GeoPoint) -> TravelLeg {
        let straight = from.kilometres(to: to)
        let roadMiles = straight * roadFactor / kmPerMile
        return TravelLeg(straightKm: straight, roadMiles: roadMiles, minutes: Int((roadMiles / averageSpeedMph * 60).rounded()))
    }
}

/// One leg's estimate: the straight line, the likely road miles and the driving minutes.
public struct TravelLeg: Sendable, Equatable {
    public var straightKm: Double
    public var roadMiles: Double
    public var minutes: Int

    public var roadKm: Double { roadMiles * Travel.kmPerMile }

    /// "4.2 mi, about 8 min".
    public var description: String { String(format: "%.1f mi, about %d min", roadMiles, minutes) }
}
