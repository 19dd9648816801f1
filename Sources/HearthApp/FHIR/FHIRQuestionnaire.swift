import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 Questionnaire: an instrument definition, so that another system can render or check our assessments.
struct FHIRQuestionnaire: Content {
    struct Coding: Codable, Sendable { var system: String; var code: String; var display: String? }
    struct AnswerOption: Codable, Sendable { var valueCoding: Coding }
    struct EnableWhen: Codable, Sendable {
        var question: String
        var `operator`: String
        var answerCoding: Coding?
        var answerBoolean: Bool?
        var answerDecimal: Double?
    }
    struct Item: Codable, Sendable {
        var linkId: String
        var text: String
        var type: String
        var required: Bool?
        var repeats: Bool?
        var enableWhen: [EnableWhen]?
        var enableBehavior: String?
        var answerOption: [AnswerOption]?
        var item: [Item]?
    }

    var resourceType = "Questionnaire"
    /// The instrument's id for the version in use; a retired version is a resource of its own, `phq9-1.0`, with the
    /// same `url`: a QuestionnaireResponse names its version as `url|version`, and a search by that finds it.
    var id: String
    var url: String
    var version: String
    var name: String
    var title: String
    /// "active" for the version new assessments use, "retired" for the versions it replaced.
    var status: String
    var description: String
    var copyright: String
    var item: [Item]

    static func url(_ instrumentID: String) -> String { "urn:hearth:instrument:\(instrumentID)" }

    /// Instrument ids have no dots and versions always do, so a retired version's id never names an instrument.
    static func resourceID(_ instrument: InstrumentDefinition, current: Bool) -> String {
        current ? instrument.id : "\(instrument.id)-\(instrument.version)"
    }

    init(_ instrument: InstrumentDefinition, current: Bool) {
        id = Self.resourceID(instrument, current: current)
        url = Self.url(instrument.id)
        version = instrument.version
        status = current ? "active" : "retired"
        name = instrument.id.replacingOccurrences(of: "-", with: "_").uppercased()
        title = instrument.title
        description = instrument.summary + " Source: " + instrument.source
        copyright = instrument.licence
        let byID = Dictionary(instrument.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        item = instrument.sections.map { section in
            Item(linkId: section.id, text: section.title, type: "group",
                 item: section.items.map { Self.item($0, instrument: instrument, byID: byID) })
        }
    }

    static func item(_ item: InstrumentItem, instrument: InstrumentDefinition, byID: [String: InstrumentItem]) -> Item {
        let system = url(instrument.id)
        let options: [AnswerOption]? = switch item.type {
        case .singleChoice, .multiChoice: item.options.map { AnswerOption(valueCoding: Coding(system: system, code: $0.code, display: $0.label)) }
        case .bodyArea: BodyArea.allCases.map { AnswerOption(valueCoding: Coding(system: "urn:hearth:body-area", code: $0.rawValue, display: $0.title)) }
        default: nil
        }
        return Item(linkId: item.id, text: item.text, type: fhirType(item), required: item.required ? true : nil,
                    repeats: item.type == .multiChoice || item.type == .bodyArea ? true : nil,
                    enableWhen: item.showWhen.flatMap { enableWhen($0, system: system, byID: byID) }, enableBehavior: nil, answerOption: options)
    }

    static func fhirType(_ item: InstrumentItem) -> String {
        switch item.type {
        case .singleChoice, .multiChoice, .bodyArea: "choice"
        case .number: item.integerOnly ? "integer" : "decimal"
        case .date: "date"
        case .yesNo: "boolean"
        case .text: "text"
        }
    }

    /// FHIR's enableWhen for our showWhen; a condition on a score has no FHIR equivalent and is left out.
    static func enableWhen(_ condition: AnswerCondition, system: String, byID: [String: InstrumentItem]) -> [EnableWhen]? {
        guard let question = condition.item, let source = byID[question] else { return nil }
        var rules: [EnableWhen] = []
        let codes = condition.anyOf ?? condition.equals.map { [$0] } ?? []
        for code in codes {
            if source.type == .yesNo {
                rules.append(EnableWhen(question: question, operator: "=", answerBoolean: code == "yes"))
            } else {
                rules.append(EnableWhen(question: question, operator: "=", answerCoding: Coding(system: system, code: code, display: nil)))
            }
        }
        if let atLeast = condition.atLeast { rules.append(EnableWhen(question: question, operator: ">=", answerDecimal: atLeast)) }
        if let atMost = condition.atMost { rules.append(EnableWhen(question: question, operator: "<=", answerDecimal: atMost)) }
        return rules.isEmpty ? nil : rules
    }
}

extension FHIRController {
    /// `GET /fhir/Questionnaire/:id`: an instrument's version in use (`phq9`) or a retired version (`phq9-1.0`).
    func readQuestionnaire(req: Request) async throws -> Response {
        let catalog = req.application.instruments
        let id = req.parameters.get("id") ?? ""
        if let current = catalog[id] { return try req.fhirRead(FHIRQuestionnaire(current, current: true)) }
        guard let retired = catalog.allVersions.first(where: { !catalog.isCurrent($0) && FHIRQuestionnaire.resourceID($0, current: false) == id }) else {
            throw AppError.notFound("No Questionnaire with that id.")
        }
        return try req.fhirRead(FHIRQuestionnaire(retired, current: false))
    }

    /// `GET /fhir/Questionnaire`: the installed instruments (a handful; no paging needed). Without parameters, the
    /// version of each in use; `url` (a canonical, or `url|version` as a QuestionnaireResponse names it) and `version`
    /// also reach retired versions. Every parameter given must match.
    func searchQuestionnaires(req: Request) async throws -> Response {
        let page = try FHIRSearchPage("Questionnaire", req)
        let catalog = req.application.instruments
        let canonical = req.query[String.self, at: "url"]?.split(separator: "|", maxSplits: 1).map(String.init)
        let versions = [canonical?.dropFirst().first, req.query[String.self, at: "version"]].compactMap { $0 }
        let candidates = versions.isEmpty ? catalog.instruments : catalog.allVersions.filter { instrument in versions.allSatisfy { $0 == instrument.version } }
        let matches = candidates.filter { canonical == nil || FHIRQuestionnaire.url($0.id) == canonical?.first }.map { instrument in
            let resource = FHIRQuestionnaire(instrument, current: catalog.isCurrent(instrument))
            return (id: resource.id, resource: resource)
        }
        return try await page.bundle(matches)
    }
}
