import Foundation

/// A notice delivered to the patient (or representative) before care ends or changes, as the agency recorded it: who
/// delivered it, when, and whether the patient signed it or refused to sign. A refusal to sign is still a delivered notice
/// (CMS Claims Processing Manual, Ch. 30, §260.3.5: annotate the refusal; the notice stands).
public struct PatientNotice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The agency's written notice of a planned transfer or discharge [42 CFR 484.50(d)].
        case transferDischarge = "transfer_discharge"
        /// Notice of Medicare Non-Coverage, CMS-10123 [42 CFR 405.1200(b)].
        case nomnc
        /// Home Health Advance Beneficiary Notice, CMS-R-296 [42 CFR 484.50(c)(8)].
        case hhabn

        public var title: String {
            switch self {
            case .transferDischarge: "Transfer or discharge notice"
            case .nomnc: "Notice of Medicare Non-Coverage (NOMNC)"
            case .hhabn: "Home Health Advance Beneficiary Notice (HHABN)"
            }
        }

        /// The change a notice of this kind is given before.
        public var before: CareEvent.Kind {
            switch self {
            case .transferDischarge, .nomnc: .plannedDischarge
            case .hhabn: .careReduction
            }
        }
    }

    public enum Response: String, Sendable, CaseIterable, Codable {
        case signed
        /// The patient or representative refused to sign; the notice was still delivered.
        case refused

        public var title: String {
            switch self {
            case .signed: "Signed by the patient or representative"
            case .refused: "Refused to sign (delivered)"
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The `CareEvent.id` of the planned change the notice was given for.
    public var careEventID: String
    public var deliveredOn: CalendarDate
    /// Who handed it over ("Ana Ruiz, RN").
    public var deliveredBy: String
    public var response: Response

    public init(id: String, kind: Kind, careEventID: String, deliveredOn: CalendarDate, deliveredBy: String, response: Response) {
        self.id = id
        self.kind = kind
        self.careEventID = careEventID
        self.deliveredOn = deliveredOn
        self.deliveredBy = deliveredBy
        self.response = response
    }

    /// Why the record cannot be saved, with its field, or nil: a notice is recorded once delivered, for a change of the kind
    /// it is given before, and names who delivered it.
    public func problem(for event: CareEvent, today: CalendarDate) -> (field: String, message: String)? {
        if event.kind != kind.before {
            return ("kind", "A \(kind.title) is given before \(kind.before == .plannedDischarge ? "a planned discharge" : "a reduction or stop of care"); choose that change.")
        }
        if deliveredOn > today { return ("on", "The date cannot be in the future; record the notice once it is delivered.") }
        if deliveredBy.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ("by", "Say who delivered the notice.") }
        if deliveredBy.count > 120 { return ("by", "Keep the name to 120 characters.") }
        return nil
    }

    /// The compliance record a delivered notice is: it meets that kind's deadline for that change.
    public var record: ComplianceRecord {
        ComplianceRecord(id: "notice:\(id)", kind: .notice(kind.rawValue), date: deliveredOn, subject: careEventID,
                         label: "the \(kind.title) delivered \(deliveredOn) by \(deliveredBy), \(response == .signed ? "signed" : "the patient refused to sign")")
    }
}
