import Foundation
import HearthCore

/// A measure's history drawn as an SVG line over a time axis: readings sit at their dates, so a gap in care shows as
/// a gap, and the first and last dates label the axis.
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
    /// The axis's first and last dates.
    var firstDay: String
    var lastDay: String

    static let width = 320.0
    /// The plot's bottom; the dates sit under it.
    static let height = 120.0
    static let margin = 12.0
    static let left = 28.0

    /// `readings` oldest first: (day "yyyy-MM-dd", value). A score's scale starts at zero so that a change looks as big
    /// as it is; a measure such as weight is drawn between its own lowest and highest (`fromZero: false`), so that a
    /// gain of 3 lb in a week, which matters in heart failure, is visible. `top` fixes the upper end (100 for a percentage).
    init(title: String, readings: [(day: String, value: Double)], top: Double? = nil, fromZero: Bool = true) {
        self.title = title
        let values = readings.map(\.value)
        var high = top ?? max(values.max() ?? 1, 1)
        var low = fromZero ? 0 : (values.min() ?? 0)
        if !fromZero {
            let pad = max((high - low) * 0.15, 1)
            (low, high) = (low - pad, high + pad)
        }
        let days = readings.map { CalendarDate($0.day) }
        let first = days.compactMap { $0 }.min(), last = days.compactMap { $0 }.max()
        let span = Double(max(1, first.flatMap { f in last.map { f.days(until: $0) } } ?? 1))
        let plotWidth = Self.width - Self.left - Self.margin
        let plotted = readings.enumerated().map { index, reading in
            // By date when dates read; by order otherwise (one reading sits at the start).
            let fraction: Double = if let day = days[index], let first { Double(first.days(until: day)) / span }
                else { readings.count > 1 ? Double(index) / Double(readings.count - 1) : 0 }
            return (x: Self.left + fraction * plotWidth,
                    y: Self.height - Self.margin - ((reading.value - low) / max(high - low, 0.001)) * (Self.height - 2 * Self.margin),
                    label: "\(reading.day): \(Self.text(reading.value))")
        }
        points = plotted.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ")
        dots = plotted.map { Dot(x: String(format: "%.1f", $0.x), y: String(format: "%.1f", $0.y), label: $0.label) }
        self.low = Self.text(low.rounded())
        self.high = Self.text(high.rounded())
        latest = readings.last.map { "\(Self.text($0.value)) on \($0.day)" } ?? ""
        firstDay = first?.description ?? readings.first?.day ?? ""
        lastDay = last?.description ?? readings.last?.day ?? ""
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
