import Crypto
import Foundation
import HearthCore

/// A FHIR resource as JSON, so one search engine can filter, sort, trim (`_elements`) and prune every resource type.
indirect enum FHIRJSON: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FHIRJSON])
    case object([String: FHIRJSON])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [FHIRJSON] = []
            while !list.isAtEnd { items.append(try list.decode(FHIRJSON.self)) }
            self = .array(items)
        } else if let keyed = try? decoder.container(keyedBy: Key.self) {
            var fields: [String: FHIRJSON] = [:]
            for key in keyed.allKeys { fields[key.stringValue] = try keyed.decode(FHIRJSON.self, forKey: key) }
            self = .object(fields)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let value = try? single.decode(Bool.self) { self = .bool(value) }
            else if let value = try? single.decode(Double.self) { self = .number(value) }
            else { self = .string(try single.decode(String.self)) }
        }
    }

    /// Objects write `resourceType`, `id` and `meta` first, then the rest by name, so output is stable.
    func encode(to encoder: any Encoder) throws {
        switch self {
        case .null: var single = encoder.singleValueContainer(); try single.encodeNil()
        case .bool(let value): var single = encoder.singleValueContainer(); try single.encode(value)
        case .number(let value):
            var single = encoder.singleValueContainer()
            if value.rounded() == value, abs(value) < 1e15 { try single.encode(Int64(value)) } else { try single.encode(value) }
        case .string(let value): var single = encoder.singleValueContainer(); try single.encode(value)
        case .array(let items): var list = encoder.unkeyedContainer(); for item in items { try list.encode(item) }
        case .object(let fields):
            var keyed = encoder.container(keyedBy: Key.self)
            for key in fields.keys.sorted(by: Self.keyOrder) { try keyed.encode(fields[key], forKey: Key(key)) }
        }
    }

    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let first = ["resourceType", "id", "meta"]
        switch (first.firstIndex(of: a), first.firstIndex(of: b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Any Encodable value as JSON, without nulls and empty arrays and objects (`FHIRTreeEncoder`).
    init(encoding value: some Encodable) throws {
        self = try FHIRTreeEncoder.tree(of: value)
    }

    subscript(key: String) -> FHIRJSON? {
        get { if case .object(let fields) = self { fields[key] } else { nil } }
        set {
            guard case .object(var fields) = self else { return }
            fields[key] = newValue
            self = .object(fields)
        }
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }

    /// R4 JSON forbids empty arrays and objects and nulls (http://hl7.org/fhir/R4/json.html): they are left out.
    var pruned: FHIRJSON? {
        switch self {
        case .null: return nil
        case .array(let items):
            let kept = items.compactMap(\.pruned)
            return kept.isEmpty ? nil : .array(kept)
        case .object(let fields):
            let kept = fields.compactMapValues(\.pruned)
            return kept.isEmpty ? nil : .object(kept)
        default: return self
        }
    }

    /// The values at a dotted path ("code.coding", "period.start"), arrays flattened on the way.
    func values(at path: String) -> [FHIRJSON] {
        var current: [FHIRJSON] = [self]
        for part in path.split(separator: ".") {
            current = current.flatMap { node -> [FHIRJSON] in
                guard let child = node[String(part)] else { return [] }
                if case .array(let items) = child { return items }
                return [child]
            }
        }
        return current
    }

    /// Every string inside this value (a HumanName's family and given names, an address's lines and city).
    var strings: [String] {
        switch self {
        case .string(let value): [value]
        case .array(let items): items.flatMap(\.strings)
        case .object(let fields): fields.values.flatMap(\.strings)
        default: []
        }
    }

    /// The version Hearth serves a resource at: a digest of its content without `meta`, so it changes whenever the
    /// content does and never otherwise, on every database and every instance.
    var versionID: String {
        var content = self
        content["meta"] = nil
        return SHA256.hash(data: content.jsonBytes).prefix(8).hexString
    }
}
