import Foundation

/// What a person types to register a patient or correct their details, checked before anything is saved.
public struct PatientDraft: Sendable, Equatable {
    public var givenName: String
    public var familyName: String
    /// Second and further given names, space separated ("Ann" for Mary Ann), as FHIR `name.given` lists them.
    public var middleNames: String
    /// The name the patient likes to be called ("Dot" for Dorothy).
    public var preferredName: String
    public var birthDate: String
    public var sex: String
    public var genderIdentity: String
    public var language: String
    public var interpreterNeeded: Bool
    public var phone: String
    public var alternatePhone: String
    public var addressLine: String
    public var city: String
    public var state: String
    public var postalCode: String
    /// An IANA zone id; empty means the agency's own zone.
    public var timeZone: String
    /// US Core race, ethnicity and sex assigned at birth; empty when not asked.
    public var race: DemographicAnswer
    public var ethnicity: DemographicAnswer
    /// A `BirthSex` raw value, or empty.
    public var birthSex: String

    /// Administrative sex as FHIR R4 codes it (http://hl7.org/fhir/R4/valueset-administrative-gender.html).
    public static let sexes = ["female", "male", "other", "unknown"]

    public init(givenName: String, familyName: String, birthDate: String, sex: String, phone: String = "",
                addressLine: String = "", city: String = "", state: String = "", postalCode: String = "",
                preferredName: String = "", genderIdentity: String = "", language: String = "", interpreterNeeded: Bool = false,
                alternatePhone: String = "", timeZone: String = "", middleNames: String = "",
                race: DemographicAnswer = .init(), ethnicity: DemographicAnswer = .init(), birthSex: String = "") {
        self.givenName = givenName.trimmed
        self.middleNames = middleNames.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self.race = race
        self.ethnicity = ethnicity
        self.birthSex = birthSex.trimmed
        self.familyName = familyName.trimmed
        self.preferredName = preferredName.trimmed
        self.birthDate = birthDate.trimmingCharacters(in: .whitespaces)
        self.sex = sex.lowercased()
        self.genderIdentity = genderIdentity.trimmed
        self.language = language.trimmed
        self.interpreterNeeded = interpreterNeeded
        self.phone = phone.trimmed
        self.alternatePhone = alternatePhone.trimmed
        self.addressLine = addressLine.trimmed
        self.city = city.trimmed
        self.state = state.trimmed.uppercased()
        self.postalCode = postalCode.trimmed
        self.timeZone = timeZone.trimmed
    }

    /// Problems by field name; empty when the draft can be saved.
    public func problems(today: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if givenName.isEmpty { problems["givenName"] = "Enter the patient's first name." }
        if familyName.isEmpty { problems["familyName"] = "Enter the patient's last name." }
        let names = [("givenName", givenName), ("middleNames", middleNames), ("familyName", familyName), ("preferredName", preferredName)]
        for (key, value) in names where value.count > 100 {
            problems[key] = "Use at most 100 characters."
        }
        for (key, value) in names where value.hasHiddenCharacters {
            problems[key] = String.hiddenCharactersProblem
        }
        if let date = CalendarDate(birthDate) {
            if date > today { problems["birthDate"] = "The date of birth cannot be in the future." }
            if date.year < today.year - 130 { problems["birthDate"] = "Check the year: that would make the patient over 130." }
        } else {
            problems["birthDate"] = "Enter the date of birth as YYYY-MM-DD, for example 1941-03-09."
        }
        if !Self.sexes.contains(sex) { problems["sex"] = "Choose one of: female, male, other, unknown." }
        if !genderIdentity.isEmpty && GenderIdentity(rawValue: genderIdentity) == nil { problems["genderIdentity"] = "Choose a gender identity from the list, or leave it empty." }
        if let problem = RaceAndEthnicity.raceProblem(race.categories) { problems["race"] = problem }
        if let problem = RaceAndEthnicity.ethnicityProblem(ethnicity.categories) { problems["ethnicity"] = problem }
        if !birthSex.isEmpty && BirthSex(rawValue: birthSex) == nil { problems["birthSex"] = "Choose the sex assigned at birth from the list, or leave it empty." }
        if language.count > 60 { problems["language"] = "Use at most 60 characters, for example Spanish." }
        if !state.isEmpty && !USState.codes.contains(state) {
            problems["state"] = "Use a two-letter US state or territory code, for example OH."
        }
        if !postalCode.isEmpty && postalCode.wholeMatch(of: /\d{5}(-\d{4})?/) == nil {
            problems["postalCode"] = "Use a 5-digit ZIP code or ZIP+4, for example 43215 or 43215-1234."
        }
        if let problem = PhoneNumber.problem(phone) { problems["phone"] = problem }
        if let problem = PhoneNumber.problem(alternatePhone) { problems["alternatePhone"] = problem }
        if !timeZone.isEmpty && !PatientTimeZone.isKnown(timeZone) { problems["timeZone"] = "Choose the patient's time zone from the list." }
        return problems
    }
}

/// A day on the calendar with no time zone: a birth date, a start-of-care date, a due date.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD`, refusing days that do not exist (2025-02-30). Byte by byte, no regex or Calendar:
    /// lists parse thousands of these per page.
    public init?(_ text: String) {
        var utf8 = text.utf8.makeIterator()
        var fields = [0, 0, 0]
        for (index, width) in [4, 2, 2].enumerated() {
            for _ in 0..<width {
                guard let byte = utf8.next(), (48...57).contains(byte) else { return nil }
                fields[index] = fields[index] * 10 + Int(byte - 48)
            }
            if index < 2 { guard utf8.next() == UInt8(ascii: "-") else { return nil } }
        }
        guard utf8.next() == nil else { return nil }
        let (year, month, day) = (fields[0], fields[1], fields[2])
        guard year >= 1, (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The calendar day an instant falls on in a time zone (the agency's, for "today").
    public init(_ instant: Date, in zone: TimeZone) {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        self.init(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whole years between a birth date and a day: a person's age on that day.
    public func age(on day: CalendarDate) -> Int {
        let birthdayPassed = (day.month, day.day) >= (month, self.day)
        return day.year - year - (birthdayPassed ? 0 : 1)
    }
}
