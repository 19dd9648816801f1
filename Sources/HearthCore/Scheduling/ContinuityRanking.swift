/// A clinician who could take a visit, with what the ranking weighs.
public struct ContinuityCandidate: Sendable, Equatable {
    public var clinicianID: String
    /// Visits the clinician already has that day.
    public var visitsThatDay: Int
    /// Road miles from the clinician's previous stop (or home base) to the patient, when coordinates are known.
    public var milesAway: Double?

    public init(clinicianID: String, visitsThatDay: Int, milesAway: Double? = nil) {
        self.clinicianID = clinicianID
        self.visitsThatDay = visitsThatDay
        self.milesAway = milesAway
    }
}

/// Orders clinicians for a visit so the patient keeps seeing the same person: continuity of care first,
/// then the lightest day, then the shortest drive. Rank only clinicians that `SchedulingCheck` passed.
public enum ContinuityRanking {
    /// Best first: the clinician who saw the patient last, then fewest visits that day, then fewest miles
    /// (unknown distance last), then clinician id so the order never changes between page loads.
    public static func rank(candidates: [ContinuityCandidate], lastVisitBy: String?) -> [ContinuityCandidate] {
        candidates.sorted { lhs, rhs in
            let lhsLast = lhs.clinicianID == lastVisitBy, rhsLast = rhs.clinicianID == lastVisitBy
            if lhsLast != rhsLast { return lhsLast }
            if lhs.visitsThatDay != rhs.visitsThatDay { return lhs.visitsThatDay < rhs.visitsThatDay }
            let lhsMiles = lhs.milesAway ?? .infinity, rhsMiles = rhs.milesAway ?? .infinity
            if lhsMiles != rhsMiles { return lhsMiles < rhsMiles }
            return lhs.clinicianID < rhs.clinicianID
        }
    }
}
