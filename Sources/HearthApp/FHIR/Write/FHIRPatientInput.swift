import Foundation
import HearthCore
import Vapor

/// An incoming FHIR Patient as Hearth will keep it: the demographics a registration form holds, plus what only
/// partners send (other systems' identifiers, detailed race codes, the language's code, the physician's reference).
struct PatientWrite: Sendable {
    struct Identifier: Sendable, Equatable { var system: String; var value: String; var use: String?; var typeJSON: String?; var path: String }

    var draft: PatientDraft
    var identifiers: [Identifier] = []
    /// Hearth's own MRN when the partner echoed it back (on update it must match).
    var mrn: String?
    var languageCode: String?
    /// `generalPractitioner[0].reference` as sent, resolved against physicians when saved.
    var physicianReference: (text: String, path: String)?
    var id: String?

    static let urls = (race: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
                       ethnicity: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
                       birthSex: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex",
                       interpreter: "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired",
                       genderIdentity: "http://hl7.org/fhir/StructureDefinition/patient-genderIdentity")
    static let bcp47 = "urn:ietf:bcp:47"
    static let genderIdentitySystem = "http://hl7.org/fhir/gender-identity"

    /// Parses and checks a Patient; every problem names its element.
    init(_ node: FHIRNode, today: CalendarDate, timeZone: String = "") throws {
        try node.allowOnly(["resourceType", "id", "meta", "text", "identifier", "active", "name", "telecom", "gender", "birthDate",
                            "address", "communication", "generalPractitioner", "extension"])
        guard try node.string("resourceType") == "Patient" else { throw node.failure("resourceType must be Patient.", at: "resourceType") }
        id = try node.string("id")
        if try node.bool("active") == false { throw node.failure("Hearth registers active patients only; discharge happens in the chart.", at: "active") }
        let names = try Self.names(node)
        let phones = try Self.phones(node)
        let address = try Self.address(node)
        let language = try Self.language(node)
        languageCode = language.code
        let extras = try Self.extensions(node)
        draft = PatientDraft(
            givenName: names.given, familyName: names.family, birthDate: try node.string("birthDate") ?? "", sex: try node.string("gender") ?? "",
            phone: phones.first ?? "", addressLine: address.line, city: address.city, state: address.state, postalCode: address.postalCode,
            preferredName: names.preferred, genderIdentity: extras.genderIdentity, language: language.text, interpreterNeeded: extras.interpreter,
            alternatePhone: phones.dropFirst().first ?? "", timeZone: timeZone, middleNames: names.middle,
            race: extras.race, ethnicity: extras.ethnicity, birthSex: extras.birthSex
        )
        try identifiersAndPhysician(node)
        try Self.check(draft, today: today)
    }

    private mutating func identifiersAndPhysician(_ node: FHIRNode) throws {
        for item in try node.array("identifier") {
            try item.allowOnly(["system", "value", "use", "type"])
            guard let system = try item.string("system"), !system.isEmpty, let value = try item.string("value"), !value.isEmpty else {
                throw item.failure("An identifier needs a system and a value, so it names one patient in one system.")
            }
            if system == FHIRPatient.mrnSystem {
                mrn = value
                continue
            }
            guard system.count <= 255, value.count <= 100 else { throw item.failure("Use a system of at most 255 and a value of at most 100 characters.") }
            if identifiers.contains(where: { $0.system == system }) { throw item.failure("Send one identifier per system.", at: "system") }
            let type = try item.object("type").map { try FHIRConcept.concept($0) }
            identifiers.append(Identifier(system: system, value: value, use: try item.string("use"), typeJSON: try type.map(Self.json), path: item.path))
        }
        let practitioners = try node.array("generalPractitioner")
        if practitioners.count > 1 { throw practitioners[1].failure("Hearth keeps one attending physician; send one generalPractitioner.") }
        if let first = practitioners.first {
            try first.allowOnly(["reference", "display"])
            guard let reference = try first.string("reference") else { throw first.failure("Refer to the physician: Practitioner/<id> or Practitioner?identifier=<NPI system>|<NPI>.", at: "reference") }
            physicianReference = (reference, first.path + ".reference")
        }
    }

    private static func names(_ node: FHIRNode) throws -> (given: String, middle: String, family: String, preferred: String) {
        var result = (given: "", middle: "", family: "", preferred: "")
        var official: FHIRNode? = nil
        for name in try node.array("name") {
            try name.allowOnly(["use", "family", "given", "text"])
            switch try name.string("use") ?? "official" {
            case "official" where official == nil:
                official = name
                result.family = try name.string("family") ?? ""
                let given = try name.strings("given")
                result.given = given.first ?? ""
                result.middle = given.dropFirst().joined(separator: " ")
                if let text = try name.string("text"), text != ([result.given] + given.dropFirst() + [result.family]).filter({ !$0.isEmpty }).joined(separator: " ") {
                    throw name.failure("Hearth builds the name's text from its parts; leave text out or make it the given names and family name.", at: "text")
                }
            case "usual" where result.preferred.isEmpty:
                try name.allowOnly(["use", "given"])
                result.preferred = try name.strings("given").joined(separator: " ")
            default:
                throw name.failure("Hearth keeps one official name and one usual (preferred) name.", at: "use")
            }
        }
        return result // a missing name is the draft's problem, reported with the others
    }

    private static func phones(_ node: FHIRNode) throws -> [String] {
        let items = try node.array("telecom")
        var phones: [String] = []
        for item in items {
            try item.allowOnly(["system", "value", "use", "rank"])
            guard try item.string("system") == "phone" else { throw item.failure("Hearth keeps phone numbers only.", at: "system") }
            guard let value = try item.string("value") else { throw item.failure("Send the phone number.", at: "value") }
            if phones.count == 2 { throw item.failure("Hearth keeps two phone numbers: the home (first) and a second one.") }
            phones.append(value)
        }
        return phones
    }

    private static func address(_ node: FHIRNode) throws -> (line: String, city: String, state: String, postalCode: String) {
        let items = try node.array("address")
        if items.count > 1 { throw items[1].failure("Hearth keeps one address: the home where visits happen.") }
        guard let item = items.first else { return ("", "", "", "") }
        try item.allowOnly(["use", "type", "line", "city", "state", "postalCode", "country"])
        if let use = try item.string("use"), use != "home" { throw item.failure("Send the home address, where visits happen.", at: "use") }
        if let country = try item.string("country"), !["US", "USA", "United States"].contains(country) {
            throw item.failure("Hearth serves patients in the United States.", at: "country")
        }
        let lines = try item.strings("line")
        if lines.count > 1 { throw item.failure("Hearth keeps one street line; join apartment and street in one.", at: "line[1]") }
        return (lines.first ?? "", try item.string("city") ?? "", try item.string("state") ?? "", try item.string("postalCode") ?? "")
    }

    private static func language(_ node: FHIRNode) throws -> (text: String, code: String?) {
        let items = try node.array("communication")
        if items.count > 1 { throw items[1].failure("Hearth keeps the patient's preferred language only.") }
        guard let item = items.first else { return ("", nil) }
        try item.allowOnly(["language", "preferred"])
        guard let language = try item.object("language") else { throw item.failure("Send the language.", at: "language") }
        let concept = try FHIRConcept.concept(language)
        let coding = concept.coding?.first { $0.system == bcp47 } ?? concept.coding?.first
        if let coding, coding.system != bcp47 { throw language.failure("Code the language in \(bcp47) (for example es).", at: "coding[0].system") }
        let text = concept.text ?? coding?.display ?? coding?.code ?? ""
        return (text, coding?.code)
    }

    static func json(_ concept: FHIRConcept) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(concept), as: UTF8.self)
    }

    /// The draft's problems, each at the element it came from.
    private static func check(_ draft: PatientDraft, today: CalendarDate) throws {
        let problems = draft.problems(today: today)
        guard !problems.isEmpty else { return }
        let paths = ["givenName": "name[0].given[0]", "middleNames": "name[0].given", "familyName": "name[0].family", "preferredName": "name[1].given",
                     "birthDate": "birthDate", "sex": "gender", "genderIdentity": "extension", "language": "communication[0].language",
                     "phone": "telecom[0].value", "alternatePhone": "telecom[1].value", "addressLine": "address[0].line[0]",
                     "state": "address[0].state", "postalCode": "address[0].postalCode", "race": "extension",
                     "ethnicity": "extension", "birthSex": "extension"]
        let issues = problems.sorted { $0.key < $1.key }.map { key, message in
            FHIRIssue(code: "invalid", diagnostics: message, expression: ["Patient." + (paths[key] ?? key)])
        }
        throw FHIRWriteError(status: .unprocessableEntity, issues: issues)
    }
}
