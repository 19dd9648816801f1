extension CalendarDate {
    /// The years a date typed into a document, task or authorization may fall in: 0001-01-01 or 9999-12-31 is a slip
    /// of the keyboard (or a probe), and would sort every list and deadline wrongly (issue 20 #9).
    public static let plausibleYears = 1900...2100

    public var isPlausible: Bool { Self.plausibleYears.contains(year) }

    public static let implausibleProblem = "Check the year: enter a date between 1900 and 2100, as YYYY-MM-DD."
}
