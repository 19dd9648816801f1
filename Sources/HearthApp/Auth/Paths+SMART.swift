import Foundation
import Vapor

/// SMART on FHIR's addresses: discovery, the token endpoint, and the administrator's client registrations.
extension Paths {
    enum SMART {
        static let configuration = "/.well-known/smart-configuration"
        /// The same document below the FHIR base, where SMART clients also look ([FHIR base]/.well-known/…).
        static let fhirConfiguration = "/fhir/.well-known/smart-configuration"
        static let token = "/oauth/token"
    }

    static let adminClients = "/admin/clients"
    static func adminClient(_ id: UUID, _ action: String) -> String { "\(adminClients)/\(id.uuidString.lowercased())/\(action)" }
}

extension Request {
    /// This server as its clients reach it (`https://host`), for the token URL that assertions name as `aud`.
    var publicOrigin: String {
        let host = headers.first(name: .host) ?? "localhost"
        return (isSecure ? "https://" : "http://") + host
    }
}
