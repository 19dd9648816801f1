import Foundation
import Vapor

/// One entry of an incoming transaction or batch Bundle, checked before anything is written.
struct FHIRBundleEntry: Sendable {
    enum Method: String, Sendable { case post = "POST", put = "PUT" }

    var index: Int
    var fullUrl: String?
    var method: Method
    var url: String
    var ifNoneExist: String?
    /// A PUT's `request.ifMatch` (`W/"<version>"`): the entry applies only to that version (http.html#concurrency).
    var ifMatch: String?
    var resource: FHIRNode
    var resourceType: String

    var path: String { "Bundle.entry[\(index)]" }

    /// Writes before reads, referrers before what refers to them: a transaction processes POSTs, then PUTs, and
    /// within each, practitioners and organizations, then patients, then the rest (FHIR R4 http.html#trules).
    var processingRank: Int {
        let type = ["Practitioner": 0, "Organization": 0, "Patient": 1][resourceType] ?? 2
        return (method == .post ? 0 : 10) + type
    }

    init(_ node: FHIRNode, index: Int) throws {
        self.index = index
        try node.allowOnly(["fullUrl", "resource", "request"])
        fullUrl = try node.string("fullUrl")
        guard let request = try node.object("request") else { throw node.failure("Each entry needs a request (method and url).", at: "request") }
        try request.allowOnly(["method", "url", "ifNoneExist", "ifMatch"])
        guard let method = Method(rawValue: try request.string("method") ?? "") else {
            throw request.failure("Hearth accepts POST and PUT entries in a Bundle.", at: "method", code: "not-supported")
        }
        self.method = method
        guard let url = try request.string("url"), !url.isEmpty else { throw request.failure("Send the entry's url (Patient, Patient/<id> or Patient?identifier=…).", at: "url") }
        self.url = url
        ifNoneExist = try request.string("ifNoneExist")
        ifMatch = try request.string("ifMatch")
        guard let resource = try node.object("resource") else { throw node.failure("Each entry needs its resource.", at: "resource") }
        guard let type = try resource.string("resourceType") else { throw resource.failure("Send the resourceType.", at: "resourceType") }
        resourceType = type
        self.resource = FHIRNode(value: resource.value, path: type)
        let target = url.split(whereSeparator: { $0 == "/" || $0 == "?" }).first.map(String.init)
        guard target == type else { throw request.failure("The url must name the resource's type (\(type)).", at: "url") }
    }

    /// An entry's failure, its paths placed inside the Bundle.
    func placed(_ error: FHIRWriteError) -> FHIRWriteError {
        var copy = error
        copy.issues = error.issues.map { issue in
            var issue = issue
            issue.expression = (issue.expression ?? [resourceType]).map { expression in
                if expression == resourceType { return path + ".resource" }
                if expression.hasPrefix(resourceType + ".") { return path + ".resource" + expression.dropFirst(resourceType.count) }
                return path + ".request"
            }
            return issue
        }
        return copy
    }
}

/// What one entry did, as the response Bundle reports it.
struct FHIRBundleResult: Encodable, Sendable {
    struct Response: Encodable, Sendable { var status: String; var location: String?; var outcome: FHIROutcome? }
    var fullUrl: String?
    var resource: JSONValue?
    var response: Response

    /// Reads a written resource back from its HTTP answer; `response.location` is the Location below `base`. With
    /// `minimal` (the client sent `Prefer: return=minimal`, as `hearth fhir import` does) the resource is left out.
    init(_ answer: Vapor.Response, base: FHIRAddress, minimal: Bool = false) {
        let status = "\(answer.status.code) \(answer.status.reasonPhrase)"
        let location = answer.headers.first(name: .location).map { base.reference($0) ?? $0 }
        if answer.status.code < 300 {
            fullUrl = answer.headers.first(name: .location)
            resource = minimal ? nil : answer.body.data.flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
            response = Response(status: status, location: location)
        } else {
            let outcome = answer.body.data.flatMap { try? JSONDecoder().decode(FHIROutcome.self, from: $0) }
            response = Response(status: status, outcome: outcome)
        }
    }
}

/// The answer to a transaction or batch: one entry per request entry, in the same order.
struct FHIRBundleResponse: Encodable, Sendable {
    var resourceType = "Bundle"
    var type: String
    var entry: [FHIRBundleResult]
}
