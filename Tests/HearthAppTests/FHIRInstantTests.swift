import Foundation
import Testing
@testable import HearthApp

/// The hand-written readers and writers on the FHIR read path (issue 19's profile): they answer what Foundation's
/// formatters answer, and refuse what R4's instant and dateTime grammars refuse.
@Suite struct FHIRInstantTests {
    static func foundation(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    @Test(arguments: ["2026-12-03T16:05:09Z", "2026-12-03T16:05:09.123Z", "2026-03-08T01:59:59-05:00", "2024-02-29T23:59:59+14:00",
                      "1969-12-31T23:59:59Z", "2026-11-20T08:30:00-05:00", "2000-01-01T00:00:00.5+05:30"])
    func anInstantReadsAsFoundationReadsIt(_ text: String) throws {
        let range = try #require(FHIRDateRange(text, zone: .gmt))
        let expected = try #require(Self.foundation(text))
        #expect(abs(range.low.timeIntervalSince(expected)) < 0.0005, "\(text)")
    }

    /// A time without seconds names the minute; without a zone, a bad month or day, or trailing text: not an instant.
    @Test func minutesAreAllowedAndMalformedInstantsRefused() throws {
        let minute = try #require(FHIRDateRange("2026-12-03T16:05Z", zone: .gmt))
        #expect(minute.low == Self.foundation("2026-12-03T16:05:00Z") && minute.high.timeIntervalSince(minute.low) == 60)
        for bad in ["2026-12-03T16:05:09", "2026-13-03T16:05:09Z", "2026-02-30T10:00:00Z", "2026-12-03T24:00:00Z", "2026-12-03T16:05:09Zx",
                    "2026-12-03T16:05:09.Z", "2026-12-03T16:05:09+5:00", "2026-12-03 16:05:09Z"] {
            #expect(FHIRDateRange(bad, zone: .gmt) == nil, "\(bad)")
        }
    }

    @Test(arguments: [0.0, 1_796_400_309.75, 951_782_400, 1_709_251_199, -1])
    func anHTTPDateIsWhatAFormatterWrites(_ seconds: Double) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = Date(timeIntervalSince1970: seconds)
        #expect(date.httpDate == formatter.string(from: date))
    }
}
