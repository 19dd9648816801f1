import Fluent
import Foundation

/// An organization the agency deals with: the agency itself, a payer, or another provider.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"
    var properties: [any AnyProperty] { listed([$id, $name, $nameKey, $kind, $phone, $fax, $createdAt]) }

    enum Kind: String, CaseIterable {
        case agency, payer, provider

        /// The FHIR organization-type code (http://terminology.hl7.org/CodeSystem/organization-type).
        var fhirCode: (code: String, display: String) {
            switch self {
            case .agency, .provider: ("prov", "Healthcare Provider")
            case .payer: ("pay", "Payer")
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Lower-cased name: one row per payer however it is typed, and an index for name search.
    @Field(key: "name_key") var nameKey: String
    /// A `Kind` raw value.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "fax") var fax: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(name: String, kind: Kind, phone: String? = nil) {
        self.name = name
        self.nameKey = name.lowercased()
        self.kind = kind.rawValue
        self.phone = phone
    }
}

extension Organization {
    /// The organization of this kind and name, created on first use so that "Medicare" typed a thousand times is one payer.
    static func findOrCreate(_ name: String, kind: Kind, on db: any Database) async throws -> Organization {
        func existing() async throws -> Organization? {
            try await Organization.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$nameKey == name.lowercased()).first()
        }
        if let found = try await existing() { return found }
        let organization = Organization(name: name, kind: kind)
        do {
            try await organization.create(on: db)
            return organization
        } catch {
            // Another request created it a moment ago.
            guard (error as? any DatabaseError)?.isConstraintFailure == true, let found = try await existing() else { throw error }
            return found
        }
    }
}
