import Fluent
import HearthCore

/// The kind of program behind each payer (traditional Medicare, Medicare Advantage, Medicaid…), which billing rules such
/// as the Notice of Admission follow. Existing rows get the program their payer's name suggests.
struct UpdateCoverageAddProgram: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Coverage.schema).field("program", .string).update()
        // Only the columns this migration knows: a later migration's column is not there yet.
        for coverage in try await Coverage.query(on: database).field(\.$id).field(\.$payer).all() {
            try await Coverage.query(on: database).filter(\.$id == coverage.requireID())
                .set(\.$program, to: PayerProgram.inferred(fromPayer: coverage.payer).rawValue).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Coverage.schema).deleteField("program").update()
    }
}
