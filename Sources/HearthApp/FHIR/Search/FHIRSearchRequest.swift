import Foundation
import Vapor

/// One search criterion as sent: `code:not=http://loinc.org|8867-4,8310-5` is parameter `code`, modifier `not`, two values
/// (either may match).
struct FHIRCriterion: Sendable {
    let parameter: FHIRSearchParameter
    let modifier: String?
    let values: [String]
    /// As sent, for the self link.
    let raw: (name: String, value: String)
}

/// A search request read against its type's table: the criteria Hearth answers, the result parameters, and what it
/// left out. Unknown parameters are dropped from the self link; with `Prefer: handling=strict` they are a 400.
struct FHIRSearchRequest: Sendable {
    static let defaultCount = 20

    let type: FHIRSearchableType
    private(set) var criteria: [FHIRCriterion] = []
    /// `_sort` keys in order; `descending` for "-key".
    private(set) var sort: [(parameter: FHIRSearchParameter, descending: Bool)] = []
    private(set) var count = defaultCount
    private(set) var offset = 0
    /// `_count=0` or `_summary=count`: the total only.
    private(set) var totalOnly = false
    private(set) var withTotal = true
    private(set) var elements: [String]? = nil
    private(set) var includes: [String] = []
    private(set) var revIncludes: [String] = []
    /// The pairs the self link repeats (recognised criteria and result parameters), in the order sent.
    private(set) var kept: [(String, String)] = []
    let zone: TimeZone

    init(_ type: FHIRSearchableType, query: String?, strict: Bool, zone: TimeZone) throws {
        self.type = type
        self.zone = zone
        for (name, value) in Self.pairs(query) {
            do { try read(name, value) } catch let refusal as FHIRSearchRefusal {
                // A parameter Hearth does not know is left out unless the client asked for strict handling; a known one
                // with a value it cannot answer is always refused, never answered with the whole list.
                if strict || !refusal.unknown { throw AppError.badRequest(refusal.message) }
            }
        }
        if !kept.contains(where: { $0.0 == "_count" }) { kept.append(("_count", String(count))) }
    }

    init(_ type: String, _ req: Request) throws {
        guard let searchable = FHIRSearchTable.type(type) else { throw AppError.notFound() }
        let strict = req.headers[canonicalForm: "Prefer"].contains { $0.lowercased().replacingOccurrences(of: " ", with: "") == "handling=strict" }
        try self.init(searchable, query: req.url.query, strict: strict, zone: req.application.settings.agencyTimeZone)
    }

    /// The query's name/value pairs, percent- and plus-decoded.
    static func pairs(_ query: String?) -> [(String, String)] {
        (query ?? "").split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? parts[1] : "")
        }
    }

    /// The criterion named `name`, when sent.
    func criterion(_ name: String) -> FHIRCriterion? { criteria.first { $0.parameter.name == name } }

    /// The criteria resources are matched on (the rest the type's own query answered).
    var matchedCriteria: [FHIRCriterion] { criteria.filter { !$0.parameter.paths.isEmpty } }

    private mutating func read(_ name: String, _ value: String) throws {
        if let result = FHIRResultParameter(rawValue: name) { return try readResult(result, value) }
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard let parameter = type.parameter(parts[0]) else {
            throw FHIRSearchRefusal(unknown: true, message: "\(type.type) has no search parameter \(Self.quoted(parts[0])); GET /fhir/metadata lists them.")
        }
        let modifier = parts.count > 1 ? parts[1] : nil
        if let modifier, !parameter.modifiers.contains(modifier) {
            throw FHIRSearchRefusal(unknown: true, message: "\(parameter.name) does not take the modifier :\(Self.quoted(modifier)).")
        }
        guard !value.isEmpty else { throw FHIRSearchRefusal(unknown: false, message: "\(parameter.name) needs a value.") }
        let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if parameter.kind == .date {
            for each in values {
                guard let (_, date) = FHIRDatePrefix.split(each), FHIRDateRange(date, zone: zone) != nil else {
                    throw FHIRSearchRefusal(unknown: false, message: "\(parameter.name) must be a date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime), optionally after eq, ne, lt, gt, le, ge, sa or eb.")
                }
            }
        }
        criteria.append(FHIRCriterion(parameter: parameter, modifier: modifier, values: values, raw: (name, value)))
        kept.append((name, value))
    }

    private mutating func readResult(_ parameter: FHIRResultParameter, _ value: String) throws {
        switch parameter {
        case .count:
            guard let number = Int(value), number >= 0 else { throw FHIRSearchRefusal(unknown: false, message: "_count must be a whole number, 0 or more.") }
            count = min(number, FHIRController.maxCount)
            totalOnly = totalOnly || count == 0
            kept.append(("_count", String(count)))
        case .offset:
            guard let number = Int(value), number >= 0 else { throw FHIRSearchRefusal(unknown: false, message: "_offset must be a whole number, 0 or more.") }
            offset = min(number, Request.maxOffset)
        case .sort:
            for key in value.split(separator: ",").map(String.init) {
                let descending = key.hasPrefix("-")
                let name = descending ? String(key.dropFirst()) : key
                guard let parameter = type.parameter(name), parameter.sortable || name == "_id" || name == "_lastUpdated" else {
                    let allowed = type.allParameters.filter { $0.sortable }.map(\.name).joined(separator: ", ")
                    throw FHIRSearchRefusal(unknown: true, message: "\(type.type) cannot be sorted by \(Self.quoted(name)); sort by \(allowed).")
                }
                sort.append((parameter, descending))
            }
            if !sort.isEmpty { kept.append(("_sort", value)) }
        case .summary:
            guard value == "count" || value == "false" else {
                throw FHIRSearchRefusal(unknown: false, message: "_summary may be count or false.")
            }
            totalOnly = totalOnly || value == "count"
            kept.append(("_summary", value))
        case .total:
            guard ["none", "estimate", "accurate"].contains(value) else { throw FHIRSearchRefusal(unknown: false, message: "_total may be none, estimate or accurate.") }
            withTotal = value != "none"
            kept.append(("_total", value))
        case .elements:
            elements = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            kept.append(("_elements", value))
        case .include, .revInclude:
            try readInclude(parameter, value)
        case .format, .pretty:
            break
        }
    }

    private mutating func readInclude(_ parameter: FHIRResultParameter, _ value: String) throws {
        // "Observation:encounter" or with its target type, "Observation:encounter:Encounter".
        let key = value.split(separator: ":").prefix(2).joined(separator: ":")
        let offered = parameter == .include ? type.includes : type.revIncludes
        guard offered.contains(key) else {
            let list = offered.isEmpty ? "none" : offered.joined(separator: ", ")
            throw FHIRSearchRefusal(unknown: true, message: "\(parameter.rawValue) \(Self.quoted(value)) is not offered on \(type.type) (offered: \(list)).")
        }
        if parameter == .include { includes.append(key) } else { revIncludes.append(key) }
        kept.append((parameter.rawValue, value))
    }

    /// A name from the request, shortened and stripped to what an error may safely repeat.
    private static func quoted(_ text: String) -> String {
        "'" + String(text.prefix(40).filter { $0.isLetter || $0.isNumber || "-_.:".contains($0) }) + "'"
    }

    /// The query string of this search at `offset` (paging links repeat it).
    func query(offset: Int) -> String {
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) } + (offset > 0 ? [URLQueryItem(name: "_offset", value: String(offset))] : [])
        // "+" would read back as a space, and ":" in a timezone is kept as sent.
        return components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
    }
}

/// Why a parameter cannot be answered; `unknown` when Hearth does not know it (ignored unless handling is strict).
struct FHIRSearchRefusal: Error {
    let unknown: Bool
    let message: String
}
