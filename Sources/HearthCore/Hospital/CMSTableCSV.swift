import Foundation

/// The CMS tables utilization review reads, which the hospital imports from CMS's own files: Hearth ships none of
/// their figures, so a number a reviewer sees is always CMS's as the hospital loaded it, beside its source.
public enum CMSReferenceTable: String, Sendable, CaseIterable {
    /// IPPS final rule Table 5: MS-DRGs with their relative weights and geometric and arithmetic mean lengths of stay.
    case gmlos = "ms-drg-gmlos"
    /// OPPS Addendum E: the HCPCS codes paid only as inpatient procedures (status indicator C).
    case inpatientOnly = "inpatient-only"

    public var title: String {
        switch self {
        case .gmlos: "MS-DRG GMLOS (IPPS Table 5)"
        case .inpatientOnly: "Inpatient-only list (OPPS Addendum E)"
        }
    }

    /// The header row Hearth reads, as CMS names the columns; other columns (weights, MDC, type, CI) are ignored.
    public var expectedHeader: String {
        switch self {
        case .gmlos: "MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS"
        case .inpatientOnly: "HCPCS Code,Short Descriptor,CI,SI"
        }
    }

    /// IPPS tables run by federal fiscal year, OPPS addenda by calendar year.
    public var yearPrefix: String { self == .gmlos ? "FY" : "CY" }
}

/// A row of a CMS table file that cannot be imported, by file and line: "table5.csv:14: ...".
public struct CMSTableBadRow: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// One DRG's figures as a Table 5 row gives them.
public struct MSDRGNorm: Sendable, Equatable {
    public var drg: String
    public var figures: LengthOfStayNorms.DRG
}

/// One code of the inpatient-only list as an Addendum E row gives it.
public struct InpatientOnlyCode: Sendable, Equatable {
    public var code: String
    public var descriptor: String
}

/// A CMS table file once read: the text above its header (CMS prints the table's name there), the year it names, the
/// rows, the rows left out by rule, and every bad row. Nothing may be imported unless every row is good.
public struct CMSTableRead<Row: Sendable & Equatable>: Sendable, Equatable {
    public var table: CMSReferenceTable
    public var file: String
    public var title: String
    /// "FY 2026" or "CY 2026" found above the header or in it.
    public var year: Int?
    public var rows: [Row]
    /// Rows read but left out: a DRG with a GMLOS of 0 (no cases), an Addendum B code whose status indicator is not C.
    public var leftOut: Int
    public var badRows: [CMSTableBadRow]

    /// The rows, when every row is good and there is at least one.
    public var importable: [Row]? { badRows.isEmpty && !rows.isEmpty ? rows : nil }
}

/// Reads CMS's tables saved as CSV (RFC 4180, as a spreadsheet saves them). The header is the first row naming the
/// columns Hearth needs; rows above it are the table's title; blank rows are skipped; every other row is checked.
public enum CMSTableCSV {
    public static func gmlos(_ text: String, file: String) -> CMSTableRead<MSDRGNorm> {
        var read = CMSTableRead<MSDRGNorm>(table: .gmlos, file: file, title: "", year: nil, rows: [], leftOut: 0, badRows: [])
        guard let sheet = Sheet(text, file: file, table: .gmlos, into: &read.badRows,
                                columns: ["drg": { ["msdrg", "drg"].contains($0) }, "title": { $0.contains("title") || $0 == "description" },
                                          "gmlos": { $0.contains("geometric") || $0 == "gmlos" }, "amlos": { $0.contains("arithmetic") || $0 == "amlos" }],
                                required: ["drg": "MS-DRG", "title": "MS-DRG Title", "gmlos": "Geometric mean LOS"]) else { return read }
        (read.title, read.year) = (sheet.title, sheet.year)
        var seen: [String: Int] = [:]
        for row in sheet.rows {
            func bad(_ reason: String) { read.badRows.append(CMSTableBadRow(file: file, line: row.line, reason: reason)) }
            let code = row["drg"], title = row["title"], gmlos = row["gmlos"], amlos = row["amlos"]
            guard let drg = LengthOfStayNorms.key(code) else { bad("MS-DRG \"\(code)\" is not a DRG number (1 to 999)"); continue }
            if let first = seen[drg] { bad("MS-DRG \(drg) is also on line \(first)"); continue }
            seen[drg] = row.line
            guard !title.isEmpty else { bad("MS-DRG \(drg) has no title"); continue }
            guard let days = Double(gmlos), days >= 0, days.isFinite else { bad("Geometric mean LOS \"\(gmlos)\" for MS-DRG \(drg) is not a number of days"); continue }
            let mean = Double(amlos)
            if !amlos.isEmpty && !(mean.map { $0 >= 0 && $0.isFinite } ?? false) {
                bad("Arithmetic mean LOS \"\(amlos)\" for MS-DRG \(drg) is not a number of days"); continue
            }
            // CMS prints 0.0 for a DRG without cases: it has no norm.
            if days == 0 { read.leftOut += 1; continue }
            read.rows.append(MSDRGNorm(drg: drg, figures: .init(title: title, gmlos: days, amlos: amlos.isEmpty ? nil : mean)))
        }
        if sheet.rows.isEmpty { read.badRows.append(CMSTableBadRow(file: file, line: sheet.headerLine, reason: "no rows under the header")) }
        read.badRows = Sheet.byLine(read.badRows)
        return read
    }

    public static func inpatientOnly(_ text: String, file: String) -> CMSTableRead<InpatientOnlyCode> {
        var read = CMSTableRead<InpatientOnlyCode>(table: .inpatientOnly, file: file, title: "", year: nil, rows: [], leftOut: 0, badRows: [])
        guard let sheet = Sheet(text, file: file, table: .inpatientOnly, into: &read.badRows,
                                columns: ["code": { $0.hasPrefix("hcpcs") || $0 == "cpthcpcs" || $0 == "code" },
                                          "descriptor": { $0.contains("descriptor") || $0 == "description" }, "si": { $0 == "si" || $0 == "statusindicator" }],
                                required: ["code": "HCPCS Code", "descriptor": "Short Descriptor"]) else { return read }
        (read.title, read.year) = (sheet.title, sheet.year)
        var seen: [String: Int] = [:]
        for row in sheet.rows {
            func bad(_ reason: String) { read.badRows.append(CMSTableBadRow(file: file, line: row.line, reason: reason)) }
            let code = InpatientOnlyList.key(row["code"])
            guard code.count == 5, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                bad("HCPCS code \"\(row["code"])\" is not five letters or digits"); continue
            }
            if let first = seen[code] { bad("HCPCS \(code) is also on line \(first)"); continue }
            seen[code] = row.line
            guard !row["descriptor"].isEmpty else { bad("HCPCS \(code) has no short descriptor"); continue }
            // Addendum E lists status indicator C only; a whole Addendum B gives every code, of which C is the list.
            if sheet.has("si") && row["si"].uppercased() != "C" { read.leftOut += 1; continue }
            read.rows.append(InpatientOnlyCode(code: code, descriptor: row["descriptor"]))
        }
        if sheet.rows.isEmpty { read.badRows.append(CMSTableBadRow(file: file, line: sheet.headerLine, reason: "no rows under the header")) }
        read.badRows = Sheet.byLine(read.badRows)
        return read
    }
}

/// A CMS CSV split into its title (the rows above the header), the header's columns and the data rows.
private struct Sheet {
    struct Row {
        var line: Int
        var values: [String: String]
        subscript(_ column: String) -> String { values[column] ?? "" }
    }

    var title: String
    var year: Int?
    var headerLine: Int
    var columns: [String: Int]
    var rows: [Row] = []

    func has(_ column: String) -> Bool { columns[column] != nil }

    /// Nil, with the reason in `bad`, when the CSV cannot be parsed or no header names the required columns.
    init?(_ text: String, file: String, table: CMSReferenceTable, into bad: inout [CMSTableBadRow],
          columns matchers: [String: (String) -> Bool], required: [String: String]) {
        let records: [CSVRecord]
        do { records = try CSV.parse(text) } catch {
            bad.append(CMSTableBadRow(file: file, line: error.line, reason: error.reason))
            return nil
        }
        var titleLines: [String] = []
        let keyColumn = table == .gmlos ? "drg" : "code"
        for (index, record) in records.enumerated() {
            let names = record.fields.map(Self.compact)
            var found: [String: Int] = [:]
            for (key, matches) in matchers { if let at = names.firstIndex(where: matches) { found[key] = at } }
            // The header names the key column and at least one other; a title row above it names neither.
            guard found[keyColumn] != nil, required.keys.filter({ found[$0] != nil }).count >= 2 else {
                titleLines.append(record.fields.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ", "))
                continue
            }
            if let missing = required.keys.sorted().first(where: { found[$0] == nil }) {
                bad.append(CMSTableBadRow(file: file, line: record.line, reason: "the header has no \(required[missing]!) column; expected: \(table.expectedHeader)"))
                return nil
            }
            let title = titleLines.filter { !$0.isEmpty }.joined(separator: " ")
            self.title = title
            self.headerLine = record.line
            self.columns = found
            self.year = Self.year(in: ([title] + record.fields).joined(separator: " "), prefix: table.yearPrefix)
            for data in records[(index + 1)...] {
                let fields = data.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if fields.allSatisfy(\.isEmpty) { continue }
                guard let last = found.values.max(), fields.count > last else {
                    bad.append(CMSTableBadRow(file: file, line: data.line, reason: "has \(fields.count) fields but the header has \(record.fields.count); quote any field that contains a comma"))
                    continue
                }
                rows.append(Row(line: data.line, values: found.mapValues { fields[$0] }))
            }
            return
        }
        bad.append(CMSTableBadRow(file: file, line: records.first?.line ?? 1,
                                  reason: "no header row naming the columns Hearth reads; the file needs a header like: \(table.expectedHeader)"))
        return nil
    }

    /// Bad rows in file order (a row with too few fields is found before the rows are checked).
    static func byLine(_ rows: [CMSTableBadRow]) -> [CMSTableBadRow] {
        rows.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    /// "MS-DRG Title" → "msdrgtitle": letters and digits only, lower case.
    static func compact(_ name: String) -> String { String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init)) }

    /// The first "FY 2026" / "FY2026" (or "CY 2026") in the text.
    static func year(in text: String, prefix: String) -> Int? {
        let upper = Array(text.uppercased())
        let mark = Array(prefix)
        var index = 0
        while index + mark.count <= upper.count {
            defer { index += 1 }
            guard Array(upper[index..<index + mark.count]) == mark, index == 0 || !upper[index - 1].isLetter else { continue }
            var at = index + mark.count
            while at < upper.count, upper[at] == " " { at += 1 }
            let digits = upper[at..<min(at + 4, upper.count)]
            if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(String(digits)), (2000...2100).contains(year) {
                return year
            }
        }
        return nil
    }
}
