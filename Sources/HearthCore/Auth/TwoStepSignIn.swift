import Foundation

/// The agency's rule for two-step sign-in (MFA): which roles must use it (`HEARTH_MFA_REQUIRED`, by default
/// administrators and supervisors, the accounts that grant access and read every chart). Anyone else may turn it on.
/// [HHS proposed 45 CFR 164.312(d) update (2025): MFA for access to ePHI; ONC 45 CFR 170.315(d)(13).]
public struct TwoStepPolicy: Sendable, Equatable {
    public var requiredRoles: Set<Role>
    /// Not set by the operator: the demo leaves two-step sign-in optional in that case.
    public var isDefault = false

    public static let standard = TwoStepPolicy(requiredRoles: [.admin, .supervisor])
    public static let optional = TwoStepPolicy(requiredRoles: [])

    public init(requiredRoles: Set<Role>, isDefault: Bool = false) {
        self.requiredRoles = requiredRoles
        self.isDefault = isDefault
    }

    /// "admin,supervisor" (any spelling `Role(loose:)` takes), "none" or empty for no one; nil when a name is no role.
    public init?(setting: String) {
        let names = setting.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.map({ $0.lowercased() }) == ["none"] || names.isEmpty {
            self.init(requiredRoles: [])
            return
        }
        var roles = Set<Role>()
        for name in names {
            guard let role = Role(loose: name) else { return nil }
            roles.insert(role)
        }
        self.init(requiredRoles: roles)
    }

    public func requires(_ role: Role) -> Bool { requiredRoles.contains(role) }

    /// The required roles as an operator writes them, e.g. "admin,supervisor", or "none".
    public var setting: String {
        requiredRoles.isEmpty ? "none" : requiredRoles.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// Where a browser's sign-in stands after the password. Only `signedIn` opens pages; `awaitingCode` opens none (the
/// second step's own page only) and `mustEnrol` only the pages that set up an authenticator.
public enum SignInStage: String, Sendable {
    case awaitingCode = "code"
    case mustEnrol = "enrol"
    case signedIn = "signed-in"

    /// How long a correct password waits for its code before the sign-in starts over.
    public static let codeWindow: TimeInterval = 5 * 60

    /// The stage a correct password leads to: the code when the user has an authenticator, its set-up when their role
    /// requires one they do not have, else signed in.
    public static func afterPassword(enrolled: Bool, requiredForRole: Bool) -> SignInStage {
        if enrolled { return .awaitingCode }
        return requiredForRole ? .mustEnrol : .signedIn
    }

    /// A session row's stored stage; rows from before two-step sign-in (nil) are signed in.
    public init(stored: String?) {
        self = stored.flatMap(SignInStage.init(rawValue:)) ?? .signedIn
    }

    /// Whether a pending code step has outlived its window.
    public func hasExpired(startedAt: Date, now: Date) -> Bool {
        self == .awaitingCode && now.timeIntervalSince(startedAt) > Self.codeWindow
    }
}
