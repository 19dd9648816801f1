extension CalendarDate {
    /// A date after any real expiry or period end, for sorting "never" last and for open-ended ranges.
    static let distantFuture = CalendarDate(uncheckedYear: 9999, month: 12, day: 31)

    /// The same day `count` months later, or the month's last day when it is shorter (01-31 + 1 month → 02-28).
    public func adding(months count: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + count
        let (newYear, newMonth) = (index / 12, index % 12 + 1)
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: Swift.min(day, Self.days(inMonth: newMonth, year: newYear)))
    }
}
