/// A license or certification the agency keeps on file for a clinician.
public enum CredentialType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case rnLicense = "rn_license"
    case lpnLicense = "lpn_license"
    case ptLicense = "pt_license"
    case ptaLicense = "pta_license"
    case otLicense = "ot_license"
    case otaLicense = "ota_license"
    case slpLicense = "slp_license"
    case lmswLicense = "lmsw_license"
    case lcswLicense = "lcsw_license"
    /// A state's own aide certification or registry listing (New Jersey CHHA, California HHA certificate).
    case stateAideCertification = "state_aide_certification"
    /// Certified Case Manager, from the Commission for Case Manager Certification (national).
    case ccmCertification = "ccm_certification"
    case cpr
    /// The aide's passed competency evaluation [42 CFR 484.80(c)]; national, kept with its date.
    case aideCompetency = "hha_competency"

    /// A license or certification that a state issues, so it counts only in that state.
    public var isStateIssued: Bool {
        switch self {
        case .ccmCertification, .cpr, .aideCompetency: false
        default: true
        }
    }

    /// "RN license", "CCM certification".
    public var description: String {
        switch self {
        case .rnLicense: "RN license"
        case .lpnLicense: "LPN/LVN license"
        case .ptLicense: "PT license"
        case .ptaLicense: "PTA license"
        case .otLicense: "OT license"
        case .otaLicense: "OTA license"
        case .slpLicense: "SLP license"
        case .lmswLicense: "LMSW license"
        case .lcswLicense: "LCSW license"
        case .stateAideCertification: "home health aide certification"
        case .ccmCertification: "CCM certification"
        case .cpr: "CPR certification"
        case .aideCompetency: "aide competency evaluation"
        }
    }
}

/// Expiry alerts go out 60, 30 and 7 days before a credential lapses; each band is the nearest one reached.
public enum ExpiryAlert: Int, Sendable, Hashable, Comparable, CaseIterable {
    case sevenDays = 7
    case thirtyDays = 30
    case sixtyDays = 60

    /// The band for a credential with `daysLeft` days of validity left, or nil when more than 60.
    public init?(daysLeft: Int) {
        guard let band = Self.allCases.first(where: { daysLeft <= $0.rawValue }) else { return nil }
        self = band
    }

    public static func < (lhs: ExpiryAlert, rhs: ExpiryAlert) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a credential can be relied on for a visit on a given day.
public enum CredentialStatus: Sendable, Equatable {
    /// In force; `daysLeft` is nil for a credential that does not expire.
    case valid(daysLeft: Int?)
    /// In force, but within an alert band of its expiry date.
    case expiring(daysLeft: Int, alert: ExpiryAlert)
    /// Lapsed; `since` is its expiry date, the last day it was valid.
    case expired(since: CalendarDate)
    /// Issued with a date still to come.
    case notYetValid(from: CalendarDate)

    /// True for `valid` and `expiring`: the clinician may practise under it that day.
    public var isInForce: Bool {
        switch self {
        case .valid, .expiring: true
        case .expired, .notYetValid: false
        }
    }
}

/// A license or certification as recorded from the board's verification: type, issuing state, number and dates.
public struct Credential: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var type: CredentialType
    /// Two-letter issuing state; nil for a national certification (CCM, CPR).
    public var state: String?
    public var number: String
    public var issued: CalendarDate?
    /// The last day the credential is valid, as printed on it; nil when it does not expire.
    public var expires: CalendarDate?

    public init(id: String, type: CredentialType, state: String? = nil, number: String,
                issued: CalendarDate? = nil, expires: CalendarDate? = nil) {
        self.id = id
        self.type = type
        self.state = state?.trimmingCharacters(in: .whitespaces).uppercased()
        self.number = number.trimmingCharacters(in: .whitespaces)
        self.issued = issued
        self.expires = expires
    }

    /// Whether `other` renews this credential: the same kind from the same state, valid longer (or without end).
    /// A renewed license is not an expiring one: only the newest of a kind is watched.
    public func isRenewed(by other: Credential) -> Bool {
        guard other.id != id, other.type == type, other.state == state, let expires else { return false }
        return other.expires.map { $0 > expires } ?? true
    }

    /// Where the credential stands on `day`; the expiry date itself is still a valid day.
    public func status(on day: CalendarDate) -> CredentialStatus {
        if let issued, day < issued { return .notYetValid(from: issued) }
        guard let expires else { return .valid(daysLeft: nil) }
        let daysLeft = day.days(until: expires)
        if daysLeft < 0 { return .expired(since: expires) }
        if let alert = ExpiryAlert(daysLeft: daysLeft) { return .expiring(daysLeft: daysLeft, alert: alert) }
        return .valid(daysLeft: daysLeft)
    }

    /// "RN license in PA", "CCM certification".
    public var name: String { state.map { "\(type) in \($0)" } ?? type.description }

    /// Problems by form field; empty when the credential can be saved.
    public var problems: [String: String] {
        var problems: [String: String] = [:]
        let state = self.state ?? ""
        if type.isStateIssued && state.isEmpty {
            problems["state"] = "A \(type) is issued by a state: enter its two-letter code, for example PA."
        } else if type.isStateIssued && !USState.codes.contains(state) {
            problems["state"] = "Use the two-letter code of the state that issued the \(type), for example PA."
        } else if !type.isStateIssued && !state.isEmpty {
            problems["state"] = "A \(type) is national: leave the state empty."
        }
        if number.isEmpty || number.count > 40 {
            problems["number"] = "Enter the number as printed on the \(type) (at most 40 characters)."
        }
        if let issued, let expires, expires < issued {
            problems["expires"] = "The expiry date is before the issue date; check both against the \(type)."
        }
        return problems
    }
}
