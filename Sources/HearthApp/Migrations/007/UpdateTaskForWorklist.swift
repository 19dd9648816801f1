import Fluent
import SQLKit

/// Rule-made tasks carry the key of the situation that raised them (unique, so two rule runs at once cannot both make
/// the task), and a task closed by Hearth says why. Urgency takes the worklist's priorities (urgent, high, normal,
/// low) in place of urgent, soon, routine, and the source its `WorklistSource` names.
struct UpdateTaskForWorklist: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        try await database.schema(CareTask.schema).field("dedupe_key", .string).update()
        try await database.schema(CareTask.schema).field("completion_note", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "idx_tasks_dedupe_key").on(CareTask.schema).column("dedupe_key").unique().run()
        try await database.createIndex("idx_tasks_owner_status", on: CareTask.schema, columns: ["assigned_to_id", "status", "due_at"])
        for (old, new) in [("soon", "high"), ("routine", "normal")] {
            try await sql.update(CareTask.schema).set("urgency", to: new).where("urgency", .equal, old).run()
        }
        try await sql.update(CareTask.schema).set("source", to: "phq9_safety_alert").where("source", .like, "assessment:%").run()
        try await sql.update(CareTask.schema).set("source", to: "communication_follow_up").where("source", .equal, "communication").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            // SQLite cannot drop a column an index uses.
            try await database.dropIndex("idx_tasks_dedupe_key")
            try await database.dropIndex("idx_tasks_owner_status")
            for (old, new) in [("soon", "high"), ("routine", "normal")] {
                try await sql.update(CareTask.schema).set("urgency", to: old).where("urgency", .equal, new).run()
            }
        }
        try await database.schema(CareTask.schema).deleteField("dedupe_key").update()
        try await database.schema(CareTask.schema).deleteField("completion_note").update()
    }
}
