import Foundation

/// One record of a CSV file, with the line it starts on (a quoted field may span lines).
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file that cannot be read past some point: the rest of the file cannot be trusted.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}

/// Comma-separated values as RFC 4180 defines them: fields separated by commas, records by CRLF (a bare LF is
/// accepted too), fields holding commas, quotes or line breaks enclosed in double quotes, a quote inside written twice.
/// A UTF-8 byte-order mark at the start (spreadsheets add one) is skipped; blank lines are skipped.
public enum CSV {
    /// Every record in the text; throws at the first place the quoting is broken.
    public static func parse(_ text: String) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(Array(text.utf8))
        return try reader.records()
    }

    /// The rows as CSV text with CRLF line ends; a field is quoted only when it holds a comma, a quote or a line break.
    public static func write(_ rows: [[String]]) -> String {
        var text = ""
        for row in rows {
            text += row.map(escape).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    static func escape(_ field: String) -> String {
        let special: Set<UInt8> = [CSVReader.quote, CSVReader.comma, CSVReader.cr, CSVReader.lf]
        guard field.utf8.contains(where: special.contains) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The byte-by-byte reader behind `CSV.parse`: a field starts, runs unquoted or quoted, and a quote inside quotes
/// is either the closing quote or the first of a doubled one.
private struct CSVReader {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private let bytes: [UInt8]
    private var index = 0
    private var state = State.fieldStart
    private var line = 1, recordLine = 1, quoteLine = 1
    private var fields: [String] = [], field: [UInt8] = []
    private var parsed: [CSVRecord] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    mutating func records() throws(CSVError) -> [CSVRecord] {
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .fieldStart, .unquoted: try unquoted(byte)
            case .quoted: quoted(byte)
            case .quoteInQuoted: try afterQuote(byte)
            }
            index += 1
        }
        if state == .quoted { throw CSVError(line: quoteLine, reason: "a quoted field is never closed; add the closing quote") }
        if state != .fieldStart || !fields.isEmpty { endRecord() }
        return parsed
    }

    private mutating func unquoted(_ byte: UInt8) throws(CSVError) {
        switch byte {
        case Self.quote:
            guard state == .fieldStart else {
                throw CSVError(line: line, reason: "a quote inside an unquoted field; enclose the whole field in quotes and write the quote twice")
            }
            state = .quoted
            quoteLine = line
        case Self.comma: endField()
        case Self.cr, Self.lf: endLine()
        default:
            field.append(byte)
            state = .unquoted
        }
    }

    private mutating func quoted(_ byte: UInt8) {
        switch byte {
        case Self.quote: state = .quoteInQuoted
        case Self.cr, Self.lf:
            let isCRLF = byte == Self.cr && index + 1 < bytes.count && bytes[index + 1] == Self.lf
            field.append(contentsOf: isCRLF ? [Self.cr, Self.lf] : [byte])
            lineBreak()
        default: field.append(byte)
        }
    }

    private mutating func afterQuote(_ byte: UInt8) throws(CSVError) {
        switch byte {
        case Self.quote:
            field.append(Self.quote)
            state = .quoted
        case Self.comma: endField()
        case Self.cr, Self.lf: endLine()
        default: throw CSVError(line: line, reason: "text after a closing quote; write a quote inside a quoted field twice (\"\")")
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    /// A line break outside quotes ends the record; a blank line gives no record.
    private mutating func endLine() {
        lineBreak()
        endRecord()
        recordLine = line
    }

    private mutating func endRecord() {
        endField()
        if !(fields.count == 1 && fields[0].isEmpty) { parsed.append(CSVRecord(line: recordLine, fields: fields)) }
        fields.removeAll(keepingCapacity: true)
    }

    /// Consumes a line break at `index` (CRLF, LF or a lone CR) and moves to the next line.
    private mutating func lineBreak() {
        if bytes[index] == Self.cr, index + 1 < bytes.count, bytes[index + 1] == Self.lf { index += 1 }
        line += 1
    }
}
