import Foundation

/// Whether a resource matches a criterion, by R4's rules for each kind of parameter
/// (http://hl7.org/fhir/R4/search.html): any of the criterion's values, against any of the resource's values.
extension FHIRCriterion {
    func matches(_ resource: FHIRJSON, zone: TimeZone) -> Bool {
        let nodes = parameter.paths.flatMap { resource.values(at: $0) }
        switch parameter.kind {
        case .token where modifier == "text":
            return values.contains { value in nodes.flatMap(Self.texts).contains { Self.string($0, matches: value, modifier: nil) } }
        case .token:
            let found = values.contains { value in nodes.contains { Self.token($0, matches: value) } }
            return modifier == "not" ? !found : found
        case .string:
            return values.contains { value in nodes.flatMap(\.strings).contains { Self.string($0, matches: value, modifier: modifier) } }
        case .date:
            return values.contains { value in
                guard let (prefix, text) = FHIRDatePrefix.split(value), let search = FHIRDateRange(text, zone: zone) else { return false }
                return nodes.contains { FHIRDateRange($0, zone: zone)?.matches(prefix, search) ?? false }
            }
        case .reference:
            return values.contains { value in nodes.contains { Self.reference($0["reference"]?.string ?? $0.string, matches: value) } }
        case .uri:
            return values.contains { value in nodes.contains { $0.string == value } }
        }
    }

    /// `code`, `system|code`, `|code` (no system) or `system|` against a code, Coding, CodeableConcept or Identifier.
    static func token(_ node: FHIRJSON, matches value: String) -> Bool {
        let parts = value.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (system, code): (String??, String?) = parts.count == 2 ? (.some(parts[0].isEmpty ? nil : parts[0]), parts[1].isEmpty ? nil : parts[1]) : (nil, parts[0])
        return tokens(node).contains { token in
            (code == nil || token.code == code) && (system == nil || token.system == system!)
        }
    }

    private static func tokens(_ node: FHIRJSON) -> [(system: String?, code: String)] {
        switch node {
        case .string(let code): return [(nil, code)]
        case .bool(let flag): return [(nil, flag ? "true" : "false")]
        case .object:
            if case .array(let codings)? = node["coding"] { return codings.flatMap(tokens) }
            if let code = node["code"]?.string ?? node["value"]?.string { return [(node["system"]?.string, code)] }
            return []
        default: return []
        }
    }

    /// What `:text` searches (R4 search.html#modifiers): a CodeableConcept's text and its codings' display.
    private static func texts(_ node: FHIRJSON) -> [String] {
        var texts: [String] = node["text"]?.string.map { [$0] } ?? []
        if case .array(let codings)? = node["coding"] { texts += codings.compactMap { $0["display"]?.string } }
        return texts
    }

    /// R4 string search: starts with (case and accents ignored); `:exact` equal as written; `:contains` anywhere.
    static func string(_ text: String, matches value: String, modifier: String?) -> Bool {
        switch modifier {
        case "exact": return text == value
        case "contains": return fold(text).contains(fold(value))
        default: return fold(text).hasPrefix(fold(value))
        }
    }

    static func fold(_ text: String) -> String { text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }

    /// `id`, `Type/id` or an absolute URL ending in `Type/id`, against a reference.
    static func reference(_ reference: String?, matches value: String) -> Bool {
        guard let reference else { return false }
        let wanted = value.split(separator: "/").suffix(2).map(String.init)
        let held = reference.split(separator: "/").suffix(2).map(String.init)
        guard let id = wanted.last, held.last?.lowercased() == id.lowercased() else { return false }
        return wanted.count < 2 || held.first == wanted.first
    }
}

/// Sort keys for `_sort`: the first value of the parameter, dates by their start; resources without one go last.
enum FHIRSortKey: Comparable {
    case date(Date), text(String), missing

    init(_ resource: FHIRJSON, _ parameter: FHIRSearchParameter, zone: TimeZone) {
        guard let node = parameter.paths.lazy.flatMap({ resource.values(at: $0) }).first else { self = .missing; return }
        switch parameter.kind {
        case .date: self = FHIRDateRange(node, zone: zone).map { .date($0.low) } ?? .missing
        case .token:
            if case .object = node, case .array(let codings)? = node["coding"], let code = codings.first?["code"]?.string { self = .text(code) }
            else { self = (node.string ?? node["code"]?.string ?? node["value"]?.string ?? node.strings.first).map { .text($0) } ?? .missing }
        default: self = node.strings.first.map { .text(FHIRCriterion.fold($0)) } ?? .missing
        }
    }
}
