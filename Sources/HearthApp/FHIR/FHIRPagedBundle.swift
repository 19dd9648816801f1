import Foundation
import Vapor

/// One page of an operation's or a history's results as a Bundle with `total` and absolute `self`/`first`/`previous`/
/// `next` links that repeat the request's own parameters (`_count`, `_offset` and what `kept` names).
struct FHIRPagedBundle {
    static let defaultCount = 50

    /// `searchset` or `history`.
    var type: String
    /// What is paged (`Patient/<id>/$everything`, `Patient/_history`).
    var address: FHIRURL
    /// The request's parameters the links repeat, in order.
    var kept: [(String, String)]
    var count: Int
    var offset: Int

    /// Reads `_count` (at most `FHIRController.maxCount`) and `_offset` from the request; `keep` names the parameters
    /// the links repeat.
    init(type: String, address: FHIRURL, req: Request, keep: [String]) throws {
        self.type = type
        self.address = address
        let pairs = FHIRSearchRequest.pairs(req.url.query)
        kept = pairs.filter { keep.contains($0.0) }
        count = Self.defaultCount
        offset = 0
        for (name, value) in pairs where name == "_count" || name == "_offset" {
            guard let number = Int(value), number >= 0 else { throw AppError.badRequest("\(name) must be a whole number, 0 or more.") }
            if name == "_count" { count = min(number, FHIRController.maxCount) } else { offset = min(number, Request.maxOffset) }
        }
    }

    /// The Bundle for `page` (this request's slice) of `total` results; `entry` builds each entry from the resource.
    func response(_ page: [FHIRServed], total: Int, req: Request, entry: ((FHIRServed, FHIRAddress) -> FHIRJSON)? = nil) throws -> Response {
        let base = FHIRAddress(req)
        var links = [link("self", offset, base), link("first", 0, base)]
        if offset > 0 { links.append(link("previous", max(0, offset - count), base)) }
        if count > 0, offset + count < total { links.append(link("next", offset + count, base)) }
        let entries = page.map { resource in
            entry?(resource, base) ?? .object([
                "fullUrl": .string(base.resource(resource.type, resource.id)), "resource": resource.json,
                "search": .object(["mode": .string("match")]),
            ])
        }
        return try .fhir(FHIRJSON.object([
            "resourceType": .string("Bundle"), "type": .string(type), "total": .number(Double(total)),
            "link": .array(links), "entry": .array(entries),
        ]))
    }

    /// The slice of `all` this page shows.
    func slice<T>(_ all: [T]) -> [T] { Array(all.dropFirst(offset).prefix(count)) }

    private func link(_ relation: String, _ offset: Int, _ base: FHIRAddress) -> FHIRJSON {
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) } + [URLQueryItem(name: "_count", value: String(count))]
            + (offset > 0 ? [URLQueryItem(name: "_offset", value: String(offset))] : [])
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return .object(["relation": .string(relation), "url": .string(base.url(address, query: query))])
    }
}
