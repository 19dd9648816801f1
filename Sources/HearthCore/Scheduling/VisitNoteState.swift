import Foundation

/// A visit note is a draft until the clinician signs it; a signed note is locked and changes only by addendum.
public enum VisitNoteState: Sendable, Hashable, Codable {
    case draft
    case signed(by: String, at: Date)

    /// Notes still unsigned this long after check-out go on the supervisor's list (agency policy, issue 6).
    public static let signatureDeadline: TimeInterval = 24 * 3600

    /// A visit shorter than this from check-in to check-out is signed only with the reason: a 0-minute visit is a
    /// check-in made on leaving or a check-out tapped by mistake, and the EVV record must say which (agency policy).
    public static let shortestVisit: TimeInterval = 5 * 60

    public var isSigned: Bool { if case .signed = self { true } else { false } }

    /// True when the visit's times need a reason before its note is signed.
    public static func isShort(_ times: VisitTimes) -> Bool {
        times.duration.map { $0 < shortestVisit } ?? false
    }

    /// Signs the note once the visit has started: in the home before checking out (documentation at the point of care),
    /// or after check-out. Check-out stays open after signing, so the EVV record still gets its end time. A second
    /// signature is refused and the first kept.
    public mutating func sign(by signer: String, at instant: Date, times: VisitTimes, shortVisitReason: String = "") throws(VisitNoteError) {
        if case .signed(let by, let at) = self { throw .alreadySigned(by: by, at: at) }
        let signer = signer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !signer.isEmpty else { throw .signerRequired }
        guard times.checkIn != nil else { throw .notCheckedIn }
        // The signed note states when the visit ended (EVV records "the time the service begins and ends",
        // 42 U.S.C. 1396b(l)(5)(A)); a note signed before check-out would be locked without it.
        guard let checkOut = times.checkOut else { throw .notCheckedOut }
        guard instant >= checkOut.at else { throw .signedBeforeVisitTimes }
        if Self.isShort(times), shortVisitReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .shortVisitUnexplained(minutes: times.minutes ?? 0)
        }
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
    case notCheckedIn
    case notCheckedOut
    case signedBeforeVisitTimes
    case shortVisitUnexplained(minutes: Int)

    public var description: String {
        switch self {
        case .alreadySigned(let by, _): "This note is already signed by \(by) and locked. Add an addendum to change it."
        case .signerRequired: "Your name is needed on the signature; complete your profile, then sign."
        case .notCheckedIn: "Check in to the visit before signing its note."
        case .notCheckedOut: "Check out of the visit before signing its note: the signed note records when the visit ended."
        case .signedBeforeVisitTimes: "The signature time is before the visit's check-in or check-out. Check the server clock and sign again."
        case .shortVisitUnexplained(let minutes):
            "The visit lasted \(minutes) minute\(minutes == 1 ? "" : "s") from check-in to check-out. Say why (for example, \"checked in as I left\") before signing: the reason is kept with the note."
        }
    }
}
