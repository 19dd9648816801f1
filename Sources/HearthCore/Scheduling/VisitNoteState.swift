import Foundation

/// A visit note is a draft until the clinician signs it; a signed note is locked and changes only by addendum.
public enum VisitNoteState: Sendable, Hashable, Codable {
    case draft
    case signed(by: String, at: Date)

    /// Notes still unsigned this long after check-out go on the supervisor's list (agency policy, issue 6).
    public static let signatureDeadline: TimeInterval = 24 * 3600

    public var isSigned: Bool { if case .signed = self { true } else { false } }

    /// Signs the note after the visit is checked out; a second signature is refused and the first kept.
    public mutating func sign(by signer: String, at instant: Date, times: VisitTimes) throws(VisitNoteError) {
        if case .signed(let by, let at) = self { throw .alreadySigned(by: by, at: at) }
        let signer = signer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !signer.isEmpty else { throw .signerRequired }
        guard let checkOut = times.checkOut else { throw .notCheckedOut }
        guard instant >= checkOut.at else { throw .signedBeforeCheckOut }
        self = .signed(by: signer, at: instant)
    }

    /// True when the note is still a draft more than 24 hours after check-out: exactly 24 hours is still on time.
    public func isLateUnsigned(checkedOutAt: Date?, now: Date) -> Bool {
        guard !isSigned, let checkedOutAt else { return false }
        return now.timeIntervalSince(checkedOutAt) > Self.signatureDeadline
    }
}

/// Why a note could not be signed; the note stays as it was.
public enum VisitNoteError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadySigned(by: String, at: Date)
    case signerRequired
    case notCheckedOut
    case signedBeforeCheckOut

    public var description: String {
        switch self {
        case .alreadySigned(let by, _): "This note is already signed by \(by) and locked. Add an addendum to change it."
        case .signerRequired: "Your name is needed on the signature; complete your profile, then sign."
        case .notCheckedOut: "Check out of the visit before signing its note."
        case .signedBeforeCheckOut: "The signature time is before check-out. Check the server clock and sign again."
        }
    }
}
