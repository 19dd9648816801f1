/// Road miles and driving minutes between every pair of a day's points, row-major.
public struct TravelMatrix: Sendable {
    public var count: Int
    public var miles: [Double]
    public var minutes: [Double]

    public init(count: Int, miles: [Double], minutes: [Double]) {
        self.count = count
        self.miles = miles
        self.minutes = minutes
    }
}

/// Where travel estimates come from. The default reads coordinates alone; a road-network service plugs in here.
public protocol TravelMatrixSource: Sendable {
    func matrix(for points: [GeoPoint]) -> TravelMatrix
}

/// Great-circle distance times a road factor, at an average speed (the same estimate as `Travel.leg`, configurable).
public struct GreatCircleTravel: TravelMatrixSource {
    public var roadFactor: Double
    public var averageSpeedMph: Double

    public init(roadFactor: Double = Travel.roadFactor, averageSpeedMph: Double = Travel.averageSpeedMph) {
        self.roadFactor = roadFactor
        self.averageSpeedMph = averageSpeedMph
    }

    public func matrix(for points: [GeoPoint]) -> TravelMatrix {
        let n = points.count
        var miles = [Double](repeating: 0, count: n * n), minutes = miles
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) {
            let road = points[i].kilometres(to: points[j]) * roadFactor / Travel.kmPerMile
            miles[i * n + j] = road; miles[j * n + i] = road
            minutes[i * n + j] = road / averageSpeedMph * 60; minutes[j * n + i] = minutes[i * n + j]
        } }
        return TravelMatrix(count: n, miles: miles, minutes: minutes)
    }
}
