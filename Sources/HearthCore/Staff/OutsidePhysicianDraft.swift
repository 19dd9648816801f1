import Foundation

/// A physician outside the agency who will order and sign the patient's care: found by NPI, reached by phone and
/// fax (plans of care and orders go to the office by fax when the physician does not sign in to Hearth).
public struct OutsidePhysicianDraft: Sendable, Equatable {
    public var name: String
    public var npi: String
    public var phone: String
    public var fax: String
    public var practice: String

    public init(name: String, npi: String, phone: String, fax: String, practice: String = "") {
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.npi = npi.filter { !$0.isWhitespace && $0 != "-" }
        self.phone = phone.trimmingCharacters(in: .whitespacesAndNewlines)
        self.fax = fax.trimmingCharacters(in: .whitespacesAndNewlines)
        self.practice = practice.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when nothing was typed: the form's outside-physician part was left alone.
    public var isBlank: Bool { name.isEmpty && npi.isEmpty && phone.isEmpty && fax.isEmpty && practice.isEmpty }

    /// Problems by field name; empty when the physician can be saved.
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        if name.isEmpty { problems["physicianName"] = "Enter the physician's name as it appears on their orders (e.g. Dr. Ana Ruiz)." }
        else if name.count > 120 { problems["physicianName"] = "Keep the name under 120 characters." }
        if let problem = NationalProviderIdentifier.problem(npi) { problems["physicianNPI"] = problem }
        if phone.isEmpty { problems["physicianPhone"] = "Enter the office phone, so the case manager can call about orders." }
        else if let problem = PhoneNumber.problem(phone) { problems["physicianPhone"] = problem }
        if fax.isEmpty { problems["physicianFax"] = "Enter the office fax: plans of care and orders are faxed for signature." }
        else if let problem = PhoneNumber.problem(fax) { problems["physicianFax"] = problem.replacingOccurrences(of: "phone", with: "fax") }
        if practice.count > 160 { problems["physicianPractice"] = "Keep the practice name under 160 characters." }
        return problems
    }
}

/// The 10-digit National Provider Identifier CMS issues to every physician (45 CFR 162.406), whose last digit is a
/// Luhn check digit computed over the prefix 80840 and the first nine digits (CMS, "Requirements for NPI check digit").
public enum NationalProviderIdentifier {
    public static func problem(_ npi: String) -> String? {
        guard !npi.isEmpty else { return "Enter the physician's 10-digit NPI (look it up in the NPPES registry if it is not on the referral)." }
        guard npi.count == 10, npi.allSatisfy(\.isASCIIDigit) else { return "An NPI has exactly 10 digits." }
        guard isValid(npi) else { return "This NPI fails its check digit: compare it with the referral or the NPPES registry." }
        return nil
    }

    public static func isValid(_ npi: String) -> Bool {
        guard npi.count == 10, npi.allSatisfy(\.isASCIIDigit) else { return false }
        let digits = ("80840" + npi).compactMap(\.wholeNumberValue)
        // Luhn: from the rightmost digit (the check digit), double every second digit.
        let sum = digits.reversed().enumerated().reduce(0) { total, pair in
            let (index, digit) = pair
            guard index % 2 == 1 else { return total + digit }
            let doubled = digit * 2
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
