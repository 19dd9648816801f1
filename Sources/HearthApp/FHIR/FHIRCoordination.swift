import Crypto
import Foundation
import HearthCore
import Vapor

/// Pieces the FHIR R4 coordination resources share: the community directory (HealthcareService, Location, Organization),
/// referrals (ServiceRequest, Task) and the communication log (Communication).
enum FHIRCoord {
    struct Coding: Codable { var system: String?; var code: String; var display: String? }
    struct Concept: Codable { var coding: [Coding]?; var text: String? }
    struct Reference: Codable { var reference: String?; var display: String? }
    struct ContactPoint: Codable { var system: String; var value: String; var use: String? }
    struct Period: Codable { var start: String?; var end: String? }
    struct Annotation: Codable { var authorString: String?; var time: String?; var text: String }

    static func text(_ text: String) -> Concept { Concept(coding: nil, text: text) }

    static func patient(_ id: UUID) -> Reference { Reference(reference: "Patient/\(id.uuidString.lowercased())") }

    static func practitioner(_ id: UUID, _ name: String?) -> Reference {
        Reference(reference: "Practitioner/\(id.uuidString.lowercased())", display: name)
    }

    /// A directory record's FHIR id: "hsds-" and its HSDS id, or, when that is no valid FHIR id (letters, digits, "-" and ".",
    /// 64 at most), "hsds-" and a SHA-256 prefix of it. The prefix keeps directory organizations apart from the agency's.
    static func directoryID(_ hsdsID: String) -> String {
        let valid = hsdsID.count <= 59 && !hsdsID.isEmpty && hsdsID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        if valid { return "hsds-" + hsdsID }
        return "hsds-" + SHA256.hash(data: Data(hsdsID.utf8)).prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// Phone numbers as HSDS types them (RFC 6350), then email and website.
    static func telecom(_ phones: [ResourcePhone], email: String? = nil, website: String? = nil) -> [ContactPoint]? {
        let numbers = phones.map { phone in
            let system = switch phone.type?.lowercased() {
            case "fax": "fax"
            case "text": "sms"
            case "pager": "pager"
            case "video", "textphone": "other"
            default: "phone"
            }
            return ContactPoint(system: system, value: phone.number + (phone.extensionNumber.map { " ext. \($0)" } ?? ""),
                                use: phone.type?.lowercased() == "cell" ? "mobile" : "work")
        }
        let points = numbers + [email.map { ContactPoint(system: "email", value: $0, use: "work") },
                                website.map { ContactPoint(system: "url", value: $0, use: "work") }].compactMap { $0 }
        return points.isEmpty ? nil : points
    }
}

/// Two shapes of one resource type served side by side: physician orders and referrals are both ServiceRequests.
enum FHIREither<First: Codable & Sendable, Second: Codable & Sendable>: Codable, Sendable {
    case first(First)
    case second(Second)

    init(from decoder: any Decoder) throws {
        do { self = .first(try First(from: decoder)) } catch { self = .second(try Second(from: decoder)) }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .first(let resource): try resource.encode(to: encoder)
        case .second(let resource): try resource.encode(to: encoder)
        }
    }
}

extension FHIREither: PatientScopedResource where First: PatientScopedResource, Second: PatientScopedResource {
    static var resourceType: String { First.resourceType }

    var id: String {
        switch self {
        case .first(let resource): resource.id
        case .second(let resource): resource.id
        }
    }
}

/// A search over records held in memory (the directory): the type's own criteria chosen by the caller, then the
/// common ones, `_sort` and paging by the search engine.
struct FHIRSearchPage {
    let search: FHIRSearchRequest
    let req: Request

    init(_ type: String, _ req: Request) throws {
        search = try FHIRSearchRequest(type, req)
        self.req = req
    }

    /// The page of `matches` (each with its id) as a searchset bundle with its total.
    func bundle<Resource: Codable & Sendable>(_ matches: [(id: String, resource: Resource)]) async throws -> Response {
        try await search.answer(try matches.map { try FHIRServed($0.resource) }, req: req).response
    }

    /// FHIR string search on a name: `name` matches its start, `name:contains` any part; case is ignored.
    func nameMatcher(_ req: Request) -> ((String?) -> Bool)? {
        if let prefix = req.query[String.self, at: "name"], !prefix.isEmpty {
            return { $0?.lowercased().hasPrefix(prefix.lowercased()) ?? false }
        }
        if let part = req.query[String.self, at: "name:contains"], !part.isEmpty {
            return { $0?.lowercased().contains(part.lowercased()) ?? false }
        }
        return nil
    }

    /// The id a reference parameter names: "Location/hsds-x" or "hsds-x".
    static func referenceID(_ value: String) -> String { String(value.split(separator: "/").last ?? "") }
}
