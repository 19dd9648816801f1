import Foundation
import Vapor

/// What the server supports, for FHIR clients that ask `GET /fhir/metadata`; built from `FHIRSearchTable`, so it lists
/// exactly the parameters, includes and interactions that work.
struct CapabilityStatement: Content {
    /// System interactions: transaction and batch Bundles at `POST /fhir`.
    struct Rest: Codable {
        var mode = "server"
        var security: SMARTSecurity
        var resource: [Resource]
        var interaction = [Interaction(code: "transaction", documentation: Self.referrals), Interaction(code: "batch")]
        static let referrals = "A transaction holding a Task (status requested) is a referral to the agency: it is held in the intake inbox, "
            + "every other entry answers 202 Accepted, and the sender follows Task/inbound-<id> (requested, accepted, rejected, in-progress, completed, cancelled) "
            + "and withdraws it with PUT Task/inbound-<id> carrying status cancelled."
        var operation: [OperationEntry] = FHIRSearchTable.systemOperations.map { OperationEntry($0) }
    }
    struct Resource: Codable {
        var type: String
        var interaction: [Interaction]
        var versioning: String
        var readHistory: Bool?
        var conditionalCreate: Bool?
        var conditionalUpdate: Bool?
        var conditionalRead: String?
        var searchInclude: [String]?
        var searchRevInclude: [String]?
        var searchParam: [SearchParam]?
        var operation: [OperationEntry]?
    }
    struct OperationEntry: Codable {
        var name: String
        var definition: String
        init(_ operation: FHIROperation) { name = operation.name; definition = operation.definition }
    }
    struct Interaction: Codable { var code: String; var documentation: String? = nil }
    struct SearchParam: Codable { var name: String; var type: String; var documentation: String? }
    struct Software: Codable { var name = "Hearth" }

    var resourceType = "CapabilityStatement"
    var status = "active"
    var date: String
    var kind = "instance"
    var software = Software()
    var fhirVersion = "4.0.1"
    var format = ["application/fhir+json"]
    var rest: [Rest]

    init(date: String, security: SMARTSecurity) {
        self.date = date
        rest = [Rest(security: security, resource: FHIRSearchTable.all.map(Self.resource))]
    }

    static func resource(_ type: FHIRSearchableType) -> Resource {
        let searches = type.interactions.contains("search-type")
        let parameters = searches ? type.allParameters.filter { !$0.name.contains(".") }.map(searchParam) : []
        let operations: [OperationEntry] = type.operations.map { OperationEntry($0) }
        return Resource(type: type.type, interaction: type.interactions.map { Interaction(code: $0) },
                        versioning: type.versioned || type.versionedUpdate ? "versioned-update" : "versioned", readHistory: type.versioned ? false : nil,
                        conditionalCreate: type.conditionalCreate, conditionalUpdate: type.conditionalUpdate,
                        conditionalRead: type.interactions.contains("read") ? "full-support" : nil,
                        searchInclude: type.includes.isEmpty ? nil : type.includes, searchRevInclude: type.revIncludes.isEmpty ? nil : type.revIncludes,
                        searchParam: parameters.isEmpty ? nil : parameters, operation: operations.isEmpty ? nil : operations)
    }

    private static func searchParam(_ parameter: FHIRSearchParameter) -> SearchParam {
        var notes: [String] = []
        if !parameter.modifiers.isEmpty { notes.append("Modifiers: " + parameter.modifiers.sorted().map { ":" + $0 }.joined(separator: ", ") + ".") }
        if parameter.kind == .date { notes.append("Prefixes eq, ne, lt, gt, le, ge, sa, eb.") }
        if parameter.sortable { notes.append("Sortable with _sort.") }
        if parameter.name == "patient", !parameter.paths.isEmpty { notes.append("One patient per search (a SMART backend client may leave it out to search every patient it may read); also chained as patient.identifier=system|value.") }
        return SearchParam(name: parameter.name, type: parameter.kind.rawValue, documentation: notes.isEmpty ? nil : notes.joined(separator: " "))
    }
}
