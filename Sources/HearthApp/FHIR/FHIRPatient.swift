import Foundation
import HearthCore
import Vapor

/// FHIR R4 Patient (US Core), the fields Hearth holds. What a partner writes (`PatientWrite`) reads back the same.
struct FHIRPatient: Content {
    struct Identifier: Codable { var system: String; var value: String; var use: String? = nil; var type: FHIRConcept? = nil }
    struct HumanName: Codable { var use: String; var family: String?; var given: [String] }
    struct CodeableConcept: Codable { var coding: [Coding]?; var text: String? }
    struct Coding: Codable { var system: String; var code: String; var display: String? }
    struct Communication: Codable { var language: CodeableConcept; var preferred = true }
    /// Interpreter required, gender identity and the US Core race, ethnicity and birth sex extensions
    /// (http://hl7.org/fhir/R4/extensibility.html).
    struct Extension: Codable {
        var url: String
        var valueBoolean: Bool? = nil
        var valueCodeableConcept: CodeableConcept? = nil
        var valueCode: String? = nil
        var valueCoding: Coding? = nil
        var valueString: String? = nil
        var `extension`: [Extension]? = nil
    }
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
    struct Reference: Codable { var reference: String }

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
    var generalPractitioner: [Reference]?

    static let mrnSystem = "urn:hearth:mrn"

    /// `contacts` are the patient's family and caregivers and `identifiers` other systems' identifiers; pass them
    /// when the caller loaded them.
    init(_ patient: Patient, contacts: [PatientContact] = [], identifiers: [PatientIdentifier] = []) throws {
        id = try patient.requireID().uuidString.lowercased()
        meta = Meta(lastUpdated: patient.updatedAt?.fhirInstant)
        identifier = [Identifier(system: Self.mrnSystem, value: patient.mrn)] + identifiers.map { stored in
            Identifier(system: stored.system, value: stored.value, use: stored.use,
                       type: stored.typeJSON.flatMap { try? JSONDecoder().decode(FHIRConcept.self, from: Data($0.utf8)) })
        }
        let middle = (patient.middleNames ?? "").split(separator: " ").map(String.init)
        name = [HumanName(use: "official", family: patient.familyName, given: [patient.givenName] + middle)]
        if let preferred = patient.preferredName { name.append(HumanName(use: "usual", family: nil, given: [preferred])) }
        let phones = [patient.phone.map { ContactPoint(system: "phone", value: $0, use: "home") },
                      patient.alternatePhone.map { ContactPoint(system: "phone", value: $0, use: "mobile") }].compactMap { $0 }
        telecom = phones.isEmpty ? nil : phones
        gender = patient.sex
        birthDate = patient.birthDate
        let hasAddress = [patient.addressLine, patient.city, patient.state, patient.postalCode].contains { $0 != nil }
        address = hasAddress ? [Address(line: patient.addressLine.map { [$0] }, city: patient.city, state: patient.state, postalCode: patient.postalCode)] : nil
        communication = patient.language.map { language in
            [Communication(language: CodeableConcept(coding: patient.languageCode.map { [Coding(system: PatientWrite.bcp47, code: $0, display: language)] }, text: language))]
        }
        generalPractitioner = patient.$physician.id.map { [Reference(reference: "Practitioner/\($0.uuidString.lowercased())")] }
        let extensions = Self.extensions(patient)
        `extension` = extensions.isEmpty ? nil : extensions
        let mapped = contacts.map { contact in
            // v2-0131 "C" is emergency contact; the relationship itself goes in text.
            Contact(relationship: [CodeableConcept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/v2-0131", code: "C", display: "Emergency Contact")], text: contact.relationship)],
                    name: ContactName(text: contact.name), telecom: [ContactPoint(system: "phone", value: contact.phone, use: "home")])
        }
        contact = mapped.isEmpty ? nil : mapped
    }

    private static func extensions(_ patient: Patient) -> [Extension] {
        var extensions: [Extension] = []
        if let race = patient.race { extensions.append(answer(race, url: PatientWrite.urls.race)) }
        if let ethnicity = patient.ethnicity { extensions.append(answer(ethnicity, url: PatientWrite.urls.ethnicity)) }
        if let birthSex = patient.birthSex { extensions.append(Extension(url: PatientWrite.urls.birthSex, valueCode: birthSex)) }
        if let needed = patient.interpreterNeeded {
            extensions.append(Extension(url: PatientWrite.urls.interpreter, valueBoolean: needed))
        }
        if let identity = patient.genderIdentity.flatMap(GenderIdentity.init(rawValue:)) {
            let coding = Coding(system: PatientWrite.genderIdentitySystem, code: identity.rawValue, display: identity.title)
            extensions.append(Extension(url: PatientWrite.urls.genderIdentity, valueCodeableConcept: CodeableConcept(coding: [coding], text: identity.title)))
        }
        return extensions
    }

    /// A US Core race or ethnicity extension: the OMB categories, the detailed codes and the text US Core requires.
    private static func answer(_ answer: DemographicAnswer, url: String) -> Extension {
        let categories = answer.categories.compactMap(RaceAndEthnicity.category).map {
            Extension(url: "ombCategory", valueCoding: Coding(system: $0.system, code: $0.code, display: $0.display))
        }
        let details = answer.details.map { Extension(url: "detailed", valueCoding: Coding(system: $0.system, code: $0.code, display: $0.display.isEmpty ? nil : $0.display)) }
        return Extension(url: url, extension: categories + details + [Extension(url: "text", valueString: answer.words)])
    }
}
