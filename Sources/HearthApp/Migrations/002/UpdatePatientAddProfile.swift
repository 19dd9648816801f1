import Fluent

/// Preferred name, gender identity, language, second phone, time zone, code status and the disaster plan.
struct UpdatePatientAddProfile: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("preferred_name", .string), ("gender_identity", .string), ("language", .string), ("interpreter_needed", .bool),
        ("alternate_phone", .string), ("time_zone", .string), ("code_status", .string), ("emergency_priority", .int),
        ("evacuation_needs", .string), ("emergency_equipment", .string),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
        for (name, type) in Self.columns {
            try await database.schema(Patient.schema).field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(Patient.schema).deleteField(.string(name)).update()
        }
    }
}
