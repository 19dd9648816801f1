import Foundation

extension StateCredentialRequirements {
    /// Parses `{"version": 1, "everywhere": {...}, "states": {"NJ": {...}}}`; see
    /// Resources/Scheduling/state-credential-requirements.json. A bad entry stops start-up with one line naming it.
    public init(json: Data) throws(CredentialRequirementsError) {
        let file: RequirementsFile
        do { file = try JSONDecoder().decode(RequirementsFile.self, from: json) } catch {
            throw .unreadable("not valid JSON, or a field of the wrong type")
        }
        let everywhere = try Self.rules(file.everywhere, place: "everywhere")
        var states: [String: [Role: Rule]] = [:]
        for (code, entry) in file.states ?? [:] {
            guard USState.codes.contains(code) else { throw .unknownState(code) }
            states[code] = try Self.rules(entry, place: code)
        }
        self.init(everywhere: everywhere, states: states)
    }

    public init(contentsOf url: URL) throws(CredentialRequirementsError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable("cannot read \(url.path)") }
        try self.init(json: data)
    }

    private static func rules(_ entry: RequirementsFile.Entry, place: String) throws(CredentialRequirementsError) -> [Role: Rule] {
        var rules: [Role: Rule] = [:]
        for (key, raw) in entry.requirements {
            guard let role = Role(key: key) else { throw .unknownRole(place: place, value: key) }
            var groups: [[CredentialType]] = []
            for names in raw.map(\.names) {
                var group: [CredentialType] = []
                for name in names {
                    guard let type = CredentialType(rawValue: name) else { throw .unknownCredential(place: place, value: name) }
                    group.append(type)
                }
                if !group.isEmpty { groups.append(group) }
            }
            rules[role] = Rule(groups: groups, source: entry.source, isSample: entry.sample ?? false)
        }
        return rules
    }
}

/// Why the credential requirements file was refused; each says where to fix it.
public enum CredentialRequirementsError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case unknownState(String)
    case unknownRole(place: String, value: String)
    case unknownCredential(place: String, value: String)

    public var description: String {
        let prefix = "State credential requirements:"
        return switch self {
        case .unreadable(let why): "\(prefix) the file is unreadable (\(why))."
        case .unknownState(let code): "\(prefix) '\(code)' is not a two-letter US state code; use one such as NJ."
        case .unknownRole(let place, let value):
            "\(prefix) \(place) names unknown role '\(value)'; use case_manager or one of "
                + StaffDiscipline.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case .unknownCredential(let place, let value):
            "\(prefix) \(place) names unknown credential '\(value)'; use one of "
                + CredentialType.allCases.map(\.rawValue).joined(separator: ", ") + "."
        }
    }
}

/// The JSON shape: a requirement is one credential name, or a list of names of which any one will do.
private struct RequirementsFile: Decodable {
    struct Requirement: Decodable {
        var names: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) { names = [one] } else { names = try container.decode([String].self) }
        }
    }

    struct Entry: Decodable {
        var source: String
        var sample: Bool?
        var requirements: [String: [Requirement]]
    }

    var version: Int
    var everywhere: Entry
    var states: [String: Entry]?
}
