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

/// FHIR R4 Patient, the fields Hearth holds.
struct FHIRPatient: Content {
    struct Identifier: Codable { var system: String; var value: String }
    struct HumanName: Codable { var use: String; var family: String?; var given: [String] }
    struct CodeableConcept: Codable { var coding: [Coding]?; var text: String? }
    struct Coding: Codable { var system: String; var code: String; var display: String? }
    struct Communication: Codable { var language: CodeableConcept; var preferred = true }
    /// The interpreter-required and gender-identity extensions (http://hl7.org/fhir/R4/extensibility.html).
    struct Extension: Codable { var url: String; var valueBoolean: Bool?; var valueCodeableConcept: CodeableConcept? }
    struct Contact: Codable {
        var relationship: [CodeableConcept]
        var name: ContactName
        var telecom: [ContactPoint]
    }
    struct ContactName: Codable { var text: String }
    struct ContactPoint: Codable { var system: String; var value: String; var use: String }
    struct Address: Codable {
        var use = "home"
        var line: [String]?
        var city: String?
        var state: String?
        var postalCode: String?
        var country = "US"
    }
    struct Meta: Codable { var lastUpdated: String? }

    var resourceType = "Patient"
    var id: String
    var meta: Meta?
    var `extension`: [Extension]?
    var identifier: [Identifier]
    var active = true
    var name: [HumanName]
    var telecom: [ContactPoint]?
    var gender: String
    var birthDate: String
    var address: [Address]?
    var contact: [Contact]?
    var communication: [Communication]?

    static let mrnSystem = "urn:hearth:mrn"

    /// `contacts` are the patient's family and caregivers; pass them when the caller loaded them.
    init(_ patient: Patient, contacts: [PatientContact] = []) throws {
        id = try patient.requireID().uuidString.lowercased()
        meta = Meta(lastUpdated: patient.updatedAt?.fhirInstant)
        identifier = [Identifier(system: Self.mrnSystem, value: patient.mrn)]
        name = [HumanName(use: "official", family: patient.familyName, given: [patient.givenName])]
        if let preferred = patient.preferredName { name.append(HumanName(use: "usual", family: nil, given: [preferred])) }
        let phones = [patient.phone.map { ContactPoint(system: "phone", value: $0, use: "home") },
                      patient.alternatePhone.map { ContactPoint(system: "phone", value: $0, use: "mobile") }].compactMap { $0 }
        telecom = phones.isEmpty ? nil : phones
        gender = patient.sex
        birthDate = patient.birthDate
        let hasAddress = [patient.addressLine, patient.city, patient.state, patient.postalCode].contains { $0 != nil }
        address = hasAddress ? [Address(line: patient.addressLine.map { [$0] }, city: patient.city, state: patient.state, postalCode: patient.postalCode)] : nil
        communication = patient.language.map { [Communication(language: CodeableConcept(coding: nil, text: $0))] }
        var extensions: [Extension] = []
        if let needed = patient.interpreterNeeded {
            extensions.append(Extension(url: "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired", valueBoolean: needed))
        }
        if let identity = patient.genderIdentity.flatMap(GenderIdentity.init(rawValue:)) {
            extensions.append(Extension(url: "http://hl7.org/fhir/StructureDefinition/patient-genderIdentity",
                                        valueCodeableConcept: CodeableConcept(coding: nil, text: identity.title)))
        }
        `extension` = extensions.isEmpty ? nil : extensions
        let mapped = contacts.map { contact in
            // v2-0131 "C" is emergency contact; the relationship itself goes in text.
            Contact(relationship: [CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/v2-0131", code: "C", display: "Emergency Contact")], text: contact.relationship)],
                    name: ContactName(text: contact.name), telecom: [ContactPoint(system: "phone", value: contact.phone, use: "home")])
        }
        contact = mapped.isEmpty ? nil : mapped
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
}

extension Response {
    /// A FHIR body with the FHIR media type.
    static func fhir(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: JSONEncoder())
        response.headers.contentType = .fhirJSON
        return response
    }
}
