import Foundation
import Vapor

/// Absolute FHIR addresses: the public origin (`Request.publicOrigin`: `HEARTH_PUBLIC_URL`, else the scheme and host the
/// request came to) plus a typed `FHIRURL`, so a Bundle's `fullUrl`, a write's `Location` and the paging links are built
/// from the one source of addresses, never spliced from strings.
struct FHIRAddress: Sendable {
    let origin: String

    init(_ req: Request) { origin = req.publicOrigin }

    func url(_ address: FHIRURL, query: String? = nil) -> String {
        origin + SiteURL.fhir(address).path + (query.flatMap { $0.isEmpty ? nil : "?" + $0 } ?? "")
    }

    /// A served resource's address (`fullUrl`, `Location`).
    func resource(_ type: String, _ id: String) -> String {
        url(FHIRType(rawValue: type).map { .resource($0, id) } ?? .base) + (FHIRType(rawValue: type) == nil ? "/\(type)/\(id)" : "")
    }

    func resource(_ type: FHIRType, id: UUID) -> String { url(.resource(type, id: id)) }

    /// `Patient/<id>` from an address of this server, as a Bundle entry's `response.location` and a `urn:uuid:`
    /// resolution name it; nil for any other address.
    func reference(_ location: String) -> String? {
        let base = url(.base) + "/"
        return location.hasPrefix(base) ? String(location.dropFirst(base.count)) : nil
    }
}

extension FHIRController {
    /// Where integrators reach Hearth's FHIR API: the public origin and `/fhir`.
    static func publicBase(_ req: Request) -> String { FHIRAddress(req).url(.base) }
}
