/// Which episode an assessment belongs to: the latest episode referred on or before the assessment's date, open or
/// closed. A discharge assessment made after the discharge was recorded then meets that episode's deadline instead of
/// being saved with no episode and leaving the deadline overdue for good (issue 18, finding 5).
public enum AssessmentEpisode {
    /// The index in `referralDates` of the episode an assessment dated `day` belongs to; nil when every episode began later.
    /// Of two episodes referred the same day, the later in the list wins (the list is in the order they were opened).
    public static func index(for day: CalendarDate, referralDates: [CalendarDate]) -> Int? {
        referralDates.indices.filter { referralDates[$0] <= day }.max { (referralDates[$0], $0) < (referralDates[$1], $1) }
    }
}
