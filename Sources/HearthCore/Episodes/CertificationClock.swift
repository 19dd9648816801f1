/// Where an open episode stands against its certification on a given day: days left, recertification due or overdue.
public struct CertificationClock: Sendable, Equatable {
    /// The period today falls in, or the lapsed one when recertification is overdue.
    public var period: CertificationPeriod
    /// Days left in the period (0 on its last day); negative when the certification lapsed that many days ago.
    public var daysLeft: Int
    /// "due" in the last 5 days of the certified period [42 CFR 484.55(d)(1)], "overdue" after it; nil otherwise.
    public var recertification: String?

    public init(startOfCare: CalendarDate, certifiedPeriods: Int, certifiedThrough: CalendarDate, today: CalendarDate) {
        let certified = CertificationPeriod(number: max(1, certifiedPeriods), startOfCare: startOfCare)
        if today > certifiedThrough {
            period = certified
            daysLeft = today.days(until: certified.end)
            recertification = "overdue"
        } else {
            let day = today < startOfCare ? startOfCare : today
            period = CertificationPeriod.containing(day, startOfCare: startOfCare) ?? certified
            daysLeft = period.daysLeft(on: day)
            recertification = today >= certified.recertificationWindowStart ? "due" : nil
        }
    }

    /// "12 days left", "1 day left", or "lapsed 3 days ago".
    public var summary: String {
        if daysLeft < 0 { return "lapsed \(-daysLeft) day\(daysLeft == -1 ? "" : "s") ago" }
        return "\(daysLeft) day\(daysLeft == 1 ? "" : "s") left"
    }
}
