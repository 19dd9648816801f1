import Foundation

/// Builds a resource's `FHIRJSON` straight from its `Encodable` form, leaving out what R4 JSON forbids — nulls and
/// empty arrays and objects (http://hl7.org/fhir/R4/json.html) — as it goes. Every FHIR type is served through this one
/// encoder, so none of them needs to remember the rule, and no body is encoded, parsed and encoded again (issue 19).
/// Values encode as `JSONEncoder`'s defaults would: dates as seconds since 2001, `Data` in base64, `URL`s as text.
enum FHIRTreeEncoder {
    static func tree(of value: some Encodable) throws -> FHIRJSON {
        let root = Node()
        try root.encode(value)
        return root.result ?? .object([:])
    }

    /// One value being built: a scalar, a list or an object, finished (and pruned) by `result`.
    final class Node {
        var scalar: FHIRJSON?
        var items: [Node]?
        var fields: [String: Node]?

        var result: FHIRJSON? {
            if let fields {
                let kept = fields.compactMapValues(\.result)
                return kept.isEmpty ? nil : .object(kept)
            }
            if let items {
                let kept = items.compactMap(\.result)
                return kept.isEmpty ? nil : .array(kept)
            }
            if case .null? = scalar { return nil }
            return scalar
        }

        func encode(_ value: some Encodable) throws {
            switch value {
            case let json as FHIRJSON: scalar = json.pruned
            case let decimal as Decimal: scalar = .number(NSDecimalNumber(decimal: decimal).doubleValue)
            case let date as Date: scalar = .number(date.timeIntervalSinceReferenceDate)
            case let data as Data: scalar = .string(data.base64EncodedString())
            case let url as URL: scalar = .string(url.absoluteString)
            default: try value.encode(to: TreeEncoder(node: self, codingPath: []))
            }
        }

        func child(_ key: String) -> Node {
            if fields == nil { fields = [:] }
            let node = Node()
            fields?[key] = node
            return node
        }

        func appended() -> Node {
            if items == nil { items = [] }
            let node = Node()
            items?.append(node)
            return node
        }
    }

    struct TreeEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.fields == nil { node.fields = [:] }
            return KeyedEncodingContainer(Keyed(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if node.items == nil { node.items = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).scalar = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws { node.child(key.stringValue).scalar = .bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { node.child(key.stringValue).scalar = .string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { node.child(key.stringValue).scalar = .number(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { node.child(key.stringValue).scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try node.child(key.stringValue).encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.child("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int { node.items?.count ?? 0 }

        mutating func encodeNil() throws { node.appended().scalar = .null }
        mutating func encode(_ value: Bool) throws { node.appended().scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.appended().scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.appended().scalar = .number(value) }
        mutating func encode(_ value: Int) throws { node.appended().scalar = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.appended().encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { TreeEncoder(node: node.appended(), codingPath: codingPath).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { TreeEncoder(node: node.appended(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.scalar = .null }
        mutating func encode(_ value: Bool) throws { node.scalar = .bool(value) }
        mutating func encode(_ value: String) throws { node.scalar = .string(value) }
        mutating func encode(_ value: Double) throws { node.scalar = .number(value) }
        mutating func encode(_ value: Int) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Float) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int8) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int16) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int32) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: Int64) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt8) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt16) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt32) throws { node.scalar = .number(Double(value)) }
        mutating func encode(_ value: UInt64) throws { node.scalar = .number(Double(value)) }
        // Other values (and the integer types above, from keyed and unkeyed containers) encode themselves through `Node`.
        mutating func encode<T: Encodable>(_ value: T) throws { try node.encode(value) }
    }
}

extension FHIRJSON {
    /// The JSON text, UTF-8: `resourceType`, `id` and `meta` first, then the rest by name (as `encode(to:)` orders them),
    /// leaving out nulls and empty arrays and objects of a hand-built value.
    var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        if isVoid { out += Array("{}".utf8) } else { write(into: &out) }
        return out
    }

    /// Nothing R4 JSON may carry: null, or an array or object of nothing but such.
    var isVoid: Bool {
        switch self {
        case .null: true
        case .array(let items): items.allSatisfy(\.isVoid)
        case .object(let fields): fields.values.allSatisfy(\.isVoid)
        default: false
        }
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let value):
            let text = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            out += Array(text.utf8)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items where !item.isVoid {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in fields.keys.sorted(by: Self.keyOrder) {
                guard let value = fields[key], !value.isVoid else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
