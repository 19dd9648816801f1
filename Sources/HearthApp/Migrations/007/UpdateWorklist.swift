import Fluent
import HearthCore
import SQLKit

/// Rule-made tasks carry the key of the situation that raised them, so a rule run updates instead of duplicating;
/// a task closed by Hearth (the situation cleared) says so. Urgency takes the worklist's priorities
/// (urgent, high, normal, low) in place of urgent, soon, routine. Teaching records name the caregiver taught.
struct UpdateWorklist: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        try await database.schema(CareTask.schema).field("dedupe_key", .string).update()
        try await database.schema(CareTask.schema).field("completion_note", .string).update()
        try await database.createIndex("idx_tasks_dedupe_key", on: CareTask.schema, columns: ["dedupe_key"])
        try await database.createIndex("idx_tasks_owner_status", on: CareTask.schema, columns: ["assigned_to_id", "status", "due_at"])
        if let sql = database as? any SQLDatabase {
            for (old, new) in [("soon", "high"), ("routine", "normal")] {
                try await sql.update(CareTask.schema).set("urgency", to: new).where("urgency", .equal, old).run()
            }
            try await sql.update(CareTask.schema).set("source", to: "phq9_safety_alert").where("source", .like, "assessment:%").run()
            try await sql.update(CareTask.schema).set("source", to: "communication_follow_up").where("source", .equal, "communication").run()
        }
        try await database.schema(TeachingLog.schema).field("learner_name", .string).update()
        // Medication teaching kept "Caregiver: Maria" in one field; split it into the learner and the name.
        for row in try await TeachingLog.query(on: database).all() where Learner(rawValue: row.learner) == nil {
            let parts = row.learner.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            row.learner = Learner.allCases.first { $0.title == parts.first }?.rawValue ?? Learner.other.rawValue
            row.learnerName = parts.count > 1 ? parts[1] : nil
            try await row.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeachingLog.schema).deleteField("learner_name").update()
        try await database.schema(CareTask.schema).deleteField("dedupe_key").update()
        try await database.schema(CareTask.schema).deleteField("completion_note").update()
    }
}
