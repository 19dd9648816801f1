import FluentKit
import FluentSQL
import SQLKit
import Vapor

/// What the named queries (hand-written SQL through SQLKit on the hot paths, issue 19) share.
extension Database {
    /// The database as SQLKit sees it: both of Hearth's drivers are SQL databases.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Hearth's databases are SQL databases.") }
            return sql
        }
    }
}

extension SQLRow {
    /// A Fluent model read from a named query's columns `prefix` + the model's own (`session_id`, `session_csrf_token`), so
    /// one joined row gives two models. The model is as if Fluent had read it: saving it updates what was changed.
    func decode<M: Model>(fluentModel: M.Type, prefix: String) throws -> M {
        let model = M()
        try model.output(from: RowOutput(row: self).prefixed(by: FieldKey(stringLiteral: prefix)))
        return model
    }
}

/// A named query's row as Fluent reads a model's columns.
private struct RowOutput: DatabaseOutput {
    let row: any SQLRow
    var description: String { "\(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
}
