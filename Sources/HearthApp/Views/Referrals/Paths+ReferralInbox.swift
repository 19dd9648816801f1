import Foundation

extension Paths {
    /// Intake's inbox of referrals hospitals sent over FHIR.
    static let referralInbox = "/referrals/inbox"
    static func referralInbox(_ id: UUID) -> String { "/referrals/inbox/\(id.uuidString.lowercased())" }
}
