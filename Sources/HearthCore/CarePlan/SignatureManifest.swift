import Crypto
import Foundation

/// The signature manifest printed on a signed document: who signed (printed name and credentials), when, what the
/// signature means, and a SHA-256 of the exact document signed, so any later change to the document is detectable
/// (the manifest elements of 21 CFR 11.50, which CMS reviewers expect of electronic signatures).
public struct SignatureManifest: Sendable, Hashable, Codable {
    /// What the signer attests to by signing.
    public enum Meaning: String, Sendable, Hashable, Codable, CaseIterable {
        case approvedPlanOfCare = "approved_plan_of_care"
        case approvedOrder = "approved_order"
        case authenticatedVerbalOrder = "authenticated_verbal_order"

        public var title: String {
            switch self {
            case .approvedPlanOfCare: "Approved plan of care"
            case .approvedOrder: "Approved order"
            case .authenticatedVerbalOrder: "Authenticated verbal order"
            }
        }
    }

    public var signerID: String
    public var signerName: String
    /// "MD", "DO", "NP": printed after the name.
    public var credentials: String
    /// The instant of signing, stored in UTC; shown in the agency's time zone.
    public var signedAt: Date
    public var meaning: Meaning
    /// Lower-case hex SHA-256 of the document's bytes.
    public var documentSHA256: String

    public init(signerID: String, signerName: String, credentials: String, signedAt: Date, meaning: Meaning, document: Data) {
        self.signerID = signerID
        self.signerName = signerName
        self.credentials = credentials
        self.signedAt = signedAt
        self.meaning = meaning
        documentSHA256 = Self.sha256(document)
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).hexString
    }

    /// True when `document` is byte for byte what was signed.
    public func matches(_ document: Data) -> Bool { Self.sha256(document) == documentSHA256 }

    /// The block printed under the signed document, with the time in the agency's zone and its UTC offset.
    public func text(in timeZone: TimeZone) -> String {
        """
        Electronically signed by \(signerName), \(credentials)
        Signed: \(Self.timeText(signedAt, in: timeZone))
        Meaning: \(meaning.title)
        Document SHA-256: \(documentSHA256)
        """
    }

    /// "2026-11-23 14:05 UTC-5": an offset rather than "EST", because zone abbreviations differ between platforms.
    static func timeText(_ instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let offset = timeZone.secondsFromGMT(for: instant) / 60
        let minutes = abs(offset) % 60 == 0 ? "" : String(format: ":%02d", abs(offset) % 60)
        let zone = "UTC" + (offset < 0 ? "-" : "+") + "\(abs(offset) / 60)" + minutes
        return "\(CalendarDate(instant, in: timeZone)) " + String(format: "%02d:%02d", parts.hour!, parts.minute!) + " \(zone)"
    }
}
