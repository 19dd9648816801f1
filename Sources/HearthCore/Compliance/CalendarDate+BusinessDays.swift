extension CalendarDate {
    /// ISO weekday: 1 is Monday, 7 is Sunday (1970-01-01, day number 0, was a Thursday).
    public var isoWeekday: Int {
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    /// Monday to Friday. Holidays are not known here: the regulatory clock skips them through its `HolidayCalendar`.
    public var isBusinessDay: Bool { isoWeekday <= 5 }

    /// The day `count` business days after this one (before it when negative), skipping Saturdays and Sundays:
    /// a Friday plus 5 is the next Friday, a Saturday plus 1 is Monday. Zero is this day itself.
    public func adding(businessDays count: Int) -> CalendarDate {
        var day = self, left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            day = day.adding(days: step)
            if day.isBusinessDay { left -= 1 }
        }
        return day
    }
}
