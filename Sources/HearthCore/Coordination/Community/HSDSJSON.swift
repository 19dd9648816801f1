import Foundation

/// The community directory in HSDS's JSON shape: a list of services, each with its organization, its locations
/// (through service_at_locations), phones, schedules, languages, required documents and attributes nested inside,
/// as the HSDS 3 API returns them from /services. Import also accepts an API page ({"contents": [...]}).
/// The shape is service-centred: organizations, locations and taxonomy terms that no service uses are not exported.
public enum HSDSJSON {
    /// Imports services in HSDS JSON; rows nested in them are checked exactly as the CSV import checks its rows.
    public static func importData(_ data: Data, file: String = "services.json", skipBad: Bool) throws(HSDSImportError) -> HSDSImportResult {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as DecodingError {
            throw .unreadableJSON(file: file, detail: error.oneLine)
        } catch {
            throw .unreadableJSON(file: file, detail: "\(error)")
        }
        var flattener = Flattener(file: file)
        for (index, item) in try services(in: root, file: file).enumerated() {
            guard case .object(let service) = item else {
                flattener.bad.append(HSDSBadRow(origin: HSDSRowOrigin(file: file, path: "[\(index)]"), reason: "not a service object"))
                continue
            }
            flattener.add(service, table: .services, path: "[\(index)]", inherited: [:], nested: serviceShape)
        }
        let assembled = HSDSAssembler.assemble(flattener.tables)
        return HSDSImportResult(directory: assembled.directory, badRows: flattener.bad + assembled.badRows, skipBad: skipBad)
    }

    /// Every service with its nested records, as pretty-printed JSON with sorted keys.
    public static func export(_ directory: ResourceDirectory) -> Data {
        let tables = HSDSExportRows.tables(of: directory)
        let index = RowIndex(tables)
        let services = (tables[.services] ?? []).map { object($0, table: .services, nested: serviceShape, index: index) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.array(services))) ?? Data("[]".utf8)
    }

    private static func services(in root: JSONValue, file: String) throws(HSDSImportError) -> [JSONValue] {
        switch root {
        case .array(let items): return items
        case .object(let object):
            if case .array(let items)? = object["contents"] { return items }
            if object["id"] != nil, object["name"] != nil { return [root] }
            fallthrough
        default: throw .unreadableJSON(file: file, detail: "expected a list of services")
        }
    }

    /// How records nest inside a service: to-one records named by the parent's column, lists pointing back by their own.
    struct Nesting: Sendable {
        enum Link: Sendable {
            /// The parent holds the child's id in this column (service.organization_id → organization).
            case parent(String)
            /// Each child holds the parent's id in this column (phone.service_id → service).
            case children(String)
        }

        var key: String
        var table: HSDSTable
        var link: Link
        /// Values every child carries (an attribute nested in a service links to a service).
        var defaults: [String: String] = [:]
        var nested: [Nesting] = []
    }

    static let locationShape: [Nesting] = [
        Nesting(key: "addresses", table: .addresses, link: .children("location_id")),
        Nesting(key: "phones", table: .phones, link: .children("location_id")),
        Nesting(key: "schedules", table: .schedules, link: .children("location_id")),
        Nesting(key: "languages", table: .languages, link: .children("location_id")),
    ]

    static let serviceShape: [Nesting] = [
        Nesting(key: "organization", table: .organizations, link: .parent("organization_id"),
                nested: [Nesting(key: "phones", table: .phones, link: .children("organization_id"))]),
        Nesting(key: "service_at_locations", table: .serviceAtLocation, link: .children("service_id"),
                nested: [Nesting(key: "location", table: .locations, link: .parent("location_id"), nested: locationShape)]),
        Nesting(key: "phones", table: .phones, link: .children("service_id")),
        Nesting(key: "schedules", table: .schedules, link: .children("service_id")),
        Nesting(key: "languages", table: .languages, link: .children("service_id")),
        Nesting(key: "required_documents", table: .requiredDocuments, link: .children("service_id")),
        Nesting(key: "attributes", table: .attributes, link: .children("link_id"), defaults: ["link_entity": "service"],
                nested: [Nesting(key: "taxonomy_term", table: .taxonomyTerms, link: .parent("taxonomy_term_id"))]),
    ]

    /// Nested JSON → flat rows per table. The same organization or location nested in several services is read once;
    /// copies that differ are passed on, and the row check reports the duplicate id.
    private struct Flattener {
        let file: String
        var tables: [HSDSTable: [HSDSRow]] = [:]
        var bad: [HSDSBadRow] = []
        private var copies: [HSDSTable: [String: [String: String]]] = [:]

        init(file: String) { self.file = file }

        mutating func add(_ object: [String: JSONValue], table: HSDSTable, path: String, inherited: [String: String], nested: [Nesting]) {
            var values = inherited
            for column in table.columns {
                if let text = object[column]?.scalarText, !text.isEmpty { values[column] = text }
            }
            for nesting in nested {
                switch (nesting.link, object[nesting.key]) {
                case (.parent(let column), .object(let child)?):
                    if (values[column] ?? "").isEmpty, let childID = child["id"]?.scalarText { values[column] = childID }
                    add(child, table: nesting.table, path: "\(path).\(nesting.key)", inherited: nesting.defaults, nested: nesting.nested)
                case (.children(let column), .array(let items)?):
                    for (index, item) in items.enumerated() {
                        let childPath = "\(path).\(nesting.key)[\(index)]"
                        guard case .object(let child) = item else {
                            bad.append(HSDSBadRow(origin: HSDSRowOrigin(file: file, path: childPath), reason: "not an object"))
                            continue
                        }
                        let link = nesting.defaults.merging([column: values["id"] ?? ""]) { _, parent in parent }
                        add(child, table: nesting.table, path: childPath, inherited: link, nested: nesting.nested)
                    }
                default: continue
                }
            }
            if let id = values["id"], let copy = copies[table]?[id], copy == values { return }
            if let id = values["id"], copies[table]?[id] == nil { copies[table, default: [:]][id] = values }
            tables[table, default: []].append(HSDSRow(origin: HSDSRowOrigin(file: file, path: path), values: values))
        }
    }

    /// Export rows by table, looked up by id and by the column children use to point to their parent.
    private struct RowIndex {
        var byID: [HSDSTable: [String: [String: String]]] = [:]
        var byColumn: [HSDSTable: [String: [String: [[String: String]]]]] = [:]

        init(_ tables: [HSDSTable: [[String: String]]]) {
            for (table, rows) in tables {
                for row in rows {
                    if let id = row["id"] { byID[table, default: [:]][id] = row }
                    for column in ["organization_id", "service_id", "location_id", "link_id"] {
                        if let value = row[column] { byColumn[table, default: [:]][column, default: [:]][value, default: []].append(row) }
                    }
                }
            }
        }
    }

    private static func object(_ row: [String: String], table: HSDSTable, nested: [Nesting], index: RowIndex) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for column in table.columns {
            guard let text = row[column], !text.isEmpty else { continue }
            object[column] = table.numericColumns.contains(column) ? JSONValue.number(text) : .string(text)
        }
        for nesting in nested {
            switch nesting.link {
            case .parent(let column):
                guard let id = row[column], let child = index.byID[nesting.table]?[id] else { continue }
                object[nesting.key] = Self.object(child, table: nesting.table, nested: nesting.nested, index: index)
            case .children(let column):
                guard let id = row["id"], let children = index.byColumn[nesting.table]?[column]?[id] else { continue }
                let owned = children.filter { child in nesting.defaults.allSatisfy { child[$0.key] == $0.value } && owner(child) == column }
                if !owned.isEmpty {
                    object[nesting.key] = .array(owned.map { Self.object($0, table: nesting.table, nested: nesting.nested, index: index) })
                }
            }
        }
        return .object(object)
    }

    /// The column that makes a phone, schedule or language belong where it does (service before location before organization).
    private static func owner(_ row: [String: String]) -> String {
        ["link_id", "service_id", "location_id", "organization_id"].first { !(row[$0] ?? "").isEmpty } ?? ""
    }
}

/// Any JSON value, read and written without losing numbers' text: the HSDS JSON is mapped to rows by hand.
indirect enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A number from its text: whole numbers as integers, others as decimals; text that is not a number stays text.
    static func number(_ text: String) -> JSONValue {
        if let value = Int(text) { return .integer(value) }
        if let value = Double(text), value.isFinite { return .double(value) }
        return .string(text)
    }

    /// A scalar as row text; nil for null, lists and objects.
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .double(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): String(value)
        case .null, .array, .object: nil
        }
    }
}
