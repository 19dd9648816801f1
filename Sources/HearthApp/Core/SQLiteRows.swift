import FluentSQLiteDriver
import Foundation
import SQLKit

/// SQLite's rows as Hearth's SQL reads them (`WriteFirstSQLiteDatabase.execute(sql:_:)`): the common column types converted
/// directly, everything else as SQLiteKit converts it.
///
/// SQLiteKit reaches every value through a cast to a protocol (`SQLiteDataConvertible`) and, for a `UUID` or an optional,
/// through `Decodable`, `sscanf` and a second cast; reading the chart's and the FHIR read's rows (Fluent models and
/// `Decodable` rows alike) was ~10% of their CPU in issue 19's profile. The values are the same: a `String` from text, an
/// `Int` from an integer, a `Double` or `Date` from a number, a `Bool` from 0 or 1, a `UUID` from its 36 characters; a
/// value of any other type or shape (a `NULL`, a blob, a number kept as text) goes to SQLiteKit's decoder as before.
struct SQLiteRowReader: SQLRow {
    let row: SQLiteRow
    /// The column asked for last: Fluent and `Decodable` ask whether a column is there, whether it is `NULL`, then for its
    /// value — three lookups of one name.
    private let last = Last()

    init(row: SQLiteRow) { self.row = row }

    private static let decoder = SQLiteDataDecoder()
    private static let encoder = SQLiteDataEncoder()

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { self[column] != nil }

    func decodeNil(column: String) throws -> Bool { (self[column] ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = self[column] else { throw MissingColumn(column: column) }
        if let value = Self.direct(data, as: D.self) { return value }
        return try Self.decoder.decode(D.self, from: data)
    }

    private subscript(column: String) -> SQLiteData? {
        if last.column != column { (last.column, last.data) = (column, row.column(column)) }
        return last.data
    }

    /// One row is read by one task at a time.
    private final class Last: @unchecked Sendable {
        var column: String?
        var data: SQLiteData?
    }

    /// A value of a common type, or nil for SQLiteKit's decoder to convert (or refuse).
    static func direct<D>(_ data: SQLiteData, as _: D.Type) -> D? {
        switch data {
        case .text(let text):
            if D.self == String.self || D.self == String?.self { return text as? D }
            if D.self == UUID.self || D.self == UUID?.self { return UUID(text: text).flatMap { $0 as? D } }
        case .integer(let number):
            if D.self == Int.self || D.self == Int?.self { return number as? D }
            if D.self == Bool.self || D.self == Bool?.self, number == 0 || number == 1 { return (number == 1) as? D }
            if D.self == Double.self || D.self == Double?.self { return Double(number) as? D }
            if D.self == Date.self || D.self == Date?.self { return date(Double(number)) as? D }
        case .float(let number):
            if D.self == Double.self || D.self == Double?.self { return number as? D }
            if D.self == Date.self || D.self == Date?.self { return date(number) as? D }
        case .blob, .null:
            break
        }
        return nil
    }

    /// An instant kept as seconds since 1970, to the microsecond, as SQLiteNIO reads it (so that it equals what was saved).
    private static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSinceReferenceDate: ((seconds - Date.timeIntervalBetween1970AndReferenceDate) * 1e6).rounded() / 1e6)
    }

    /// A bind as SQLiteKit's encoder gives it; text and ids without its casts and `Encodable`.
    static func data(_ bind: any Encodable) throws -> SQLiteData {
        switch bind {
        case let text as String: .text(text)
        case let id as UUID: .text(id.text)
        case let id as UUID?: id.map { .text($0.text) } ?? .null
        default: try encoder.encode(bind)
        }
    }

    struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "No column \(column) in the row." }
    }
}

extension UUID {
    /// The canonical 36-character text of the id, upper case, as `uuidString` (which formats through `snprintf`).
    var text: String {
        let digits = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { out[at] = UInt8(ascii: "-"); at += 1 }
                    out[at] = digits[Int(byte >> 4)]
                    out[at + 1] = digits[Int(byte & 0x0F)]
                    at += 2
                }
                return 36
            }
        }
    }

    /// An id from its 36-character text, either case, as `UUID(uuidString:)` reads it (which parses through `sscanf`).
    init?(text: String) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = text.utf8.withContiguousStorageIfAvailable { chars -> Bool in
            guard chars.count == 36 else { return false }
            return withUnsafeMutableBytes(of: &bytes) { out in
                var at = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        guard chars[at] == UInt8(ascii: "-") else { return false }
                        at += 1
                    }
                    guard let high = Self.nibble(chars[at]), let low = Self.nibble(chars[at + 1]) else { return false }
                    out[index] = high << 4 | low
                    at += 2
                }
                return true
            }
        }
        guard let parsed else {
            guard let id = UUID(uuidString: text) else { return nil }
            self = id
            return
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Whether this id sorts before `other` as their texts do (and as PostgreSQL orders `uuid`): byte by byte.
    func precedes(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { x in withUnsafeBytes(of: other.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }
}
