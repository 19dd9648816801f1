import Fluent
import Foundation
import HearthCore

/// Home safety evaluations and findings as stored: HearthCore values as JSON, with the columns lists need.
enum HomeSafetyStore {
    static func store(_ finding: HomeSafetyFinding, in row: HomeSafetyFindingRecord) throws {
        row.itemID = finding.itemID
        row.state = finding.state.rawValue
        row.followUpOn = finding.followUpOn.description
        row.findingJSON = try StoredJSON.encode(finding)
    }

    static func finding(_ row: HomeSafetyFindingRecord) throws -> HomeSafetyFinding {
        try StoredJSON.decode(HomeSafetyFinding.self, from: row.findingJSON, what: "home safety finding")
    }

    static func store(_ evaluation: HomeSafetyEvaluation, hazards: Int, in row: HomeSafetyEvaluationRecord) throws {
        row.evaluatedOn = evaluation.evaluatedOn.description
        row.checklistVersion = evaluation.checklistVersion
        row.hazards = hazards
        row.evaluationJSON = try StoredJSON.encode(evaluation)
    }

    static func evaluation(_ row: HomeSafetyEvaluationRecord) throws -> HomeSafetyEvaluation {
        try StoredJSON.decode(HomeSafetyEvaluation.self, from: row.evaluationJSON, what: "home safety evaluation")
    }

    /// Every finding of these patients, as (patient id, finding).
    static func findings(patientIDs: [UUID], openOnly: Bool = false, on db: any Database) async throws -> [(UUID, HomeSafetyFinding, HomeSafetyFindingRecord)] {
        guard !patientIDs.isEmpty else { return [] }
        let query = HomeSafetyFindingRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs)
        if openOnly { query.filter(\.$state == HomeSafetyFindingState.open.rawValue) }
        return try await query.sort(\.$createdAt).all().map { ($0.$patient.id, try finding($0), $0) }
    }
}
