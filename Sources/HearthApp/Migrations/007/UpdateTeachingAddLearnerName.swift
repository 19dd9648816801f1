import Fluent
import Foundation
import HearthCore
import SQLKit

/// Teaching records name the caregiver or family member taught. Medication teaching kept "Caregiver: Maria" in the
/// learner column; it is split into the learner (a `Learner` raw value) and the name.
struct UpdateTeachingAddLearnerName: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TeachingLog.schema).field("learner_name", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        struct Row: Decodable { var id: UUID; var learner: String }
        let rows = try await sql.select().column("id").column("learner").from(TeachingLog.schema)
            .where("learner", .notIn, Learner.allCases.map(\.rawValue)).all(decoding: Row.self)
        for row in rows {
            let parts = row.learner.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let learner = Learner.allCases.first { $0.title == parts.first } ?? .other
            try await sql.update(TeachingLog.schema).set("learner", to: learner.rawValue)
                .set("learner_name", to: parts.count > 1 ? parts[1] : nil).where("id", .equal, row.id).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeachingLog.schema).deleteField("learner_name").update()
    }
}
