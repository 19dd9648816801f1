import Fluent
import Foundation
import HearthCore

/// Home safety evaluations and findings as stored: HearthCore values as JSON, with the columns lists need.
enum HomeSafetyStore {
    static func store(_ finding: HomeSafetyFinding, in row: HomeSafetyFindingRecord) throws {
        row.itemID = finding.itemID
        row.state = finding.state.rawValue
        row.followUpOn = finding.followUpOn.description
        row.findingJSON = String(decoding: try JSONEncoder.sorted.encode(finding), as: UTF8.self)
    }

    static func finding(_ row: HomeSafetyFindingRecord) throws -> HomeSafetyFinding {
        do { return try JSONDecoder.iso.decode(HomeSafetyFinding.self, from: Data(row.findingJSON.utf8)) } catch {
            throw AppError.conflict("This home safety finding cannot be read. Ask an administrator to check it.")
        }
    }

    static func store(_ evaluation: HomeSafetyEvaluation, hazards: Int, in row: HomeSafetyEvaluationRecord) throws {
        row.evaluatedOn = evaluation.evaluatedOn.description
        row.checklistVersion = evaluation.checklistVersion
        row.hazards = hazards
        row.evaluationJSON = String(decoding: try JSONEncoder.sorted.encode(evaluation), as: UTF8.self)
    }

    static func evaluation(_ row: HomeSafetyEvaluationRecord) throws -> HomeSafetyEvaluation {
        do { return try JSONDecoder.iso.decode(HomeSafetyEvaluation.self, from: Data(row.evaluationJSON.utf8)) } catch {
            throw AppError.conflict("This home safety evaluation cannot be read. Ask an administrator to check it.")
        }
    }

    /// Every finding of these patients, as (patient id, finding).
    static func findings(patientIDs: [UUID], openOnly: Bool = false, on db: any Database) async throws -> [(UUID, HomeSafetyFinding, HomeSafetyFindingRecord)] {
        guard !patientIDs.isEmpty else { return [] }
        let query = HomeSafetyFindingRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs)
        if openOnly { query.filter(\.$state == HomeSafetyFindingState.open.rawValue) }
        return try await query.sort(\.$createdAt).all().map { ($0.$patient.id, try finding($0), $0) }
    }
}
