import Foundation

/// What a physician is asked to sign.
public enum OrderKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The plan of care at start of care (the CMS-485) [42 CFR 484.60(a)].
    case planOfCareStartOfCare = "plan_of_care_soc"
    /// The plan of care for the next 60-day period [42 CFR 484.60(c)].
    case planOfCareRecertification = "plan_of_care_recert"
    /// A change to the plan between plans of care [42 CFR 484.60(c)(1)].
    case interim
    /// An order given by telephone or in person, in effect when taken, signed later [42 CFR 484.60(b)].
    case verbal
    /// The medication list after reconciliation at a transition, sent for the physician's approval [42 CFR 484.55(c)(5)].
    case medicationReconciliation = "medication_reconciliation"

    public var title: String {
        switch self {
        case .planOfCareStartOfCare: "Plan of care (start of care)"
        case .planOfCareRecertification: "Plan of care (recertification)"
        case .interim: "Interim order"
        case .verbal: "Verbal order"
        case .medicationReconciliation: "Medication reconciliation"
        }
    }

    /// What the physician's signature means for this kind of order.
    public var signatureMeaning: SignatureManifest.Meaning {
        switch self {
        case .planOfCareStartOfCare, .planOfCareRecertification: .approvedPlanOfCare
        case .interim, .medicationReconciliation: .approvedOrder
        case .verbal: .authenticatedVerbalOrder
        }
    }
}

/// Where an order stands. A draft is edited by the case manager; a verbal order starts as received.
public enum OrderState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still waiting for something (the case manager or the physician): every state but signed and withdrawn.
    public var isOutstanding: Bool { self != .signed && self != .withdrawn }

    /// States no longer outstanding, for queries: the unsigned lists leave them out.
    public static let closed: [OrderState] = [.signed, .withdrawn]

    case draft
    /// A verbal order taken and read back, in effect, not yet sent for signature.
    case received
    /// With the physician, awaiting signature.
    case sent
    case signed
    /// Returned to the case manager with the physician's comment; a new revision may be sent.
    case rejected
    /// Taken back by the agency with a reason (a returned order not to be resent, changes replaced by later ones); final.
    case withdrawn

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .received: "Received, not yet sent"
        case .sent: "Awaiting signature"
        case .signed: "Signed"
        case .rejected: "Rejected"
        case .withdrawn: "Withdrawn"
        }
    }
}

/// The physician an order is addressed to; only this physician may sign or reject it.
public struct OrderPhysician: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// Who took a verbal order and who read it back to the physician, and when [42 CFR 484.60(b)(3)–(4)].
public struct VerbalOrderReceipt: Sendable, Hashable, Codable {
    public var takenBy: String
    public var readBackBy: String
    public var receivedAt: Date

    public init(takenBy: String, readBackBy: String, receivedAt: Date) {
        self.takenBy = takenBy
        self.readBackBy = readBackBy
        self.receivedAt = receivedAt
    }
}

/// A physician's refusal of one revision, with the comment that goes back to the case manager.
public struct OrderRejection: Sendable, Hashable, Codable {
    public var revision: Int
    public var physicianID: String
    public var comment: String
    public var at: Date

    public init(revision: Int, physicianID: String, comment: String, at: Date) {
        self.revision = revision
        self.physicianID = physicianID
        self.comment = comment
        self.at = at
    }
}

/// Who took an order back, why and when; kept on the order for good.
public struct OrderWithdrawal: Sendable, Hashable, Codable {
    public var by: String
    public var reason: String
    public var at: Date

    public init(by: String, reason: String, at: Date) {
        self.by = by
        self.reason = reason
        self.at = at
    }
}

/// Who is signing and the proof they just re-entered their password; the app checks the password, the core insists on it.
public struct OrderSigner: Sendable, Hashable {
    public var physicianID: String
    public var name: String
    public var credentials: String
    public var reauthenticated: Bool

    public init(physicianID: String, name: String, credentials: String, reauthenticated: Bool) {
        self.physicianID = physicianID
        self.name = name
        self.credentials = credentials
        self.reauthenticated = reauthenticated
    }
}

/// A physician order and its rules: draft → sent → signed or rejected; a rejected order is revised and sent again;
/// a verbal order is received (in effect), then sent for signature. A signed order never changes.
/// Every refused move throws and leaves the order exactly as it was.
public struct PhysicianOrder: Sendable, Hashable, Codable, Identifiable {
    public private(set) var id: String
    public private(set) var kind: OrderKind
    public private(set) var physician: OrderPhysician
    /// The exact text the physician reads and signs; its SHA-256 goes into the signature manifest.
    public private(set) var document: String
    public private(set) var state: OrderState
    /// 1 for the first version sent; +1 for each revision after a rejection.
    public private(set) var revision: Int
    public private(set) var sentAt: Date?
    public private(set) var verbal: VerbalOrderReceipt?
    public private(set) var rejections: [OrderRejection]
    public private(set) var signature: SignatureManifest?
    public private(set) var withdrawal: OrderWithdrawal?

    /// A new written order (plan of care or interim), as a draft.
    public init(id: String, kind: OrderKind, physician: OrderPhysician, document: String) throws(PhysicianOrderError) {
        guard kind != .verbal else { throw .verbalNeedsReceipt }
        guard !document.trimmed.isEmpty else { throw .documentRequired }
        try self.init(restoring: id, kind: kind, physician: physician, document: document, state: .draft)
    }

    /// A verbal order as the clinician took it: in effect now, to be sent for signature later.
    public static func verbal(id: String, physician: OrderPhysician, document: String, takenBy: String, readBackBy: String,
                              at instant: Date) throws(PhysicianOrderError) -> PhysicianOrder {
        guard !document.trimmed.isEmpty else { throw .documentRequired }
        guard !takenBy.trimmed.isEmpty else { throw .takenByRequired }
        guard !readBackBy.trimmed.isEmpty else { throw .readBackRequired }
        let receipt = VerbalOrderReceipt(takenBy: takenBy.trimmed, readBackBy: readBackBy.trimmed, receivedAt: instant)
        return try PhysicianOrder(restoring: id, kind: .verbal, physician: physician, document: document, state: .received, verbal: receipt)
    }

    /// Rebuilds an order from storage; checks that a signed order carries its signature and the document it signed.
    public init(restoring id: String, kind: OrderKind, physician: OrderPhysician, document: String, state: OrderState,
                revision: Int = 1, sentAt: Date? = nil, verbal: VerbalOrderReceipt? = nil, rejections: [OrderRejection] = [],
                signature: SignatureManifest? = nil, withdrawal: OrderWithdrawal? = nil) throws(PhysicianOrderError) {
        if state == .signed {
            guard let signature, signature.matches(Data(document.utf8)) else { throw .signatureDoesNotMatchDocument }
        }
        self.id = id
        self.kind = kind
        self.physician = physician
        self.document = document
        self.state = state
        self.revision = revision
        self.sentAt = sentAt
        self.verbal = verbal
        self.rejections = rejections
        self.signature = signature
        self.withdrawal = withdrawal
    }

    /// Decoding goes through the same check as `init(restoring:)`, so stored JSON cannot carry a signature for other text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(restoring: try c.decode(String.self, forKey: .id), kind: try c.decode(OrderKind.self, forKey: .kind),
                      physician: try c.decode(OrderPhysician.self, forKey: .physician), document: try c.decode(String.self, forKey: .document),
                      state: try c.decode(OrderState.self, forKey: .state), revision: try c.decode(Int.self, forKey: .revision),
                      sentAt: try c.decodeIfPresent(Date.self, forKey: .sentAt),
                      verbal: try c.decodeIfPresent(VerbalOrderReceipt.self, forKey: .verbal),
                      rejections: try c.decodeIfPresent([OrderRejection].self, forKey: .rejections) ?? [],
                      signature: try c.decodeIfPresent(SignatureManifest.self, forKey: .signature),
                      withdrawal: try c.decodeIfPresent(OrderWithdrawal.self, forKey: .withdrawal))
    }

    /// Still needs the physician's signature (signed and withdrawn orders are done; everything else is outstanding).
    public var isUnsigned: Bool { state.isOutstanding }

    /// Changes the text or the addressed physician of a draft.
    public mutating func edit(document: String, physician: OrderPhysician? = nil) throws(PhysicianOrderError) {
        try checkNotSigned()
        guard state == .draft else { throw .notEditable(state) }
        guard !document.trimmed.isEmpty else { throw .documentRequired }
        self.document = document
        self.physician = physician ?? self.physician
    }

    /// Sends a draft, or a received verbal order, to the addressed physician for signature.
    public mutating func send(at instant: Date) throws(PhysicianOrderError) {
        try checkNotSigned()
        guard state == .draft || state == .received else { throw .cannotSend(state) }
        state = .sent
        sentAt = instant
    }

    /// The addressed physician signs the version sent, after re-entering their password.
    public mutating func sign(as signer: OrderSigner, at instant: Date) throws(PhysicianOrderError) {
        guard signer.physicianID == physician.id else { throw .notAddressedToSigner(physician: physician.name) }
        try checkNotSigned()
        guard state == .sent else { throw .notAwaitingSignature(state) }
        guard signer.reauthenticated else { throw .reauthenticationRequired }
        guard !signer.name.trimmed.isEmpty, !signer.credentials.trimmed.isEmpty else { throw .signerDetailsRequired }
        signature = SignatureManifest(signerID: signer.physicianID, signerName: signer.name.trimmed, credentials: signer.credentials.trimmed,
                                      signedAt: instant, meaning: kind.signatureMeaning, document: Data(document.utf8))
        state = .signed
    }

    /// The addressed physician returns the order to the case manager, saying what to change.
    public mutating func reject(by physicianID: String, comment: String, at instant: Date) throws(PhysicianOrderError) {
        guard physicianID == physician.id else { throw .notAddressedToSigner(physician: physician.name) }
        try checkNotSigned()
        guard state == .sent else { throw .notAwaitingSignature(state) }
        let comment = comment.trimmed
        guard !comment.isEmpty else { throw .commentRequired }
        rejections.append(OrderRejection(revision: revision, physicianID: physicianID, comment: comment, at: instant))
        state = .rejected
    }

    /// Starts the next revision of a rejected order as a draft with the corrected text; the rejection stays on record.
    public mutating func revise(document: String) throws(PhysicianOrderError) {
        try checkNotSigned()
        guard state == .rejected else { throw .notRejected(state) }
        guard !document.trimmed.isEmpty else { throw .documentRequired }
        self.document = document
        revision += 1
        state = .draft
        sentAt = nil
    }

    /// Takes back an order the physician has not signed (returned, or still waiting), with the reason; nothing can follow.
    public mutating func withdraw(by person: String, reason: String, at instant: Date) throws(PhysicianOrderError) {
        try checkNotSigned()
        guard state != .withdrawn else { throw .withdrawn }
        let reason = reason.trimmed
        guard reason.count >= 5 else { throw .withdrawalReasonRequired }
        withdrawal = OrderWithdrawal(by: person, reason: reason, at: instant)
        state = .withdrawn
    }

    private func checkNotSigned() throws(PhysicianOrderError) {
        if state == .signed, let signature { throw .signedOrderIsImmutable(signedBy: signature.signerName, at: signature.signedAt) }
    }
}

/// Why a move on an order was refused; the order was left unchanged.
public enum PhysicianOrderError: Error, Sendable, Equatable, CustomStringConvertible {
    case documentRequired
    case verbalNeedsReceipt
    case takenByRequired
    case readBackRequired
    case notEditable(OrderState)
    case cannotSend(OrderState)
    case notAwaitingSignature(OrderState)
    case notRejected(OrderState)
    case notAddressedToSigner(physician: String)
    case reauthenticationRequired
    case signerDetailsRequired
    case commentRequired
    case signedOrderIsImmutable(signedBy: String, at: Date)
    case signatureDoesNotMatchDocument
    case withdrawalReasonRequired
    case withdrawn

    public var description: String { message(in: TimeZone(identifier: "UTC")!) }

    /// The message with times in `zone`, the agency's, as the page around it shows them.
    public func message(in zone: TimeZone) -> String {
        switch self {
        case .documentRequired: "The order has no text. Write what is ordered before saving."
        case .verbalNeedsReceipt: "Record a verbal order with who took it and who read it back."
        case .takenByRequired: "Say which clinician took the verbal order."
        case .readBackRequired: "Say who read the verbal order back to the physician; an order not read back cannot be recorded."
        case .notEditable(let state):
            state == .rejected ? "The order was rejected: start a new revision to change it." : "Only a draft can be edited; this order is \(state.title.lowercased())."
        case .cannotSend(let state):
            state == .sent ? "The order was already sent and awaits the physician's signature." : "A \(state.title.lowercased()) order cannot be sent; revise it first."
        case .notAwaitingSignature(.withdrawn): "This order was withdrawn by the agency; there is nothing to sign."
        case .notAwaitingSignature(let state):
            "This order is \(state.title.lowercased()), not awaiting signature. The case manager must send it first."
        case .notRejected: "Only a rejected order can be revised."
        case .notAddressedToSigner(let physician):
            "This order is addressed to \(physician); only they can sign or reject it. Ask the case manager to readdress it if that is wrong."
        case .reauthenticationRequired: "Re-enter your password to sign."
        case .signerDetailsRequired: "Your name and credentials are needed on the signature; complete your profile, then sign."
        case .commentRequired: "Say what must change, so the case manager can correct the order."
        case .signedOrderIsImmutable(let by, let at):
            "This order was signed by \(by) at \(SignatureManifest.timeText(at, in: zone)) and cannot change. "
                + "Write a new interim order instead."
        case .withdrawalReasonRequired: "Say why the order is withdrawn (for example: replaced by the corrected order of today), so the chart explains it."
        case .withdrawn: "This order was withdrawn and cannot change. Write a new order if one is needed."
        case .signatureDoesNotMatchDocument: "The stored signature does not match the order text; the record may have been altered. Report it to the administrator."
        }
    }
}
