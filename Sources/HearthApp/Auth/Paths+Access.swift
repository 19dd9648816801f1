import Foundation

/// The addresses of ending and granting access: a user's own password, the administrator's user and token pages.
extension Paths {
    static let accountPassword = "/account/password"
    static let adminTokens = "/admin/tokens"
    static let adminAuditExport = "/admin/audit/export.csv"
    /// Two-step sign-in: the code after the password, and the user's own authenticator and recovery codes.
    static let loginCode = "/login/code"
    static let accountTwoStep = "/account/two-step"
    static let accountTwoStepSetup = "/account/two-step/setup"
    static let accountTwoStepConfirm = "/account/two-step/confirm"
    static let accountTwoStepRecoveryCodes = "/account/two-step/recovery-codes"
    static let accountTwoStepTurnOff = "/account/two-step/turn-off"
    /// The only pages open to someone whose role requires two-step sign-in before they have set it up.
    static let twoStepSetupPaths: Set<String> = [accountTwoStepSetup, accountTwoStepConfirm, logout]

    /// One administrator action on one user: `disable`, `enable`, `role`, `reset-password`, `unlock`, `reset-two-step`.
    static func adminUser(_ id: UUID, _ action: String) -> String { "\(adminUsers)/\(id.uuidString.lowercased())/\(action)" }
    static func adminToken(_ id: UUID, _ action: String) -> String { "\(adminTokens)/\(id.uuidString.lowercased())/\(action)" }
}
