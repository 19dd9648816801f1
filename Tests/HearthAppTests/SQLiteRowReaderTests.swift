import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Hearth reads SQLite's rows itself (`SQLiteRowReader`, issue 19's profile): every value must be what SQLiteKit's decoder
    /// gives, and a value it cannot convert must fail as SQLiteKit's does, never become another value.
    @Suite struct SQLiteRowReaderTests {
        @Test func everyColumnReadsAsSQLiteKitReadsIt() async throws {
            let id = UUID()
            try await withApp(configure: { app in try await configure(app, settings: testSettings(.sqliteMemory)) }) { app in
                let sql = try #require(app.db as? any SQLDatabase)
                let row = try #require(try await sql.raw("""
                    SELECT \(bind: "Mrs O'Neil") AS text, \(bind: id) AS id, lower(\(bind: id)) AS lower_id, 42 AS number, 1 AS yes, 0 AS no,
                           2 AS two, 1796403425.25 AS instant, 1796403425 AS whole, 1796403425.123456789 AS fine, NULL AS empty, 'not an id' AS bad_id, '7' AS seven,
                           x'00ff' AS bytes
                    """).first())
                let reader = try #require(row as? SQLiteRowReader)
                let kit = SQLiteDataDecoder()
                func same<D: Decodable & Equatable>(_ column: String, _ type: D.Type) throws {
                    let data = try #require(reader.row.column(column))
                    let theirs = Result { try kit.decode(D.self, from: data) }
                    let ours = Result { try row.decode(column: column, as: D.self) }
                    switch (theirs, ours) {
                    case (.success(let a), .success(let b)): #expect(a == b, "\(column) as \(D.self)")
                    case (.failure, .failure): break
                    default: Issue.record("\(column) as \(D.self): SQLiteKit \(theirs), Hearth \(ours)")
                    }
                }
                for column in ["text", "id", "lower_id", "number", "yes", "no", "two", "instant", "whole", "fine", "empty", "bad_id", "seven", "bytes"] {
                    try same(column, String.self); try same(column, String?.self)
                    try same(column, UUID.self); try same(column, UUID?.self)
                    try same(column, Int.self); try same(column, Int?.self)
                    try same(column, Bool.self); try same(column, Bool?.self)
                    try same(column, Double.self); try same(column, Double?.self)
                    try same(column, Date.self); try same(column, Date?.self)
                }
                #expect(try row.decode(column: "id", as: UUID.self) == id)
                #expect(try row.decode(column: "lower_id", as: UUID.self) == id)
                #expect(try row.decodeNil(column: "empty") && row.decodeNil(column: "no such column"))
                #expect(throws: (any Error).self) { try row.decode(column: "no such column", as: String.self) }
                // A row read back into a struct, optionals and all.
                struct Read: Decodable, Equatable { var text: String; var id: UUID; var empty: String?; var yes: Bool; var instant: Date }
                let read = try row.decode(model: Read.self)
                #expect(read == Read(text: "Mrs O'Neil", id: id, empty: nil, yes: true, instant: Date(timeIntervalSince1970: 1796403425.25)))
            }
        }

        @Test func idsAreWrittenReadAndOrderedAsFoundationAndTheDatabasesDo() {
            var ids = (0..<2_000).map { _ in UUID() }
            ids += [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
            for id in ids {
                #expect(id.text == id.uuidString)
                #expect(UUID(text: id.uuidString) == id)
                #expect(UUID(text: id.uuidString.lowercased()) == id)
            }
            for bad in ["", "not an id", String(ids[0].uuidString.dropLast()), ids[0].uuidString + "0", ids[0].uuidString.replacingOccurrences(of: "-", with: "_"),
                        "G" + ids[0].uuidString.dropFirst(), ids[0].uuidString.replacingOccurrences(of: "-", with: "")] {
                #expect(UUID(text: bad) == nil, "\(bad)")
                #expect(UUID(uuidString: bad) == nil, "\(bad)")
            }
            for (x, y) in zip(ids, ids.shuffled()) { #expect(x.precedes(y) == (x.uuidString < y.uuidString)) }
        }
    }
}
