import Fluent
import FluentSQL

/// A caseload's outstanding deadlines by patient and due time in one index range; replaces (patient, outstanding),
/// which left the planner preferring the agency-wide (outstanding, due) index and reading every overdue row.
struct UpdateObligationIndexPatientDue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.createIndex("idx_obligations_patient_due", on: ObligationRecord.schema, columns: ["patient_id", "outstanding", "due_at"])
        try await (database as? any SQLDatabase)?.drop(index: "idx_obligations_patient").run()
    }

    func revert(on database: any Database) async throws {
        try await database.createIndex("idx_obligations_patient", on: ObligationRecord.schema, columns: ["patient_id", "outstanding"])
        try await (database as? any SQLDatabase)?.drop(index: "idx_obligations_patient_due").run()
    }
}
