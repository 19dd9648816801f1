import Foundation
import Vapor

extension Request {
    /// This server as its clients reach it: `HEARTH_PUBLIC_URL`, else the scheme and host the request came to. The token
    /// URL that assertions must name as `aud` is built from it, so set `HEARTH_PUBLIC_URL` behind a proxy.
    var publicOrigin: String {
        if let configured = application.settings.publicURL { return configured }
        let host = headers.first(name: .host).map { $0.filter { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } }.flatMap { $0.isEmpty ? nil : $0 }
        return (isSecure ? "https://" : "http://") + (host ?? "localhost")
    }
}

/// `rest.security` of the CapabilityStatement: SMART on FHIR as the service, and the OAuth endpoints in the
/// `oauth-uris` extension [FHIR R4 CapabilityStatement.rest.security; SMART App Launch 2.0 §"Capability Statement"].
struct SMARTSecurity: Codable, Sendable {
    struct Coding: Codable, Sendable { var system: String; var code: String; var display: String }
    struct Concept: Codable, Sendable { var coding: [Coding]; var text: String }
    struct Extension: Codable, Sendable { var url: String; var valueUri: String?; var `extension`: [Extension]? }

    /// True when `HEARTH_CORS_ORIGINS` lets browser apps call across origins.
    var cors: Bool
    var service: [Concept]
    var `extension`: [Extension]
    var description = "OAuth 2.0 client credentials with a JWT client assertion (SMART Backend Services, RS384 or ES384); SMART v2 scopes such as system/Patient.rs. Bearer tokens made by `hearth token create` act with the user's role."

    init(origin: String, cors: Bool) {
        self.cors = cors
        service = [Concept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "SMART-on-FHIR", display: "SMART-on-FHIR")],
                           text: "SMART Backend Services")]
        `extension` = [Extension(url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", valueUri: nil, extension: [
            Extension(url: "token", valueUri: origin + SiteURL.oauthToken.path, extension: nil),
        ])]
    }
}
