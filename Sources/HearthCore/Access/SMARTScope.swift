/// A SMART on FHIR scope in v2 syntax (`system/Patient.rs`, `user/*.cruds`); v1's `.read`, `.write` and `.*` are read
/// as their v2 letters [SMART App Launch 2.0, "Scopes for requesting FHIR resources"].
public struct SMARTScope: Sendable, Hashable, CustomStringConvertible {
    /// Whose access the scope describes. Hearth has no launch context, so `patient/` scopes are not granted.
    public enum Context: String, Sendable { case system, user }

    /// The v2 letters, in the order the specification requires them: create, read, update, delete, search.
    public enum Permission: Character, Sendable, CaseIterable, Comparable {
        case create = "c", read = "r", update = "u", delete = "d", search = "s"

        public static func < (a: Permission, b: Permission) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var context: Context
    /// A FHIR resource type, or `*` for every type.
    public var resourceType: String
    public var permissions: Set<Permission>

    public init(context: Context, resourceType: String, permissions: Set<Permission>) {
        self.context = context
        self.resourceType = resourceType
        self.permissions = permissions
    }

    /// Nil for anything that is not a resource scope Hearth can grant (`openid`, `patient/…`, `?category=` filters).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let context = Context(rawValue: String(parts[0])),
              let dot = parts[1].lastIndex(of: ".") else { return nil }
        let type = String(parts[1][..<dot]), letters = String(parts[1][parts[1].index(after: dot)...])
        guard type == "*" || Self.looksLikeResourceType(type), let permissions = Self.permissions(letters) else { return nil }
        self.init(context: context, resourceType: type, permissions: permissions)
    }

    public var description: String {
        "\(context.rawValue)/\(resourceType)." + String(permissions.sorted().map(\.rawValue))
    }

    /// Whether this scope lets its holder take `permission` on `resourceType`.
    public func permits(_ permission: Permission, on resourceType: String) -> Bool {
        permissions.contains(permission) && (self.resourceType == "*" || self.resourceType == resourceType)
    }

    /// v2 letters in order without repeats, or a v1 word.
    private static func permissions(_ letters: String) -> Set<Permission>? {
        switch letters {
        case "read": return [.read, .search]
        case "write": return [.create, .update, .delete]
        case "*": return Set(Permission.allCases)
        default: break
        }
        let parsed = letters.compactMap(Permission.init(rawValue:))
        guard !parsed.isEmpty, parsed.count == letters.count, parsed == parsed.sorted(), Set(parsed).count == parsed.count else { return nil }
        return Set(parsed)
    }
}

/// The scopes of one token or one client, as a space-separated `scope` string (RFC 6749 §3.3).
public struct SMARTScopes: Sendable, Equatable, CustomStringConvertible {
    public var scopes: [SMARTScope]

    public init(_ scopes: [SMARTScope]) { self.scopes = scopes }

    /// Throws `SMARTScopeProblem.unknown` naming the first word that is not a scope Hearth grants.
    public init(parsing text: String) throws {
        var scopes: [SMARTScope] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "," }) {
            guard let scope = SMARTScope(String(word)) else { throw SMARTScopeProblem.unknown(String(word)) }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        guard !scopes.isEmpty else { throw SMARTScopeProblem.empty }
        self.scopes = scopes
    }

    public var description: String { scopes.map(\.description).joined(separator: " ") }

    public func permits(_ permission: SMARTScope.Permission, on resourceType: String) -> Bool {
        scopes.contains { $0.permits(permission, on: resourceType) }
    }

    /// Whether every letter of every scope asked for is granted by one of these (a client asks within its registration).
    public func covers(_ asked: SMARTScopes) -> Bool {
        asked.scopes.allSatisfy { scope in
            scope.permissions.allSatisfy { letter in
                scopes.contains { $0.context == scope.context && $0.permissions.contains(letter)
                    && ($0.resourceType == "*" || $0.resourceType == scope.resourceType) }
            }
        }
    }
}

public enum SMARTScopeProblem: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case empty

    public var description: String {
        switch self {
        case .unknown(let word):
            "'\(word)' is not a scope Hearth grants: use SMART v2 resource scopes such as system/Patient.rs or system/*.rs (c create, r read, u update, d delete, s search, in that order)."
        case .empty:
            "No scope given: list the SMART v2 scopes, such as system/Patient.rs, separated by spaces."
        }
    }
}
