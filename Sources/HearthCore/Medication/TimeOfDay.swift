/// A clock time on a medication schedule, "08:00", with no date or time zone (the patient's own day).
public struct TimeOfDay: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    /// Nil unless 0–23 and 0–59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Reads "8:00", "08:00", "20:30", and "8:00 am", "8 pm", "8pm".
    public init?(_ text: String) {
        var text = text.trimmed.lowercased().replacingOccurrences(of: " ", with: "")
        var shift: Int?
        for (suffix, offset) in [("am", 0), ("pm", 12), ("a.m.", 0), ("p.m.", 12)] where text.hasSuffix(suffix) {
            shift = offset
            text.removeLast(suffix.count)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCII),
              var hour = Int(parts[0]) else { return nil }
        var minute = 0
        if parts.count == 2 {
            guard parts[1].count == 2, parts[1].allSatisfy(\.isASCII), let value = Int(parts[1]) else { return nil }
            minute = value
        } else if shift == nil {
            return nil
        }
        if let shift {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + shift
        }
        self.init(hour: hour, minute: minute)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// "08:00".
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    /// Stored as "08:00" in JSON.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = Self(stored: text) ?? TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a time as HH:MM, got '\(text)'.")
        }
        self = time
    }

    /// "08:00" exactly, as stored, without the lenient reading's work (every chart decodes every medication's times).
    private init?(stored text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        let digits = [bytes[0], bytes[1], bytes[3], bytes[4]].map { Int($0) - 48 }
        guard digits.allSatisfy((0...9).contains) else { return nil }
        self.init(hour: digits[0] * 10 + digits[1], minute: digits[2] * 10 + digits[3])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Reads a list typed in one field: "08:00, 20:00" or "8:00 20:00"; nil if any part is not a time.
    public static func list(_ text: String) -> [TimeOfDay]? {
        var parts: [String] = []
        for field in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" }) {
            // "8 am" is one time, "08:00 20:00" two.
            for token in field.split(separator: " ").map(String.init) {
                if ["am", "pm", "a.m.", "p.m."].contains(token.lowercased()), let last = parts.popLast() {
                    parts.append(last + token)
                } else {
                    parts.append(token)
                }
            }
        }
        var times: [TimeOfDay] = []
        for part in parts {
            guard let time = TimeOfDay(part) else { return nil }
            times.append(time)
        }
        return times
    }
}
