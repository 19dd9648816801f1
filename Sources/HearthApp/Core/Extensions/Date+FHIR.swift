import Foundation

extension Date {
    /// A FHIR instant in UTC, "2026-11-23T22:19:23Z". `ISO8601DateFormatter` resets an ICU formatter on every call,
    /// a sixteenth of a FHIR Patient read (docs/PERFORMANCE.md, session 7); the format style does not.
    var fhirInstant: String { formatted(.iso8601) }
}
