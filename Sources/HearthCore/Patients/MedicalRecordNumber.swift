import Foundation

/// The patient's human identifier: "H" and seven digits, the last a check digit (Luhn),
/// so a mistyped MRN is caught before it finds the wrong patient.
public enum MedicalRecordNumber {
    public static func random() -> String {
        make(Int.random(in: 0..<1_000_000))
    }

    /// The MRN for a six-digit serial number.
    public static func make(_ serial: Int) -> String {
        let body = String(format: "%06d", serial % 1_000_000).compactMap(\.wholeNumberValue)
        return "H" + body.map(String.init).joined() + String(checkDigit(body))
    }

    public static func isValid(_ mrn: String) -> Bool {
        guard mrn.count == 8, mrn.first == "H" else { return false }
        let digits = mrn.dropFirst().compactMap(\.wholeNumberValue)
        guard digits.count == 7 else { return false }
        return checkDigit(Array(digits.dropLast())) == digits.last
    }

    static func checkDigit(_ digits: [Int]) -> Int {
        let sum = digits.reversed().enumerated().reduce(0) { total, pair in
            let doubled = pair.offset % 2 == 0 ? pair.element * 2 : pair.element
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return (10 - sum % 10) % 10
    }
}
