import Foundation

/// A search parameter Hearth answers for one resource type. The same table (`FHIRSearchTable`) drives the search and
/// the CapabilityStatement, so the statement lists exactly what works.
struct FHIRSearchParameter: Sendable {
    enum Kind: String, Sendable { case string, token, date, reference, uri }

    let name: String
    let kind: Kind
    /// Where the value sits in the resource ("code", "period.start"); empty when the type's own query answers it
    /// (the database for Patient, the directory, the patient a search is scoped to).
    let paths: [String]
    /// Whether `_sort` may name it.
    let sortable: Bool
    /// The modifiers Hearth understands on it (http://hl7.org/fhir/R4/search.html#modifiers).
    let modifiers: Set<String>

    init(_ name: String, _ kind: Kind, _ paths: [String], sortable: Bool? = nil, modifiers: Set<String>? = nil) {
        self.name = name
        self.kind = kind
        self.paths = paths
        self.sortable = sortable ?? ((kind == .date || kind == .string || kind == .token) && !paths.isEmpty)
        self.modifiers = modifiers ?? (paths.isEmpty ? [] : kind == .string ? ["exact", "contains"] : kind == .token ? ["not"] : [])
    }

    static func string(_ name: String, _ paths: String...) -> Self { Self(name, .string, paths) }
    static func token(_ name: String, _ paths: String...) -> Self { Self(name, .token, paths) }
    static func date(_ name: String, _ paths: String...) -> Self { Self(name, .date, paths) }
    static func reference(_ name: String, _ paths: String...) -> Self { Self(name, .reference, paths) }

    /// Answered by the type's own query, not by matching resource elements.
    static func own(_ name: String, _ kind: Kind, sortable: Bool = false, modifiers: Set<String> = []) -> Self {
        Self(name, kind, [], sortable: sortable, modifiers: modifiers)
    }

    /// Every type answers these two (http://hl7.org/fhir/R4/resource.html#search).
    static let common: [FHIRSearchParameter] = [.token("_id", "id"), .date("_lastUpdated", "meta.lastUpdated")]
}

/// One searchable resource type: its parameters, what `_include`/`_revinclude` reach, and its interactions.
struct FHIRSearchableType: Sendable {
    let type: String
    var interactions: [String] = ["read", "search-type"]
    var parameters: [FHIRSearchParameter]
    /// `Type:parameter` this type's searches may `_include`, each naming a reference parameter of `Type`.
    var includes: [String] = []
    var revIncludes: [String] = []
    /// Searched within one patient's record (`patient=` or `subject=` required).
    var patientScoped = true
    var conditionalCreate: Bool? = nil
    var conditionalUpdate: Bool? = nil
    /// Whether vread and `_history` are served.
    var versioned = false
    /// Whether an update honours `If-Match` (CapabilityStatement `versioning` = versioned-update).
    var versionedUpdate = false
    /// Operations on the type (`Patient/$export`) or an instance (`Patient/<id>/$everything`).
    var operations: [FHIROperation] = []

    /// The type's own parameters and the common ones.
    var allParameters: [FHIRSearchParameter] { FHIRSearchParameter.common + parameters }

    func parameter(_ name: String) -> FHIRSearchParameter? { allParameters.first { $0.name == name } }
}

/// An operation Hearth serves, with the definition it follows.
struct FHIROperation: Sendable {
    let name: String
    /// On an instance (`Patient/<id>/$everything`) rather than the type (`Patient/$export`).
    let instance: Bool
    let definition: String

    static let everything = FHIROperation(name: "everything", instance: true, definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything")
    static let patientExport = FHIROperation(name: "export", instance: false, definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export")
    static let groupExport = FHIROperation(name: "export", instance: true, definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export")
    static let systemExport = FHIROperation(name: "export", instance: false, definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export")
}

/// Parameters that shape the result rather than choose resources (http://hl7.org/fhir/R4/search.html#return).
enum FHIRResultParameter: String, CaseIterable {
    case count = "_count", offset = "_offset", sort = "_sort", summary = "_summary", elements = "_elements", total = "_total"
    case include = "_include", revInclude = "_revinclude", format = "_format", pretty = "_pretty"
}
