/// What a FHIR REST interaction needs from a token's SMART scopes: search `s` on a type, read `r` of an instance,
/// create `c`, update `u`, delete `d` [FHIR R4 RESTful API §3.1.0; SMART App Launch 2.0 "Scopes for requesting FHIR
/// resources"]. Operations (`$everything`, `$export`) and whole-system interactions need `*.rs`, since they return
/// every type.
public enum FHIRScopeNeed: Equatable, Sendable {
    /// No scope: the CapabilityStatement is public.
    case none
    /// Every (resource type, letter) pair must be granted; `*` as the type needs a wildcard scope.
    case all([Requirement])
    /// A batch or transaction Bundle: each entry needs what its own request would.
    case bundle

    public struct Requirement: Equatable, Sendable, CustomStringConvertible {
        public var resourceType: String
        public var permission: SMARTScope.Permission

        public init(_ resourceType: String, _ permission: SMARTScope.Permission) {
            self.resourceType = resourceType
            self.permission = permission
        }

        public var description: String { "\(resourceType).\(permission.rawValue)" }
    }

    /// `path` is the address below the FHIR base, split at `/` (`["Patient", "123"]`); the query is left out.
    public static func of(method: String, path: [String]) -> FHIRScopeNeed {
        let method = method.uppercased()
        let everything: FHIRScopeNeed = .all([.init("*", .read), .init("*", .search)])
        guard let type = path.first else { return method == "POST" ? .bundle : everything }
        if path == ["metadata"] { return .none }
        if path.contains(where: { $0.hasPrefix("$") }) || !SMARTScope.looksLikeResourceType(type) { return everything }
        switch (path.count, method) {
        case (1, "GET"), (1, "HEAD"): return .all([.init(type, .search)])
        case (1, "POST"): return .all([.init(type, .create)])
        // A conditional update creates the resource when the search finds none.
        case (1, "PUT"): return .all([.init(type, .create), .init(type, .update)])
        case (1, "DELETE"): return .all([.init(type, .delete)])
        case (2, "POST") where path[1] == "_search": return .all([.init(type, .search)])
        case (2, "GET") where path[1] == "_history", (2, "HEAD") where path[1] == "_history": return .all([.init(type, .search)])
        case (2, "GET"), (2, "HEAD"): return .all([.init(type, .read)])
        case (2, "PUT"), (2, "PATCH"): return .all([.init(type, .update)])
        case (2, "DELETE"): return .all([.init(type, .delete)])
        case (_, "GET") where path[1 ..< path.count].contains("_history"), (_, "HEAD") where path.contains("_history"):
            return .all([.init(type, .read)])
        default: return everything
        }
    }

    /// The requirements this need leaves unmet by `scopes` (empty: allowed). A `.bundle` is resolved by the caller.
    public func unmet(by scopes: SMARTScopes) -> [Requirement] {
        guard case .all(let requirements) = self else { return [] }
        return requirements.filter { !scopes.permits($0.permission, on: $0.resourceType) }
    }
}

extension SMARTScope {
    /// A FHIR resource type's shape: a capital letter then letters (`Patient`, `MedicationStatement`).
    public static func looksLikeResourceType(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
    }
}
