import Foundation

/// Every instrument Hearth offers, loaded once at start-up; any broken file stops start-up with its line.
public struct InstrumentCatalog: Sendable {
    /// In title order, for pick lists.
    public let instruments: [InstrumentDefinition]
    private let byID: [String: InstrumentDefinition]

    /// Builds the catalog from files the app has read (name for messages, data as JSON); refuses a reused id.
    public init(files: [(name: String, data: Data)]) throws(InstrumentDefinitionError) {
        var byID: [String: InstrumentDefinition] = [:]
        var sources: [String: String] = [:]
        for file in files {
            let definition = try InstrumentDefinition(json: file.data, source: file.name)
            if let other = sources[definition.id] {
                throw InstrumentDefinitionError(source: file.name, instrument: definition.id,
                                                problem: .duplicateInstrument(id: definition.id, otherSource: other))
            }
            byID[definition.id] = definition
            sources[definition.id] = file.name
        }
        self.byID = byID
        instruments = byID.values.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
    }

    /// Reads every `*.json` in a folder (the app passes `Resources/Instruments`).
    public init(directory: URL) throws(InstrumentDefinitionError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw InstrumentDefinitionError(source: directory.path, instrument: nil, problem: .unreadable("cannot list the folder"))
        }
        var files: [(name: String, data: Data)] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw InstrumentDefinitionError(source: name, instrument: nil, problem: .unreadable("cannot read the file"))
            }
            files.append((name, data))
        }
        try self.init(files: files)
    }

    public subscript(id: String) -> InstrumentDefinition? { byID[id] }

    /// The instruments an assessment of this kind starts with, in the kind's order; ids not in the catalog are skipped.
    public func defaults(for kind: AssessmentKind) -> [InstrumentDefinition] {
        kind.defaultInstrumentIDs.compactMap { byID[$0] }
    }
}
