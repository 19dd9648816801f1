import Foundation

/// The patient's wishes about resuscitation, shown in the chart header so a visiting nurse sees it first.
public enum CodeStatus: String, Sendable, CaseIterable {
    case fullCode = "full_code"
    case dnr
    case dnrDni = "dnr_dni"
    case comfortCare = "comfort_care"
    case unknown

    public var title: String {
        switch self {
        case .fullCode: "Full code"
        case .dnr: "DNR (do not resuscitate)"
        case .dnrDni: "DNR / DNI (do not resuscitate, do not intubate)"
        case .comfortCare: "Comfort care only"
        case .unknown: "Not yet discussed"
        }
    }
}

/// Gender identity as the patient states it; values follow the US Core gender identity value set
/// (http://hl7.org/fhir/us/core/ValueSet/us-core-gender-identity, v5).
public enum GenderIdentity: String, Sendable, CaseIterable {
    case female, male
    case nonBinary = "non-binary"
    case transgenderFemale = "transgender-female"
    case transgenderMale = "transgender-male"
    case other
    case declined = "asked-declined"

    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .nonBinary: "Non-binary"
        case .transgenderFemale: "Transgender female"
        case .transgenderMale: "Transgender male"
        case .other: "Other"
        case .declined: "Asked, declined to answer"
        }
    }
}

/// States, the District of Columbia and the territories that the USPS codes with two letters.
public enum USState {
    public static let codes: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
    ]
}

/// Time zones a US patient may live in, for visit times and reminders in the patient's own clock.
public enum PatientTimeZone {
    public static let choices: [(id: String, label: String)] = [
        ("America/New_York", "Eastern"), ("America/Chicago", "Central"), ("America/Denver", "Mountain"),
        ("America/Phoenix", "Mountain (Arizona, no DST)"), ("America/Los_Angeles", "Pacific"), ("America/Anchorage", "Alaska"),
        ("Pacific/Honolulu", "Hawaii"), ("America/Puerto_Rico", "Atlantic (Puerto Rico)"), ("Pacific/Guam", "Chamorro (Guam)"),
    ]

    public static func isKnown(_ id: String) -> Bool { choices.contains { $0.id == id } }
}

/// Phone numbers as US agencies dial them.
public enum PhoneNumber {
    /// A problem message for a typed phone number, or nil when it is empty or dialable.
    public static func problem(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        guard !text.isEmpty, !(digits.count == 10 || (digits.count == 11 && digits.hasPrefix("1"))) else { return nil }
        return "Enter a 10-digit phone number, for example 614-555-0142."
    }
}

extension String {
    /// Trimmed of spaces and new lines at both ends, as every form field is before checking.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
