import Foundation
import HearthCore

/// The Patient extensions Hearth keeps: US Core race, ethnicity and birth sex, interpreter needed, gender identity.
/// Any other extension is refused by its path.
extension PatientWrite {
    struct Extensions {
        var race = DemographicAnswer()
        var ethnicity = DemographicAnswer()
        var birthSex = ""
        var interpreter = false
        var genderIdentity = ""
    }

    static func extensions(_ node: FHIRNode) throws -> Extensions {
        var result = Extensions()
        var seen: Set<String> = []
        for item in try node.array("extension") {
            guard let url = try item.string("url") else { throw item.failure("An extension needs its url.", at: "url") }
            guard seen.insert(url).inserted else { throw item.failure("Send this extension once.", at: "url") }
            switch url {
            case urls.race: result.race = try answer(item)
            case urls.ethnicity: result.ethnicity = try answer(item)
            case urls.birthSex:
                try item.allowOnly(["url", "valueCode"])
                result.birthSex = try item.string("valueCode") ?? ""
            case urls.interpreter:
                try item.allowOnly(["url", "valueBoolean"])
                result.interpreter = try item.bool("valueBoolean") ?? false
            case urls.genderIdentity:
                try item.allowOnly(["url", "valueCodeableConcept"])
                guard let value = try item.object("valueCodeableConcept") else { throw item.failure("Send valueCodeableConcept.", at: "valueCodeableConcept") }
                let concept = try FHIRConcept.concept(value)
                let code = concept.coding?.first?.code ?? GenderIdentity.allCases.first { $0.title == concept.text }?.rawValue ?? concept.text ?? ""
                guard GenderIdentity(rawValue: code) != nil else {
                    throw value.failure("Use a code of \(genderIdentitySystem): \(GenderIdentity.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                result.genderIdentity = code
            default:
                throw item.failure("Hearth does not keep this extension; remove it or ask the agency to record it another way.", at: "url", code: "not-supported")
            }
        }
        return result
    }

    /// A US Core race or ethnicity extension: `ombCategory`, `detailed` and `text` sub-extensions.
    private static func answer(_ node: FHIRNode) throws -> DemographicAnswer {
        try node.allowOnly(["url", "extension"])
        var answer = DemographicAnswer()
        for part in try node.array("extension") {
            switch try part.string("url") {
            case "ombCategory":
                try part.allowOnly(["url", "valueCoding"])
                guard let value = try part.object("valueCoding"), let code = try FHIRConcept.coding(value).code else { throw part.failure("Send valueCoding with a code.", at: "valueCoding") }
                guard let category = RaceAndEthnicity.category(code), try value.string("system") == category.system else {
                    throw value.failure("Use an OMB category of \(RaceAndEthnicity.cdcSystem), or UNK or ASKU of \(RaceAndEthnicity.nullFlavorSystem).", at: "code")
                }
                answer.categories.append(code)
            case "detailed":
                try part.allowOnly(["url", "valueCoding"])
                guard let value = try part.object("valueCoding") else { throw part.failure("Send valueCoding.", at: "valueCoding") }
                let coding = try FHIRConcept.coding(value)
                guard coding.system == RaceAndEthnicity.cdcSystem, let code = coding.code, code.count <= 10 else {
                    throw value.failure("Use a detailed code of \(RaceAndEthnicity.cdcSystem).")
                }
                answer.details.append(DemographicCode(system: RaceAndEthnicity.cdcSystem, code: code, display: String((coding.display ?? "").prefix(100))))
            case "text":
                try part.allowOnly(["url", "valueString"])
                answer.text = String((try part.string("valueString") ?? "").prefix(200))
            default:
                throw part.failure("Use ombCategory, detailed or text.", at: "url", code: "not-supported")
            }
        }
        return answer
    }
}
