import Foundation

/// Every instrument Hearth offers, loaded once at start-up; any broken file stops start-up with its line.
///
/// An instrument keeps every version it has had. The newest is the one new assessments use; an assessment signed on an
/// older version is shown, scored and amended with the wording it was signed on. `Resources/Instruments/*.json` hold
/// the versions in use and `Resources/Instruments/history/*.json` the ones they replaced: to change an instrument,
/// copy its file into `history/` and raise the version in the file you change.
public struct InstrumentCatalog: Sendable {
    /// The newest version of each instrument, in title order, for pick lists.
    public let instruments: [InstrumentDefinition]
    private let byID: [String: InstrumentDefinition]
    /// Every version of each instrument, oldest first.
    private let history: [String: [InstrumentDefinition]]
    /// SHA-256 of each file's JSON with its keys sorted, by "id version".
    private let fingerprints: [String: String]

    /// Builds the catalog from files the app has read (name for messages, data as JSON); refuses an id and version
    /// defined twice.
    public init(files: [(name: String, data: Data)]) throws(InstrumentDefinitionError) {
        var history: [String: [InstrumentDefinition]] = [:]
        var sources: [String: String] = [:]
        var fingerprints: [String: String] = [:]
        for file in files {
            let definition = try InstrumentDefinition(json: file.data, source: file.name)
            let key = definition.id + " " + definition.version
            if let other = sources[key] {
                throw InstrumentDefinitionError(source: file.name, instrument: definition.id,
                                                problem: .duplicateVersion(id: definition.id, version: definition.version, otherSource: other))
            }
            sources[key] = file.name
            fingerprints[key] = Self.fingerprint(of: file.data)
            history[definition.id, default: []].append(definition)
        }
        self.fingerprints = fingerprints
        // The validator has parsed every version, so the force-unwrap only sorts numbers it has already read.
        self.history = history.mapValues { $0.sorted { InstrumentVersion($0.version)! < InstrumentVersion($1.version)! } }
        byID = self.history.compactMapValues(\.last)
        instruments = byID.values.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
    }

    /// Reads every `*.json` in a folder and in its `history` subfolder (the app passes `Resources/Instruments`).
    public init(directory: URL) throws(InstrumentDefinitionError) {
        var files: [(name: String, data: Data)] = []
        for (folder, prefix) in [(directory, ""), (directory.appendingPathComponent("history"), "history/")] {
            guard prefix.isEmpty || FileManager.default.fileExists(atPath: folder.path) else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            } catch {
                throw InstrumentDefinitionError(source: folder.path, instrument: nil, problem: .unreadable("cannot list the folder"))
            }
            for name in names {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                    throw InstrumentDefinitionError(source: prefix + name, instrument: nil, problem: .unreadable("cannot read the file"))
                }
                files.append((prefix + name, data))
            }
        }
        try self.init(files: files)
    }

    /// The version of an instrument that new assessments use.
    public subscript(id: String) -> InstrumentDefinition? { byID[id] }

    /// One version of an instrument, as an assessment recorded it.
    public subscript(id: String, version version: String) -> InstrumentDefinition? {
        history[id]?.first { $0.version == version }
    }

    /// Whether this is the version new assessments use (false for a retired one).
    public func isCurrent(_ definition: InstrumentDefinition) -> Bool { byID[definition.id]?.version == definition.version }

    /// Every installed version of an instrument, oldest first.
    public func versions(of id: String) -> [InstrumentDefinition] { history[id] ?? [] }

    /// Every version of every instrument, for recording what is installed.
    public var allVersions: [InstrumentDefinition] { history.keys.sorted().flatMap { history[$0] ?? [] } }

    /// What a version's file said, as a SHA-256 of its JSON with keys sorted: spacing and key order do not change it,
    /// any change to wording, options or scoring does; `InstrumentDefinition.unfingerprintedKeys` (headline, role) do not. A version already in use must keep its fingerprint.
    public func fingerprint(of definition: InstrumentDefinition) -> String {
        fingerprints[definition.id + " " + definition.version] ?? ""
    }

    static func fingerprint(of data: Data) -> String {
        // The file has already decoded as an instrument, so it is a JSON object.
        var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        for key in InstrumentDefinition.unfingerprintedKeys { object?.removeValue(forKey: key) }
        let canonical = object.flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) } ?? data
        return SignatureManifest.sha256(canonical)
    }

    /// The instruments an assessment of this kind starts with, in the kind's order; ids not in the catalog are skipped.
    public func defaults(for kind: AssessmentKind) -> [InstrumentDefinition] {
        kind.defaultInstrumentIDs.compactMap { byID[$0] }
    }
}

/// An instrument's version number: numbers separated by dots, compared number by number (1.9 < 1.10 < 2.0). Leading
/// zeros are refused, so that two spellings ("1.0", "1.00") can never name one version.
public struct InstrumentVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let parts: [Int]

    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        var parts: [Int] = []
        for piece in pieces {
            guard (1...9).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isNumber }), piece == "0" || piece.first != "0",
                  let number = Int(piece) else { return nil }
            parts.append(number)
        }
        self.parts = parts
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }

    public var description: String { parts.map(String.init).joined(separator: ".") }
}
