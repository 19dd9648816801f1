import Foundation
import Vapor

/// Any JSON value, so an incoming resource can be walked element by element and every element Hearth does not keep
/// is named by its path instead of silently dropped.
enum JSONValue: Codable, Sendable, Equatable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// One FHIR issue: what is wrong, in words that never repeat the patient's data, and where (a FHIRPath expression).
struct FHIRIssue: Codable, Sendable {
    var severity = "error"
    var code: String
    var diagnostics: String
    var expression: [String]?
}

/// A refused write: the status to answer and the issues, each naming the element.
struct FHIRWriteError: Error, AbortError, Sendable {
    var status: HTTPResponseStatus
    var issues: [FHIRIssue]
    var denials: [Denial] = []
    var reason: String { issues.map { ($0.expression?.first.map { "\($0): " } ?? "") + $0.diagnostics }.joined(separator: " ") }

    init(_ status: HTTPResponseStatus = .unprocessableEntity, _ diagnostics: String, at path: String? = nil, code: String? = nil) {
        self.status = status
        issues = [FHIRIssue(code: code ?? FHIRIssueCode(status), diagnostics: diagnostics, expression: path.map { [$0] })]
    }

    init(status: HTTPResponseStatus, issues: [FHIRIssue]) {
        self.status = status
        self.issues = issues
    }

    /// The same issues, placed inside a Bundle entry (`Bundle.entry[2].resource.name[0]`).
    func inside(_ prefix: String, resourceType: String) -> FHIRWriteError {
        var copy = self
        copy.issues = issues.map { issue in
            var issue = issue
            issue.expression = (issue.expression ?? [resourceType]).map { path in
                path.hasPrefix(resourceType) ? prefix + path.dropFirst(resourceType.count) : prefix + "." + path
            }
            return issue
        }
        return copy
    }

    var outcome: FHIROutcome { FHIROutcome(issue: issues) }
    var response: Response { (try? Response.fhir(outcome, status: status)) ?? Response(status: status) }
}

/// An OperationOutcome whose issues carry expression paths.
struct FHIROutcome: Codable, Sendable {
    var resourceType = "OperationOutcome"
    var issue: [FHIRIssue]
}

/// One element of an incoming resource and its path, with typed accessors that refuse a wrong type by its path.
struct FHIRNode: Sendable {
    let value: JSONValue
    let path: String

    /// Reads a request body as one JSON object.
    static func body(_ req: Request, type: String) throws -> FHIRNode {
        guard let buffer = req.body.data else { throw FHIRWriteError(.badRequest, "Send a \(type) resource as JSON in the body.", code: "structure") }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: buffer) } catch {
            throw FHIRWriteError(.badRequest, "The body is not valid JSON.", code: "structure")
        }
        let node = FHIRNode(value: value, path: type)
        guard case .object = value else { throw FHIRWriteError(.badRequest, "Send one \(type) resource as a JSON object.", code: "structure") }
        return node
    }

    var fields: [String: JSONValue] { if case .object(let fields) = value { fields } else { [:] } }

    /// Refuses any element not in `keys`, naming the first one: Hearth never drops data silently.
    func allowOnly(_ keys: Set<String>, why: String = "Hearth does not keep this element") throws {
        if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
            throw FHIRWriteError(.unprocessableEntity, "\(why); remove it or send it another way.", at: "\(path).\(unknown)", code: "not-supported")
        }
    }

    func child(_ key: String) -> FHIRNode? {
        guard let value = fields[key], value != .null else { return nil }
        return FHIRNode(value: value, path: "\(path).\(key)")
    }

    func object(_ key: String) throws -> FHIRNode? {
        guard let node = child(key) else { return nil }
        guard case .object = node.value else { throw FHIRWriteError(.unprocessableEntity, "Must be an object.", at: node.path, code: "structure") }
        return node
    }

    func array(_ key: String) throws -> [FHIRNode] {
        guard let node = child(key) else { return [] }
        guard case .array(let items) = node.value else { throw FHIRWriteError(.unprocessableEntity, "Must be an array.", at: node.path, code: "structure") }
        return items.enumerated().map { FHIRNode(value: $0.element, path: "\(node.path)[\($0.offset)]") }
    }

    func string(_ key: String) throws -> String? {
        guard let node = child(key) else { return nil }
        guard case .string(let text) = node.value else { throw FHIRWriteError(.unprocessableEntity, "Must be a string.", at: node.path, code: "structure") }
        return text
    }

    func strings(_ key: String) throws -> [String] {
        try array(key).map { item in
            guard case .string(let text) = item.value else { throw FHIRWriteError(.unprocessableEntity, "Must be a string.", at: item.path, code: "structure") }
            return text
        }
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = child(key) else { return nil }
        guard case .bool(let flag) = node.value else { throw FHIRWriteError(.unprocessableEntity, "Must be true or false.", at: node.path, code: "structure") }
        return flag
    }

    /// The node's own string value (an item of an array of strings).
    var text: String? { if case .string(let text) = value { text } else { nil } }

    func failure(_ diagnostics: String, at key: String? = nil, status: HTTPResponseStatus = .unprocessableEntity, code: String = "invalid") -> FHIRWriteError {
        FHIRWriteError(status, diagnostics, at: key.map { "\(path).\($0)" } ?? path, code: code)
    }

    /// The JSON text of this element, to keep a partner's value exactly as sent.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// A FHIR coding or CodeableConcept as sent, tolerant of missing parts.
struct FHIRConcept: Codable, Sendable, Equatable {
    struct Coding: Codable, Sendable, Equatable { var system: String?; var code: String?; var display: String? }
    var coding: [Coding]?
    var text: String?

    init(coding: [Coding]? = nil, text: String? = nil) {
        self.coding = coding
        self.text = text
    }

    /// Parses a Coding element, refusing what a Coding cannot hold.
    static func coding(_ node: FHIRNode) throws -> Coding {
        try node.allowOnly(["system", "code", "display", "version", "userSelected"])
        return Coding(system: try node.string("system"), code: try node.string("code"), display: try node.string("display"))
    }

    /// Parses a CodeableConcept element.
    static func concept(_ node: FHIRNode) throws -> FHIRConcept {
        try node.allowOnly(["coding", "text"])
        let codings = try node.array("coding").map(coding)
        return FHIRConcept(coding: codings.isEmpty ? nil : codings, text: try node.string("text"))
    }
}
