import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 QuestionnaireResponse: one assessment version, its answers grouped by section, and its scores as a group of items.
struct FHIRQuestionnaireResponse: Content, PatientScopedResource {
    static let resourceType = "QuestionnaireResponse"
    struct Reference: Codable, Sendable { var reference: String }
    struct Answer: Codable, Sendable {
        var valueCoding: FHIRQuestionnaire.Coding?
        var valueBoolean: Bool?
        var valueDecimal: Double?
        var valueInteger: Int?
        var valueDate: String?
        var valueString: String?
    }
    struct Item: Codable, Sendable {
        var linkId: String
        var text: String?
        var answer: [Answer]?
        var item: [Item]?
    }

    var resourceType = Self.resourceType
    var id: String
    var questionnaire: String
    var status: String
    var subject: Reference
    var encounter: Reference?
    var authored: String?
    var author: Reference?
    var item: [Item]

    init(_ record: AssessmentRecord, instrument: InstrumentDefinition) throws {
        id = try record.requireID().uuidString.lowercased()
        questionnaire = FHIRQuestionnaire.url(instrument.id) + "|" + record.instrumentVersion
        status = switch AssessmentStatus(rawValue: record.status) {
        case .signed: "completed"
        case .amended: "amended"
        default: "in-progress"
        }
        subject = Reference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())")
        authored = (record.signedAt ?? record.updatedAt)?.fhirInstant
        author = record.$signedBy.id.map { Reference(reference: "Practitioner/\($0.uuidString.lowercased())") }
        let answers = AssessmentStore.answers(of: record)
        let system = FHIRQuestionnaire.url(instrument.id)
        var groups: [Item] = instrument.sections.compactMap { section in
            let answered = section.items.compactMap { item -> Item? in
                guard let answer = answers[item.id] else { return nil }
                return Item(linkId: item.id, text: item.text, answer: Self.answers(answer, item: item, system: system))
            }
            return answered.isEmpty ? nil : Item(linkId: section.id, text: section.title, item: answered)
        }
        let scores = instrument.evaluate(answers).scores.compactMap { score in
            score.value.map { Item(linkId: "score-\(score.ruleID)", text: score.title + (score.bandLabel.map { " (\($0))" } ?? ""), answer: [Answer(valueDecimal: $0)]) }
        }
        if !scores.isEmpty { groups.append(Item(linkId: "scores", text: "Scores", item: scores)) }
        item = groups
    }

    static func answers(_ answer: AssessmentAnswer, item: InstrumentItem, system: String) -> [Answer] {
        switch answer {
        case .number(let value): return [item.integerOnly ? Answer(valueInteger: Int(value)) : Answer(valueDecimal: value)]
        case .date(let day): return [Answer(valueDate: day.description)]
        case .yesNo(let value): return [Answer(valueBoolean: value)]
        case .text(let text): return [Answer(valueString: text)]
        default:
            let areaSystem = item.type == .bodyArea ? "urn:hearth:body-area" : system
            return (answer.codes ?? []).map { code in
                let display = item.type == .bodyArea ? BodyArea(rawValue: code)?.title : item.option(code)?.label
                return Answer(valueCoding: FHIRQuestionnaire.Coding(system: areaSystem, code: code, display: display))
            }
        }
    }
}

extension FHIRController {
    func readQuestionnaireResponse(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await AssessmentRecord.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        try await req.auditRead("assessment.read", patientID: patient.id, resourceType: "QuestionnaireResponse", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRQuestionnaireResponse(record, instrument: AssessmentStore.instrument(of: record, in: req.application.instruments)))
    }

    /// `GET /fhir/QuestionnaireResponse?patient=<id>`: the patient's assessments, newest first.
    func searchQuestionnaireResponses(req: Request) async throws -> Response {
        try await searchByPatient(FHIRQuestionnaireResponse.self, audit: "assessment.search", req: req) { patient in
            let rows = try await AssessmentRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID())
                .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).all()
            return try rows.map { try FHIRQuestionnaireResponse($0, instrument: AssessmentStore.instrument(of: $0, in: req.application.instruments)) }
        }
    }
}
