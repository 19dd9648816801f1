import Foundation
import HearthCore

/// Each clinician's route as lines over a plain box (no map tiles): home base, then the visits in order, then home,
/// with coordinates projected into the box (longitude scaled by the latitude's cosine, so distances look right).
struct DayPlanMap: Sendable {
    struct Line: Sendable {
        var color: String
        var points: String
        var label: String
    }

    struct Dot: Sendable {
        var x: String
        var y: String
        var color: String
        var label: String
        /// The stop's number in its route; 0 for a home base.
        var number: Int
    }

    struct Route: Sendable {
        var color: String
        var name: String
        var home: GeoPoint?
        var stops: [(point: GeoPoint, label: String)]
    }

    static let width = 600.0
    static let height = 420.0
    static let margin = 18.0
    static let colors = ["#1f5fa8", "#a4431b", "#1e7b45", "#7b3fa0", "#9a6200", "#0f7c86", "#b3261e", "#4a5a6a", "#c2185b", "#5d7a12"]

    var lines: [Line] = []
    var dots: [Dot] = []

    init(routes: [Route]) {
        let all = routes.flatMap { route in (route.home.map { [$0] } ?? []) + route.stops.map(\.point) }
        guard let first = all.first else { return }
        let minLat = all.map(\.latitude).min() ?? first.latitude, maxLat = all.map(\.latitude).max() ?? first.latitude
        let minLon = all.map(\.longitude).min() ?? first.longitude, maxLon = all.map(\.longitude).max() ?? first.longitude
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 0.001), spanY = max(maxLat - minLat, 0.001)
        let scale = min((Self.width - 2 * Self.margin) / spanX, (Self.height - 2 * Self.margin) / spanY)
        // Centred in the box whichever way the day is longer.
        let offsetX = (Self.width - spanX * scale) / 2, offsetY = (Self.height - spanY * scale) / 2
        func place(_ point: GeoPoint) -> (String, String) {
            (String(format: "%.1f", offsetX + (point.longitude - minLon) * squeeze * scale),
             String(format: "%.1f", Self.height - offsetY - (point.latitude - minLat) * scale))
        }
        for route in routes {
            let path = (route.home.map { [$0] } ?? []) + route.stops.map(\.point) + (route.home.map { [$0] } ?? [])
            lines.append(Line(color: route.color, points: path.map { let (x, y) = place($0); return "\(x),\(y)" }.joined(separator: " "),
                              label: "\(route.name): \(route.stops.count) visits"))
            if let home = route.home {
                let (x, y) = place(home)
                dots.append(Dot(x: x, y: y, color: route.color, label: "\(route.name): home base", number: 0))
            }
            for (index, stop) in route.stops.enumerated() {
                let (x, y) = place(stop.point)
                dots.append(Dot(x: x, y: y, color: route.color, label: "\(route.name), stop \(index + 1): \(stop.label)", number: index + 1))
            }
        }
    }

    static func color(_ index: Int) -> String { colors[index % colors.count] }
}
