import Foundation
import HearthCore
import Vapor

extension HTTPMediaType {
    static let fhirJSON = HTTPMediaType(type: "application", subType: "fhir+json", parameters: ["charset": "utf-8"])
}

/// FHIR R4 OperationOutcome: how FHIR clients hear about errors.
struct OperationOutcome: Content {
    struct Issue: Codable {
        var severity: String
        var code: String
        var diagnostics: String
    }

    var resourceType = "OperationOutcome"
    var issue: [Issue]

    init(severity: String, code: String, diagnostics: String) {
        issue = [Issue(severity: severity, code: code, diagnostics: diagnostics)]
    }
}

/// The FHIR issue-type code for an HTTP status (http://hl7.org/fhir/R4/valueset-issue-type.html).
func FHIRIssueCode(_ status: HTTPResponseStatus) -> String {
    switch status.code {
    case 401: "login"
    case 403: "forbidden"
    case 404: "not-found"
    case 405: "not-supported"
    case 409: "conflict"
    case 413: "too-costly"
    case 400, 422: "invalid"
    default: "exception"
    }
}

/// FHIR R4 searchset Bundle.
struct FHIRBundle<Resource: Codable & Sendable>: Content {
    struct Entry: Codable, Sendable { var fullUrl: String; var resource: Resource; var search = Search() }
    struct Search: Codable, Sendable { var mode = "match" }
    struct Link: Codable, Sendable { var relation: String; var url: String }

    var resourceType = "Bundle"
    var type = "searchset"
    var link: [Link]
    var entry: [Entry]

    init(link: [Link], entry: [Entry]) {
        self.link = link
        self.entry = entry
    }

    /// R4 JSON leaves an empty `entry` out: read back, that is no entries.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        link = try container.decodeIfPresent([Link].self, forKey: .link) ?? []
        entry = try container.decodeIfPresent([Entry].self, forKey: .entry) ?? []
    }
}

extension Response {
    /// A FHIR body with the FHIR media type, without the empty arrays, objects and nulls R4 JSON forbids: resources
    /// leave them out as they are encoded (`FHIRTreeEncoder`), and the writer skips those of a hand-built value.
    static func fhir(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let json = try (value as? FHIRJSON) ?? FHIRJSON(encoding: value)
        let response = Response(status: status, body: .init(buffer: ByteBuffer(bytes: json.jsonBytes)))
        response.headers.contentType = .fhirJSON
        return response
    }
}
