import Foundation

/// The chart's reads that used to be one Fluent query each, as hand-written SQL through SQLKit: binds only, the same
/// text on SQLite and PostgreSQL (issue 19: the chart is read in a handful of queries). What the chart reads is in
/// `ChartQueries+Records.swift` (the short lists, people, counts and medications) and `ChartQueries+Joined.swift`.
enum ChartQueries {
    /// The people around a patient: the care team, the team's staff profiles (the clinicians a visit can be booked with),
    /// and the named users (case manager, physician) with their NPI, phone and fax when they have physician details.
    struct Person: Sendable, Equatable {
        /// "team" for a care-team member, "staff" for a team member's staff profile, "user" for a named user.
        var kind: String
        /// The care-team membership's id for a member, the user's id for a staff profile or a named user.
        var id: UUID
        var displayName: String
        /// A member's role on the team; a staff profile's discipline.
        var teamRole: String?
        var npi: String?
        var phone: String?
        var fax: String?
    }

    /// Counts and one-liners the chart's cards show (with `records`).
    struct Counts: Sendable, Equatable {
        var referrals: Int
        var openReferrals: Int
        var latestSubject: String?
        var latestAt: Date?
        var openReconciliations: Int
    }
}
