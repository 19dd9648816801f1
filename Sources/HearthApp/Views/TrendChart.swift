import Foundation

/// A score's history drawn as an SVG line: the template places `points` in a polyline and a dot per reading.
struct TrendChart: Encodable, Sendable {
    struct Dot: Encodable, Sendable {
        var x: String
        var y: String
        var label: String
    }

    var title: String
    var points: String
    var dots: [Dot]
    var low: String
    var high: String
    var latest: String

    static let width = 320.0
    static let height = 120.0
    static let margin = 12.0

    /// `readings` oldest first: (day, value). The scale starts at zero so that a change looks as big as it is.
    /// `top` fixes the scale's upper end (100 for a percentage); otherwise the highest reading sets it.
    init(title: String, readings: [(day: String, value: Double)], top: Double? = nil) {
        self.title = title
        let top = top ?? max(readings.map(\.value).max() ?? 1, 1)
        let step = readings.count > 1 ? (Self.width - 2 * Self.margin) / Double(readings.count - 1) : 0
        let plotted = readings.enumerated().map { index, reading in
            (x: Self.margin + Double(index) * step,
             y: Self.height - Self.margin - (reading.value / top) * (Self.height - 2 * Self.margin),
             label: "\(reading.day): \(Self.text(reading.value))")
        }
        points = plotted.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ")
        dots = plotted.map { Dot(x: String(format: "%.1f", $0.x), y: String(format: "%.1f", $0.y), label: $0.label) }
        low = "0"
        high = Self.text(top)
        latest = readings.last.map { "\(Self.text($0.value)) on \($0.day)" } ?? ""
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
