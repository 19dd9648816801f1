import Fluent
import HearthCore

/// The kind of program behind each payer (traditional Medicare, Medicare Advantage, Medicaid…), which billing rules such
/// as the Notice of Admission follow. Existing rows get the program their payer's name suggests.
struct UpdateCoverageAddProgram: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Coverage.schema).field("program", .string).update()
        for coverage in try await Coverage.query(on: database).all() {
            coverage.program = PayerProgram.inferred(fromPayer: coverage.payer).rawValue
            try await coverage.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Coverage.schema).deleteField("program").update()
    }
}
