import Fluent

/// What FHIR partners send and US Core asks for: every given name, race, ethnicity, sex assigned at birth and the
/// language's BCP-47 code beside its name. Race and ethnicity are each one answer (categories, detailed codes, words)
/// stored as JSON; nothing lists or sorts by them.
struct UpdatePatientAddUSCoreDemographics: AsyncMigration {
    static let columns = ["middle_names", "race_json", "ethnicity_json", "birth_sex", "language_code"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for column in Self.columns {
            try await database.schema(Patient.schema).field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(Patient.schema).deleteField(.string(column)).update()
        }
    }
}
