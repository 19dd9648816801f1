import Foundation

/// What a person types to register a patient or correct their details, checked before anything is saved.
public struct PatientDraft: Sendable, Equatable {
    public var givenName: String
    public var familyName: String
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

    /// Administrative sex as FHIR R4 codes it (http://hl7.org/fhir/R4/valueset-administrative-gender.html).
    public static let sexes = ["female", "male", "other", "unknown"]

    public init(givenName: String, familyName: String, birthDate: String, sex: String, phone: String = "",
                addressLine: String = "", city: String = "", state: String = "", postalCode: String = "",
                preferredName: String = "", genderIdentity: String = "", language: String = "", interpreterNeeded: Bool = false,
                alternatePhone: String = "", timeZone: String = "") {
        self.givenName = givenName.trimmed
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
        for (key, value) in [("givenName", givenName), ("familyName", familyName), ("preferredName", preferredName)] where value.count > 100 {
            problems[key] = "Use at most 100 characters."
        }
        if let date = CalendarDate(birthDate) {
            if date > today { problems["birthDate"] = "The date of birth cannot be in the future." }
            if date.year < today.year - 130 { problems["birthDate"] = "Check the year: that would make the patient over 130." }
        } else {
            problems["birthDate"] = "Enter the date of birth as YYYY-MM-DD, for example 1941-03-09."
        }
        if !Self.sexes.contains(sex) { problems["sex"] = "Choose one of: female, male, other, unknown." }
        if !genderIdentity.isEmpty && GenderIdentity(rawValue: genderIdentity) == nil { problems["genderIdentity"] = "Choose a gender identity from the list, or leave it empty." }
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

    /// Parses `YYYY-MM-DD`, refusing days that do not exist (2025-02-30).
    public init?(_ text: String) {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day an instant falls on in a time zone (the agency's, for "today").
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whole years between a birth date and a day: a person's age on that day.
    public func age(on day: CalendarDate) -> Int {
        let birthdayPassed = (day.month, day.day) >= (month, self.day)
        return day.year - year - (birthdayPassed ? 0 : 1)
    }
}
