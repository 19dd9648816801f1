import Foundation

extension Date {
    /// A FHIR instant in UTC, "2026-11-23T22:19:23Z". `ISO8601DateFormatter` resets an ICU formatter on every call,
    /// a sixteenth of a FHIR Patient read (docs/PERFORMANCE.md, session 7); the format style does not.
    var fhirInstant: String { formatted(.iso8601) }
}

extension Date {
    /// A FHIR dateTime with a time and an offset ("2026-11-20T08:30:00-05:00", fractions allowed), as the instant it names.
    /// One reader for both: the search's (`FHIRDateRange.instant`, held to Foundation's answers by `FHIRInstantTests`).
    init?(fhirInstant text: String) {
        guard let date = FHIRDateRange.instant(text) else { return nil }
        self = date
    }
}
