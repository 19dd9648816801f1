import Foundation
import HearthCore

/// A FHIR date, dateTime, instant or Period as the span of time it names: "2024" is the whole year, "2024-03-05" the day
/// in the agency's zone (http://hl7.org/fhir/R4/search.html#date).
struct FHIRDateRange: Equatable {
    var low: Date
    /// Exclusive.
    var high: Date

    /// A FHIR date or dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or with a time (seconds and zone optional).
    init?(_ text: String, zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = text.split(separator: "T", maxSplits: 1)
        let day = parts.first.map { $0.split(separator: "-").map { Int($0) } } ?? []
        guard !day.isEmpty, day.count <= 3, day.allSatisfy({ $0 != nil }), let year = day[0], (1...9999).contains(year),
              text.prefix(4).allSatisfy(\.isNumber) else { return nil }
        if parts.count == 2 {
            guard day.count == 3, let instant = Self.instant(text) else { return nil }
            let hasFraction = text.contains(".")
            low = instant
            high = instant.addingTimeInterval(hasFraction ? 0.001 : (String(parts[1]).filter { $0 == ":" }.count >= 2 ? 1 : 60))
            return
        }
        let month = day.count > 1 ? day[1]! : 1
        let date = day.count > 2 ? day[2]! : 1
        guard (1...12).contains(month), (1...31).contains(date),
              let start = calendar.date(from: DateComponents(year: year, month: month, day: date)),
              calendar.component(.day, from: start) == date else { return nil }
        let unit: Calendar.Component = day.count == 1 ? .year : day.count == 2 ? .month : .day
        guard let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
        low = start
        high = end
    }

    init(low: Date, high: Date) { self.low = low; self.high = high }

    /// A resource's value at a date path: a date string, or a Period (an open end runs on forever).
    init?(_ node: FHIRJSON, zone: TimeZone) {
        if let text = node.string {
            self.init(text, zone: zone)
        } else if case .object = node {
            let start = node["start"]?.string.flatMap { FHIRDateRange($0, zone: zone) }
            let end = node["end"]?.string.flatMap { FHIRDateRange($0, zone: zone) }
            guard start != nil || end != nil else { return nil }
            self.init(low: start?.low ?? .distantPast, high: end?.high ?? .distantFuture)
        } else {
            return nil
        }
    }

    /// "YYYY-MM-DDThh:mm[:ss[.fff…]](Z|±hh:mm)" as the instant it names, read by hand: `ISO8601DateFormatter` opens an ICU
    /// formatter on every call, an eighth of a FHIR Patient read (docs/PERFORMANCE.md, session 14).
    static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes[10] == UInt8(ascii: "T"), let day = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        var index = 11
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
        guard let hour = digits(2), hour < 24, skip(":"), let minute = digits(2), minute < 60 else { return nil }
        var seconds = 0.0
        if skip(":") {
            guard let whole = digits(2), whole < 60 else { return nil }
            seconds = Double(whole)
            if skip(".") {
                var scale = 0.1, count = 0
                while index < bytes.count, let digit = digits(1) {
                    seconds += Double(digit) * scale
                    scale /= 10
                    count += 1
                }
                guard count > 0 else { return nil }
            }
        }
        var offset = 0
        if !skip("Z") {
            let sign = skip("+") ? 1 : skip("-") ? -1 : 0
            guard sign != 0, let hours = digits(2), hours <= 14, skip(":"), let minutes = digits(2), minutes < 60 else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        }
        guard index == bytes.count else { return nil }
        let wholeSeconds: Int = day.dayNumber * 86_400 + hour * 3_600 + minute * 60 - offset
        return Date(timeIntervalSince1970: Double(wholeSeconds) + seconds)
    }

    /// Whether this value (the resource's) matches `prefix` + `search`, by R4's definitions of the prefixes.
    func matches(_ prefix: FHIRDatePrefix, _ search: FHIRDateRange) -> Bool {
        let equal = low >= search.low && high <= search.high
        switch prefix {
        case .eq: return equal
        case .ne: return !equal
        case .gt: return high > search.high
        case .lt: return low < search.low
        case .ge: return high > search.high || equal
        case .le: return low < search.low || equal
        case .sa: return low >= search.high
        case .eb: return high <= search.low
        }
    }
}

/// The comparisons a date parameter takes (http://hl7.org/fhir/R4/search.html#prefix); `ap` is not offered.
enum FHIRDatePrefix: String, CaseIterable {
    case eq, ne, gt, lt, ge, le, sa, eb

    /// Splits "ge2024-01-01" into its prefix and date; no prefix means eq.
    static func split(_ value: String) -> (FHIRDatePrefix, String)? {
        let head = String(value.prefix(2))
        if let prefix = FHIRDatePrefix(rawValue: head) { return (prefix, String(value.dropFirst(2))) }
        if head.first?.isLetter == true { return nil }
        return (.eq, value)
    }
}
