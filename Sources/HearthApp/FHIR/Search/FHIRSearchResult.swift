import Foundation
import Vapor

/// A resource as Hearth serves it: its JSON with `meta.versionId` and, where Hearth stores it, `meta.lastUpdated`.
struct FHIRServed: Sendable {
    var json: FHIRJSON

    init(_ resource: some Encodable, lastUpdated: Date? = nil) throws {
        json = try FHIRJSON(encoding: resource)
        var meta = json["meta"] ?? .object([:])
        if meta["lastUpdated"] == nil, let lastUpdated { meta["lastUpdated"] = .string(lastUpdated.fhirInstant) }
        meta["versionId"] = .string(json.versionID)
        json["meta"] = meta
    }

    var type: String { json["resourceType"]?.string ?? "" }
    var id: String { json["id"]?.string ?? "" }
    var versionID: String { json["meta"]?["versionId"]?.string ?? "" }
    var lastUpdated: Date? { json["meta"]?["lastUpdated"]?.string.flatMap { FHIRDateRange($0, zone: .gmt)?.low } }
}

extension FHIRSearchRequest {
    /// Filters, sorts and pages `resources` (all of the candidates, already chosen by the type's own query) and answers
    /// the searchset Bundle. `include` finds the resources an `_include`/`_revinclude` adds for the page.
    func answer(_ resources: [FHIRServed], req: Request,
                include: (_ key: String, _ reverse: Bool, _ page: [FHIRServed]) async throws -> [FHIRServed] = { _, _, _ in [] })
        async throws -> (response: Response, page: [FHIRServed], included: Int) {
        let matching = sorted(resources.filter { resource in matchedCriteria.allSatisfy { $0.matches(resource.json, zone: zone) } })
        let page = totalOnly ? [] : Array(matching.dropFirst(offset).prefix(count))
        var included: [FHIRServed] = []
        if !page.isEmpty {
            for key in includes { included += try await include(key, false, page) }
            for key in revIncludes { included += try await include(key, true, page) }
        }
        return (try bundle(page: page, included: included, total: matching.count, req: req), page, included.count)
    }

    /// The Bundle for one page of a search whose total Hearth counted.
    func bundle(page: [FHIRServed], included: [FHIRServed] = [], total: Int, req: Request) throws -> Response {
        let base = FHIRAddress(req)
        var links = [link("self", offset, base)]
        if !totalOnly {
            links.append(link("first", 0, base))
            if offset > 0 { links.append(link("previous", max(0, offset - count), base)) }
            if offset + count < total { links.append(link("next", offset + count, base)) }
        }
        var seen = Set(page.map { "\($0.type)/\($0.id)" })
        let extra = included.filter { seen.insert("\($0.type)/\($0.id)").inserted }
        let entries = page.map { entry($0, mode: "match", base) } + extra.map { entry($0, mode: "include", base) }
        var bundle: [String: FHIRJSON] = ["resourceType": .string("Bundle"), "type": .string("searchset"), "link": .array(links), "entry": .array(entries)]
        if withTotal { bundle["total"] = .number(Double(total)) }
        return try .fhir(FHIRJSON.object(bundle))
    }

    private func link(_ relation: String, _ offset: Int, _ base: FHIRAddress) -> FHIRJSON {
        let address = FHIRType(rawValue: type.type).map { base.url(.type($0), query: query(offset: offset)) } ?? base.url(.base)
        return .object(["relation": .string(relation), "url": .string(address)])
    }

    private func entry(_ resource: FHIRServed, mode: String, _ base: FHIRAddress) -> FHIRJSON {
        .object(["fullUrl": .string(base.resource(resource.type, resource.id)), "resource": trimmed(resource.json),
                 "search": .object(["mode": .string(mode)])])
    }

    /// `_elements`: the named top-level elements and what every resource must carry, marked SUBSETTED
    /// (http://hl7.org/fhir/R4/search.html#elements).
    private func trimmed(_ json: FHIRJSON) -> FHIRJSON {
        guard let elements, case .object(let fields) = json else { return json }
        let keep = Set(elements + ["resourceType", "id", "meta"])
        var trimmed = FHIRJSON.object(fields.filter { keep.contains($0.key) })
        var meta = trimmed["meta"] ?? .object([:])
        meta["tag"] = .array([.object(["system": .string("http://terminology.hl7.org/CodeSystem/v3-ObservationValue"), "code": .string("SUBSETTED")])])
        trimmed["meta"] = meta
        return trimmed
    }

    /// Ordered by `_sort` (values missing go last), ties as the type's query gave them (each query ends on the id, so
    /// pages never shift), else as the type's query gave them.
    private func sorted(_ resources: [FHIRServed]) -> [FHIRServed] {
        guard !sort.isEmpty else { return resources }
        let keyed = resources.enumerated().map { place, resource in (resource, sort.map { FHIRSortKey(resource.json, $0.parameter, zone: zone) }, place) }
        return keyed.sorted { a, b in
            for (index, key) in sort.enumerated() where a.1[index] != b.1[index] {
                if a.1[index] == .missing || b.1[index] == .missing { return b.1[index] == .missing }
                return key.descending ? a.1[index] > b.1[index] : a.1[index] < b.1[index]
            }
            return a.2 < b.2
        }.map(\.0)
    }
}
