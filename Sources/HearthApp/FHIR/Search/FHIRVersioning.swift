import Foundation
import Vapor

/// Versions and change detection (http://hl7.org/fhir/R4/http.html#versioning): every resource read carries
/// `meta.versionId`, an ETag of it and, where Hearth stores it, `Last-Modified`; a client whose copy is current hears 304.
extension Request {
    func fhirRead(_ resource: some Encodable, lastUpdated: Date? = nil) throws -> Response {
        let served = try FHIRServed(resource, lastUpdated: lastUpdated)
        if isCurrent(served) {
            let response = Response(status: .notModified)
            served.describe(response)
            return response
        }
        let response = try Response.fhir(served.json)
        served.describe(response)
        return response
    }

    /// `If-None-Match` (an ETag or `*`), else `If-Modified-Since` (an HTTP date, to the second).
    private func isCurrent(_ served: FHIRServed) -> Bool {
        let tags = headers[.ifNoneMatch].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if !tags.isEmpty { return tags.contains { $0 == "*" || FHIRServed.version(inTag: $0) == served.versionID } }
        guard let text = headers.first(name: .ifModifiedSince), let since = Self.httpDate.date(from: text), let changed = served.lastUpdated else { return false }
        return changed.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    static var httpDate: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

extension FHIRServed {
    var etag: String { "W/\"\(versionID)\"" }

    /// The version an ETag or `If-Match` names: `W/"v"`, `"v"` or `v`.
    static func version(inTag tag: String) -> String {
        var text = tag.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// This version as an entry of a history Bundle.
    func historyEntry(base: FHIRAddress) -> FHIRJSON {
        var response: [String: FHIRJSON] = ["status": .string("200 OK"), "etag": .string(etag)]
        if let lastUpdated { response["lastModified"] = .string(lastUpdated.fhirInstant) }
        return .object([
            "fullUrl": .string(base.resource(type, id)), "resource": json,
            "request": .object(["method": .string("PUT"), "url": .string("\(type)/\(id)")]), "response": .object(response),
        ])
    }

    func describe(_ response: Response) {
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        if let lastUpdated { response.headers.replaceOrAdd(name: .lastModified, value: lastUpdated.httpDate) }
    }
}

extension FHIRController {
    /// `GET /fhir/Patient/<id>/_history/<version>`: the version in force. Hearth keeps the chart's changes as a history
    /// of fields, not whole earlier resources, so an earlier version answers 404 saying so.
    func vreadPatient(req: Request) async throws -> Response {
        let (patient, served) = try await currentPatient(req)
        guard req.parameters.get("version") == served.versionID else {
            throw AppError.notFound("Hearth serves the current version of a patient only (\(served.versionID)); earlier values are in the chart's change history.")
        }
        try await req.auditRead("patient.read", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString, detail: "FHIR vread")
        let response = try Response.fhir(served.json)
        served.describe(response)
        return response
    }

    /// `GET /fhir/Patient/<id>/_history`: a history Bundle of the version in force.
    func patientHistory(req: Request) async throws -> Response {
        let (patient, served) = try await currentPatient(req)
        try await req.auditRead("patient.read", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString, detail: "FHIR history")
        let base = FHIRAddress(req)
        return try .fhir(FHIRJSON.object([
            "resourceType": .string("Bundle"), "type": .string("history"), "total": .number(1),
            "link": .array([.object(["relation": .string("self"), "url": .string(base.url(.history(.Patient, served.id)))])]),
            "entry": .array([served.historyEntry(base: base)]),
        ]))
    }

    private func currentPatient(_ req: Request) async throws -> (Patient, FHIRServed) {
        let patient = try await req.patient(.read, parameter: "id")
        return (patient, try FHIRServed(try await FHIRPatientStore.resource(patient, on: req.db)))
    }
}
