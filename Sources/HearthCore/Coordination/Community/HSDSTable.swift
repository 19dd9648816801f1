import Foundation

/// The HSDS tables Hearth reads and writes, one CSV file each, in the order rows are checked (a table's references
/// point only to tables before it). Columns follow the HSDS 3.x tabular schema; other columns are ignored on import.
public enum HSDSTable: String, Sendable, Hashable, CaseIterable {
    case taxonomyTerms = "taxonomy_terms"
    case organizations, services, locations, addresses
    case serviceAtLocation = "service_at_location"
    case phones, schedules, languages
    case requiredDocuments = "required_documents"
    case attributes

    public var fileName: String { rawValue + ".csv" }

    /// Every column Hearth exports, in file order.
    public var columns: [String] {
        switch self {
        case .taxonomyTerms: ["id", "code", "name", "description", "taxonomy"]
        case .organizations: ["id", "name", "description", "email", "website"]
        case .services: ["id", "organization_id", "name", "description", "status", "url", "email", "eligibility_description",
                         "minimum_age", "maximum_age", "fees_description", "application_process"]
        case .locations: ["id", "organization_id", "name", "location_type", "latitude", "longitude", "transportation"]
        case .addresses: ["id", "location_id", "address_1", "address_2", "city", "state_province", "postal_code", "country", "address_type"]
        case .serviceAtLocation: ["id", "service_id", "location_id"]
        case .phones: ["id", "organization_id", "service_id", "location_id", "number", "extension", "type", "description"]
        case .schedules: ["id", "service_id", "location_id", "freq", "byday", "opens_at", "closes_at", "description"]
        case .languages: ["id", "service_id", "location_id", "name", "code"]
        case .requiredDocuments: ["id", "service_id", "document"]
        case .attributes: ["id", "link_id", "link_entity", "link_type", "taxonomy_term_id", "value"]
        }
    }

    /// Columns the header must have; a file without one of them is refused whole.
    public var requiredColumns: [String] {
        switch self {
        case .taxonomyTerms: ["id", "name"]
        case .organizations: ["id", "name"]
        case .services: ["id", "organization_id", "name", "status"]
        case .locations: ["id"]
        case .addresses: ["id", "location_id", "address_1", "city", "state_province", "postal_code"]
        case .serviceAtLocation: ["id", "service_id", "location_id"]
        case .phones: ["id", "number"]
        case .schedules, .languages: ["id"]
        case .requiredDocuments: ["id", "service_id", "document"]
        case .attributes: ["id", "link_id", "link_entity", "taxonomy_term_id"]
        }
    }

    /// Organizations and services must be present; every other file may be left out.
    public var isRequiredFile: Bool { self == .organizations || self == .services }

    /// Columns written as JSON numbers in the HSDS JSON shape.
    var numericColumns: Set<String> {
        switch self {
        case .services: ["minimum_age", "maximum_age"]
        case .locations: ["latitude", "longitude"]
        case .phones: ["extension"]
        default: []
        }
    }

    /// The record's kind in messages: "service", "location".
    var recordName: String {
        switch self {
        case .taxonomyTerms: "taxonomy term"
        case .organizations: "organization"
        case .services: "service"
        case .locations: "location"
        case .addresses: "address"
        case .serviceAtLocation: "service-at-location link"
        case .phones: "phone"
        case .schedules: "schedule"
        case .languages: "language"
        case .requiredDocuments: "required document"
        case .attributes: "attribute"
        }
    }
}

/// Where a row came from: a CSV file and line, or a JSON file and the path inside it.
public struct HSDSRowOrigin: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var path: String?

    public init(file: String, line: Int? = nil, path: String? = nil) {
        self.file = file
        self.line = line
        self.path = path
    }

    /// "services.csv line 4" or "services.json at [2].service_at_locations[0].location".
    public var description: String {
        if let line { return "\(file) line \(line)" }
        if let path { return "\(file) at \(path)" }
        return file
    }
}

/// One row that was not imported, and why.
public struct HSDSBadRow: Sendable, Hashable, CustomStringConvertible {
    public var origin: HSDSRowOrigin
    public var reason: String

    public init(origin: HSDSRowOrigin, reason: String) {
        self.origin = origin
        self.reason = reason
    }

    public var description: String { "\(origin): \(reason)" }
}

/// What an import found: the good records, the bad rows, and whether the good records may be saved.
public struct HSDSImportResult: Sendable, Equatable {
    /// Every record that passed its checks.
    public var directory: ResourceDirectory
    public var badRows: [HSDSBadRow]
    /// Whether the person importing chose to save the good rows even when some rows are bad.
    public var skipBad: Bool

    /// What to save: the good records when every row passed or bad rows may be skipped; otherwise nothing.
    public var importable: ResourceDirectory? { badRows.isEmpty || skipBad ? directory : nil }

    /// "Imported 3 organizations, 4 services, 5 locations; 2 bad rows skipped." or why nothing was imported.
    public var summary: String {
        let counts = "\(directory.organizations.count) organizations, \(directory.services.count) services, \(directory.locations.count) locations"
        if badRows.isEmpty { return "Imported \(counts)." }
        let bad = "\(badRows.count) bad row\(badRows.count == 1 ? "" : "s")"
        if skipBad { return "Imported \(counts); \(bad) skipped." }
        return "Nothing imported: \(bad). Fix them and import again, or import with 'skip bad rows' to save the \(counts) that passed."
    }
}

/// Why a whole import was refused before any row was checked.
public enum HSDSImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingFile(String)
    case missingColumn(file: String, column: String)
    case malformedCSV(file: String, line: Int, reason: String)
    case unreadableJSON(file: String, detail: String)

    public var description: String {
        switch self {
        case .missingFile(let name): "\(name) is missing. An HSDS import needs organizations.csv and services.csv; add the file and import again."
        case .missingColumn(let file, let column):
            "\(file) has no '\(column)' column. Add the column to the header row (HSDS column names, e.g. \(column)) and import again."
        case .malformedCSV(let file, let line, let reason): "\(file) line \(line): \(reason). Fix the file and import again."
        case .unreadableJSON(let file, let detail):
            "\(file) is not HSDS JSON (\(detail)). Export a list of services with nested organization and locations, and import again."
        }
    }
}

/// One row of any table as text by column name; absent columns read as empty.
struct HSDSRow: Sendable, Equatable {
    var origin: HSDSRowOrigin
    var values: [String: String]

    subscript(column: String) -> String { values[column]?.trimmed ?? "" }

    /// The value, or nil when empty.
    func optional(_ column: String) -> String? { self[column].nonEmpty }
}
