import Foundation

/// The addresses of ending and granting access: a user's own password, the administrator's user and token pages.
extension Paths {
    static let accountPassword = "/account/password"
    static let adminTokens = "/admin/tokens"
    static let adminAuditExport = "/admin/audit/export.csv"

    /// One administrator action on one user: `disable`, `enable`, `role`, `reset-password`, `unlock`.
    static func adminUser(_ id: UUID, _ action: String) -> String { "\(adminUsers)/\(id.uuidString.lowercased())/\(action)" }
    static func adminToken(_ id: UUID, _ action: String) -> String { "\(adminTokens)/\(id.uuidString.lowercased())/\(action)" }
}
