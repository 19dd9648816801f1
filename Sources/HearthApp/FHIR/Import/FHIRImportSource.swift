import Foundation

/// What `hearth fhir import` reads: transaction, batch or collection Bundles (`.json`) and NDJSON files of resources
/// (`.ndjson`, as a bulk export or Synthea writes them), turned into transaction Bundles of at most
/// `FHIRController.maxBundleEntries` entries. Every entry keeps its place in its file, so a refusal names it.
struct FHIRImportSource: Sendable {
    /// One entry to write (resource and request), as read from its file; one import alone reads and changes it.
    struct Item: @unchecked Sendable {
        /// "Bundle.entry[3]" or "line 12".
        var place: String
        var entry: [String: Any]
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    var file: String
    /// Groups of items that go in one transaction each (a transaction Bundle stays whole when it fits).
    var chunks: [[Item]]
    var count: Int { chunks.reduce(0) { $0 + $1.count } }

    /// The files under `path` (a file, or a folder's `.json` and `.ndjson` files, by name).
    static func files(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw Failure(description: "\(path): no such file or folder.") }
        guard isFolder.boolValue else { return [path] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") }
            .sorted { (rank($0), $0) < (rank($1), $1) }
        guard !names.isEmpty else { throw Failure(description: "\(path): no .json or .ndjson files to import.") }
        return names.map { (path as NSString).appendingPathComponent($0) }
    }

    /// A bulk export's files by type (`Patient.ndjson`, `Patient.000.ndjson`): referrers, then patients, then what
    /// refers to them, so a reference always names a resource already loaded. Other files keep their name order.
    static func rank(_ name: String) -> Int {
        let type = name.prefix { $0.isLetter }
        return ["Organization": 0, "Practitioner": 0, "Patient": 1][String(type)] ?? 2
    }

    init(file: String) throws {
        self.file = file
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw Failure(description: "\(file): cannot be read.") }
        let items = file.hasSuffix(".ndjson") ? try Self.lines(data, file: file) : try Self.bundle(data, file: file)
        let size = FHIRController.maxBundleEntries
        chunks = stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    private static func bundle(_ data: Data, file: String) throws -> [Item] {
        guard let bundle = try? JSONSerialization.jsonObject(with: data) as? [String: Any], bundle["resourceType"] as? String == "Bundle" else {
            throw Failure(description: "\(file): not a FHIR Bundle (a JSON object with resourceType Bundle).")
        }
        let type = bundle["type"] as? String ?? ""
        guard ["transaction", "batch", "collection"].contains(type) else {
            throw Failure(description: "\(file): Bundle.type is \(type.isEmpty ? "missing" : type); import takes transaction, batch and collection Bundles.")
        }
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        return entries.enumerated().map { index, entry in
            var entry = entry
            if entry["request"] == nil, let resource = entry["resource"] as? [String: Any] { entry["request"] = request(for: resource) }
            return Item(place: "Bundle.entry[\(index)]", entry: entry)
        }
    }

    private static func lines(_ data: Data, file: String) throws -> [Item] {
        var items: [Item] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            guard let resource = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], resource["resourceType"] is String else {
                throw Failure(description: "\(file) line \(index + 1): not a FHIR resource as one JSON object.")
            }
            items.append(Item(place: "line \(index + 1)", entry: ["resource": resource, "request": request(for: resource)]))
        }
        return items
    }

    /// A collection's or an NDJSON file's resource is created: `POST <type>`; a Patient with an identifier only if no
    /// patient has it yet, so importing the same files again answers the patients on file instead of holding copies.
    private static func request(for resource: [String: Any]) -> [String: Any] {
        var request: [String: Any] = ["method": "POST", "url": resource["resourceType"] as? String ?? ""]
        if resource["resourceType"] as? String == "Patient", let identifier = (resource["identifier"] as? [[String: Any]])?.first,
           let system = identifier["system"] as? String, let value = identifier["value"] as? String {
            request["ifNoneExist"] = "identifier=" + [system, value].map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }.joined(separator: "|")
        }
        return request
    }
}
