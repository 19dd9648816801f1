import Foundation
import Vapor

/// Loads what `FHIRImportSource` read through the same transaction handler as `POST /fhir` (access policy, checks,
/// audit in the same transaction), acting as one user. References between files (`Patient/<id in the file>`, or a
/// `urn:uuid:` of an earlier file) are rewritten to what Hearth assigned. A refused entry stops the import; with
/// `skipBad` a refused transaction is sent once more with each bad entry refused on its own (behind a savepoint) and
/// the good ones written in that one pass.
struct FHIRImporter {
    /// One entry Hearth did not take: where it is and why (the element's path and the reason Hearth gives).
    struct Refusal: Sendable, CustomStringConvertible {
        var file: String
        var place: String
        var path: String
        var reason: String
        var description: String { "\(file) \(place) \(path): \(reason)" }
    }

    struct Tally: Sendable {
        var created = 0, alreadyKept = 0, queued = 0, refused = 0
        var loaded: Int { created + alreadyKept + queued }
        mutating func add(_ other: Tally) {
            created += other.created; alreadyKept += other.alreadyKept; queued += other.queued; refused += other.refused
        }
    }

    let app: Application
    let user: CurrentUser
    let skipBad: Bool
    /// A file's reference (`Patient/abc`, `urn:uuid:…`) → the resource Hearth made of it (`Patient/<id>`).
    private(set) var assigned: [String: String] = [:]

    init(app: Application, user: CurrentUser, skipBad: Bool) {
        self.app = app
        self.user = user
        self.skipBad = skipBad
    }

    /// Loads one file's transactions; `progress` hears how many of its entries are done. Stops at the first refusal
    /// unless `skipBad` (the refusals are answered either way).
    mutating func load(_ source: FHIRImportSource, progress: (Int) -> Void) async throws -> (Tally, [Refusal]) {
        var tally = Tally()
        var refusals: [Refusal] = []
        var done = 0
        for chunk in source.chunks {
            var pending = chunk
            var skipping = false
            while !pending.isEmpty {
                let (answer, sent) = try await send(pending, skippingBad: skipping)
                if let entries = answer["entry"] as? [[String: Any]], answer["resourceType"] as? String == "Bundle" {
                    refusals += record(entries, of: sent, file: source.file, into: &tally)
                    break
                }
                let refusal = Self.refusal(answer, in: sent, file: source.file)
                guard skipBad, let index = refusal.index else {
                    refusals.append(refusal.refusal)
                    tally.refused += refusal.index == nil ? pending.count : 1
                    return (tally, refusals)
                }
                // Once more, each bad entry refused on its own; the refusal is reported from that answer.
                if !skipping { skipping = true; continue }
                // A transaction that cannot skip entries (a referral, all or nothing) is sent again without this one.
                refusals.append(refusal.refusal)
                tally.refused += 1
                pending.remove(at: index)
            }
            done += chunk.count
            progress(done)
        }
        return (tally, refusals)
    }

    /// One transaction: the entries with their references rewritten, sent through the FHIR handler.
    private func send(_ items: [FHIRImportSource.Item], skippingBad: Bool) async throws -> ([String: Any], [FHIRImportSource.Item]) {
        var local: [String: String] = [:]
        var sent = items
        for index in sent.indices {
            var entry = sent[index].entry
            guard let resource = entry["resource"] as? [String: Any], let type = resource["resourceType"] as? String else { continue }
            // Entries refer to each other by `urn:uuid:` fullUrls, which the handler resolves within the transaction.
            let fullUrl = entry["fullUrl"] as? String
            let urn = fullUrl.flatMap { $0.hasPrefix("urn:uuid:") ? $0 : nil } ?? "urn:uuid:" + UUID().uuidString.lowercased()
            if let fullUrl, fullUrl != urn { local[fullUrl] = urn }
            if let id = resource["id"] as? String { local["\(type)/\(id)"] = urn }
            if fullUrl != nil || resource["id"] != nil { entry["fullUrl"] = urn }
            sent[index].entry = entry
        }
        // The handler reads the Bundle as parsed here; a referral (a Task) is kept in the intake inbox as sent, so it goes as a body.
        let referral = sent.contains { ($0.entry["resource"] as? [String: Any])?["resourceType"] as? String == "Task" }
        var body: Data?, bundle: FHIRNode?
        if referral {
            let entries = sent.map { item in Self.rewritten(item.entry, local: local, assigned: assigned) }
            body = try JSONSerialization.data(withJSONObject: ["resourceType": "Bundle", "type": "transaction", "entry": entries])
        } else {
            let entries = sent.map { item in Self.read(item.entry, local: local, assigned: assigned) }
            bundle = FHIRNode(value: .object(["resourceType": .string("Bundle"), "type": .string("transaction"), "entry": .array(entries)]), path: "Bundle")
        }
        var headers = HTTPHeaders()
        headers.contentType = .fhirJSON
        headers.replaceOrAdd(name: .host, value: "localhost")
        headers.replaceOrAdd(name: "Prefer", value: "return=minimal") // the import reads each entry's status and Location only
        let request = Request(application: app, method: .POST, url: URI(path: SiteURL.fhir(.base).path), headers: headers,
                              collectedBody: body.map { ByteBuffer(bytes: $0) }, logger: app.logger, on: app.eventLoopGroup.next())
        request.auth.login(user)
        let response = try await FHIRController().bundle(request, read: bundle, skippingBad: skippingBad)
        let answer = response.body.data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        return (answer, sent)
    }

    /// Counts what each entry became and remembers where its resource now lives; answers the entries refused on their own.
    private mutating func record(_ results: [[String: Any]], of sent: [FHIRImportSource.Item], file: String, into tally: inout Tally) -> [Refusal] {
        var refusals: [Refusal] = []
        for (item, result) in zip(sent, results) {
            let response = result["response"] as? [String: Any] ?? [:]
            let status = (response["status"] as? String ?? "").prefix(3)
            switch status {
            case "201": tally.created += 1
            case "202": tally.queued += 1
            case let code where code.first == "4" || code.first == "5":
                tally.refused += 1
                refusals.append(Self.refusal(response["outcome"] as? [String: Any] ?? [:], in: sent, file: file).refusal)
                continue
            default: tally.alreadyKept += 1
            }
            guard let location = response["location"] as? String else { continue }
            let reference = location.split(separator: "/").prefix(2).joined(separator: "/")
            if let fullUrl = item.entry["fullUrl"] as? String { assigned[fullUrl] = reference }
            if let resource = item.entry["resource"] as? [String: Any], let type = resource["resourceType"] as? String, let id = resource["id"] as? String {
                assigned["\(type)/\(id)"] = reference
            }
        }
        return refusals
    }

    /// The refusal an OperationOutcome names, and the index of the entry it names (nil: the whole transaction).
    private static func refusal(_ outcome: [String: Any], in sent: [FHIRImportSource.Item], file: String) -> (refusal: Refusal, index: Int?) {
        let issue = (outcome["issue"] as? [[String: Any]])?.first ?? [:]
        let reason = issue["diagnostics"] as? String ?? "refused without a reason (status unknown)"
        let expression = (issue["expression"] as? [String])?.first ?? "Bundle"
        guard let open = expression.range(of: "Bundle.entry["), let close = expression[open.upperBound...].firstIndex(of: "]"),
              let index = Int(expression[open.upperBound..<close]), sent.indices.contains(index) else {
            return (Refusal(file: file, place: "(the whole transaction)", path: expression, reason: reason), nil)
        }
        let type = (sent[index].entry["resource"] as? [String: Any])?["resourceType"] as? String ?? "Bundle"
        let rest = expression[expression.index(after: close)...]
        let path = rest.hasPrefix(".resource") ? type + rest.dropFirst(".resource".count) : "Bundle.entry" + rest
        return (Refusal(file: file, place: sent[index].place, path: path, reason: reason), index)
    }

    /// Every `reference` that names an entry of this transaction (`Patient/<file id>`) or one loaded before, rewritten.
    private static func rewritten(_ value: Any, local: [String: String], assigned: [String: String]) -> Any {
        if var object = value as? [String: Any] {
            for (key, child) in object {
                if key == "reference", let text = child as? String {
                    object[key] = local[text] ?? assigned[text] ?? text
                } else {
                    object[key] = rewritten(child, local: local, assigned: assigned)
                }
            }
            return object
        }
        if let array = value as? [Any] { return array.map { rewritten($0, local: local, assigned: assigned) } }
        return value
    }

    /// The entry as the FHIR handler reads it (what `JSONSerialization` parsed, as `JSONValue`), its references
    /// rewritten as `rewritten` does: what the handler would read from that body, without writing it out and reading it again.
    private static func read(_ value: Any, local: [String: String], assigned: [String: String]) -> JSONValue {
        switch value {
        case let object as [String: Any]:
            var fields: [String: JSONValue] = [:]
            fields.reserveCapacity(object.count)
            for (key, child) in object {
                if key == "reference", let text = child as? String {
                    fields[key] = .string(local[text] ?? assigned[text] ?? text)
                } else {
                    fields[key] = read(child, local: local, assigned: assigned)
                }
            }
            return .object(fields)
        case let array as [Any]: return .array(array.map { read($0, local: local, assigned: assigned) })
        case let text as String: return .string(text)
        // `true` and `1` both cast to Bool and to Double; JSONSerialization's booleans are of their own class.
        case let number as NSNumber: return type(of: number) == booleanClass ? .bool(number.boolValue) : .number(number.doubleValue)
        default: return .null
        }
    }

    private static let booleanClass = type(of: NSNumber(value: true))
}
