import Fluent
import Foundation

/// One import of a CMS table the hospital loaded from CMS's own file (`hearth reference import`): which table, the
/// year it covers, the file it came from, the title printed above its header and when it was imported. The newest
/// import of a kind is the one in use; older ones stay as the record of what was shown when.
final class ReferenceTableImport: Model, @unchecked Sendable {
    static let schema = "reference_table_imports"
    var properties: [any AnyProperty] { listed([$id, $kind, $year, $sourceFile, $title, $rowCount, $importedByName, $importedAt]) }

    @ID(key: .id) var id: UUID?
    /// A `CMSReferenceTable` raw value.
    @Field(key: "kind") var kind: String
    /// The federal fiscal year (Table 5) or calendar year (Addendum E) the table covers.
    @Field(key: "year") var year: Int
    /// The file's name as imported.
    @Field(key: "source_file") var sourceFile: String
    /// The text above the file's header: CMS's table name, or the demo's "not CMS's" mark.
    @Field(key: "title") var title: String
    @Field(key: "row_count") var rowCount: Int
    @Field(key: "imported_by_name") var importedByName: String
    @Timestamp(key: "imported_at", on: .create) var importedAt: Date?

    init() {}
}

/// One MS-DRG's GMLOS and AMLOS from an imported Table 5.
final class MSDRGNormRecord: Model, @unchecked Sendable {
    static let schema = "ms_drg_norms"
    var properties: [any AnyProperty] { listed([$id, $table, $drg, $title, $gmlos, $amlos]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "import_id") var table: ReferenceTableImport
    /// Three digits: "291".
    @Field(key: "drg") var drg: String
    @Field(key: "title") var title: String
    @Field(key: "gmlos") var gmlos: Double
    @OptionalField(key: "amlos") var amlos: Double?

    init() {}
}

/// One HCPCS code of an imported inpatient-only list.
final class InpatientOnlyCodeRecord: Model, @unchecked Sendable {
    static let schema = "inpatient_only_codes"
    var properties: [any AnyProperty] { listed([$id, $table, $code, $descriptor]) }

    @ID(key: .id) var id: UUID?
    @Parent(key: "import_id") var table: ReferenceTableImport
    @Field(key: "code") var code: String
    @Field(key: "descriptor") var descriptor: String

    init() {}
}
