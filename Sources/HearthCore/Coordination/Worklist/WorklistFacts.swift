import Foundation

/// A safety alert raised by an assessment's answers (PHQ-9 item 9), for the patient's case manager.
public struct SafetyAlertFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var assessmentID: String
    public var alert: SafetyAlert
    public var raisedOn: CalendarDate

    public init(patientID: String, owner: String, assessmentID: String, alert: SafetyAlert, raisedOn: CalendarDate) {
        self.patientID = patientID
        self.owner = owner
        self.assessmentID = assessmentID
        self.alert = alert
        self.raisedOn = raisedOn
    }
}

/// An order still without the physician's signature, as the aging report sees it.
public struct UnsignedOrderFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var order: UnsignedOrderAging.Item
    /// For an order the physician returned: what the order is and the physician's comment.
    public var summary: String?
    public var returnedBecause: String?

    public init(patientID: String, owner: String, order: UnsignedOrderAging.Item, summary: String? = nil, returnedBecause: String? = nil) {
        self.patientID = patientID
        self.owner = owner
        self.order = order
        self.summary = summary
        self.returnedBecause = returnedBecause
    }
}

/// A deadline from the regulatory clock (assessments, recertification, discharge).
public struct ObligationFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var obligation: Obligation

    public init(patientID: String, owner: String, obligation: Obligation) {
        self.patientID = patientID
        self.owner = owner
        self.obligation = obligation
    }
}

/// A visit that did not happen.
public struct MissedVisitFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var missed: MissedVisit

    public init(patientID: String, owner: String, missed: MissedVisit) {
        self.patientID = patientID
        self.owner = owner
        self.missed = missed
    }
}

/// A payer's authorization of visits: its end date and, when counted in visits, how many are used.
public struct AuthorizationFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var authorizationID: String
    public var payer: String
    public var endsOn: CalendarDate
    public var visitsAuthorized: Int?
    public var visitsUsed: Int

    public init(patientID: String, owner: String, authorizationID: String, payer: String, endsOn: CalendarDate,
                visitsAuthorized: Int? = nil, visitsUsed: Int = 0) {
        self.patientID = patientID
        self.owner = owner
        self.authorizationID = authorizationID
        self.payer = payer
        self.endsOn = endsOn
        self.visitsAuthorized = visitsAuthorized
        self.visitsUsed = visitsUsed
    }

    public var visitsLeft: Int? { visitsAuthorized.map { max(0, $0 - visitsUsed) } }
}

/// A hazard found in a patient's home.
public struct HomeSafetyFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var finding: HomeSafetyFinding

    public init(patientID: String, owner: String, finding: HomeSafetyFinding) {
        self.patientID = patientID
        self.owner = owner
        self.finding = finding
    }
}

/// A patient's teaching, topic by topic.
public struct TeachingFact: Sendable, Equatable {
    public var patientID: String
    public var owner: String
    public var progress: TeachingProgress

    public init(patientID: String, owner: String, progress: TeachingProgress) {
        self.patientID = patientID
        self.owner = owner
        self.progress = progress
    }
}

/// Everything the worklist rules look at, for one patient or a whole caseload.
public struct WorklistFacts: Sendable, Equatable {
    public var safetyAlerts: [SafetyAlertFact]
    public var unsignedOrders: [UnsignedOrderFact]
    public var obligations: [ObligationFact]
    public var missedVisits: [MissedVisitFact]
    public var authorizations: [AuthorizationFact]
    public var referrals: [ResourceReferral]
    public var homeSafety: [HomeSafetyFact]
    public var teaching: [TeachingFact]
    public var communications: [CommunicationEntry]

    public init(safetyAlerts: [SafetyAlertFact] = [], unsignedOrders: [UnsignedOrderFact] = [], obligations: [ObligationFact] = [],
                missedVisits: [MissedVisitFact] = [], authorizations: [AuthorizationFact] = [], referrals: [ResourceReferral] = [],
                homeSafety: [HomeSafetyFact] = [], teaching: [TeachingFact] = [], communications: [CommunicationEntry] = []) {
        self.safetyAlerts = safetyAlerts
        self.unsignedOrders = unsignedOrders
        self.obligations = obligations
        self.missedVisits = missedVisits
        self.authorizations = authorizations
        self.referrals = referrals
        self.homeSafety = homeSafety
        self.teaching = teaching
        self.communications = communications
    }
}
