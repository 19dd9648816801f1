import Foundation

/// The drugs Hearth knows by name, loaded once at start-up from `Resources/Medications`: generic and brand names,
/// therapeutic classes and high-alert categories. Any broken file stops start-up with its name and the fault.
/// A drug not in the catalog can still be recorded; it just gets no brand matching, class or high-alert flag.
public struct MedicationCatalog: Sendable {
    /// Every drug, in file order (files sorted by name), so a clash is reported against the earlier file.
    public let drugs: [DrugEntry]
    /// Every class, by name.
    public let classes: [DrugClass]
    /// How allergy lists name drug allergies, and the classes each covers (`allergens.json`).
    public let allergens: [AllergenGroup]
    private let byKey: [String: Int]
    /// Keys that are a drug's own generic name (not a brand or alias).
    private let genericKeys: Set<String>
    private let classByName: [String: DrugClass]

    /// Builds the catalog from files the app has read (name for messages, data as JSON).
    public init(files: [(name: String, data: Data)]) throws(MedicationCatalogError) {
        var classes: [String: (DrugClass, String)] = [:]
        var drugs: [(DrugEntry, String)] = []
        var drugSources: [String: String] = [:]
        var allergens: [(AllergenGroup, String)] = []
        for file in files {
            let decoded = try Self.decode(file)
            allergens += decoded.allergens.map { ($0, file.name) }
            for drugClass in decoded.classes {
                guard !drugClass.name.trimmed.isEmpty else { throw .init(source: file.name, drug: nil, problem: .missingText("class name")) }
                if let other = classes[drugClass.name.lowercased()] {
                    throw .init(source: file.name, drug: nil, problem: .duplicateClass(drugClass.name, otherSource: other.1))
                }
                classes[drugClass.name.lowercased()] = (drugClass, file.name)
            }
            for drug in decoded.drugs {
                guard !drug.ingredient.trimmed.isEmpty else { throw .init(source: file.name, drug: nil, problem: .missingText("ingredient")) }
                guard !drug.classes.isEmpty else { throw .init(source: file.name, drug: drug.ingredient, problem: .noClass) }
                if let other = drugSources[drug.ingredient.lowercased()] {
                    throw .init(source: file.name, drug: drug.ingredient, problem: .duplicateDrug(drug.ingredient, otherSource: other))
                }
                drugSources[drug.ingredient.lowercased()] = file.name
                drugs.append((drug, file.name))
            }
        }
        for (drug, source) in drugs {
            if let unknown = drug.classes.first(where: { classes[$0.lowercased()] == nil }) {
                throw .init(source: source, drug: drug.ingredient, problem: .unknownClass(unknown))
            }
        }
        for (group, source) in allergens {
            let named = group.classes + group.crossSensitivity.flatMap(\.classes)
            if let unknown = named.first(where: { classes[$0.lowercased()] == nil }) {
                throw .init(source: source, drug: group.name, problem: .unknownClass(unknown))
            }
            if group.classes.isEmpty { throw .init(source: source, drug: group.name, problem: .noClass) }
        }
        self.allergens = allergens.map(\.0)
        self.drugs = drugs.map(\.0)
        self.classes = classes.values.map(\.0).sorted { $0.name.lowercased() < $1.name.lowercased() }
        classByName = Dictionary(uniqueKeysWithValues: classes.map { ($0.key, $0.value.0) })
        (byKey, genericKeys) = try Self.index(drugs)
    }

    /// Reads every `*.json` in a folder (the app passes `Resources/Medications`).
    public init(directory: URL) throws(MedicationCatalogError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw MedicationCatalogError(source: directory.path, drug: nil, problem: .unreadable("cannot list the folder"))
        }
        var files: [(name: String, data: Data)] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw MedicationCatalogError(source: name, drug: nil, problem: .unreadable("cannot read the file"))
            }
            files.append((name, data))
        }
        try self.init(files: files)
    }

    /// The drug a typed name refers to: its generic name, a brand or an alias, in any case, with strength, dosage form,
    /// release words ("ER", "XL") and salts ("tartrate", "HCl") set aside: "Metoprolol Tartrate 25 mg tab", "TOPROL-XL",
    /// "furosemide (LASIX) 40 MG tablet". Nil when the catalog does not know it.
    public func entry(forName name: String) -> DrugEntry? {
        match(DrugName(name)).map { drugs[$0.index] }
    }

    /// The high-alert category of a typed name, or nil (also when the drug is not in the catalog).
    public func isHighAlert(_ name: String) -> HighAlertCategory? { entry(forName: name)?.highAlert }

    /// The classes of a typed name, most specific first; empty when the drug is not in the catalog.
    public func classes(of name: String) -> [String] { entry(forName: name)?.classes ?? [] }

    /// A class by name, in any case.
    public func drugClass(named name: String) -> DrugClass? { classByName[name.lowercased()] }

    /// The classes of a drug where a second, different drug of the same class is flagged.
    public func duplicateTherapyClasses(of entry: DrugEntry) -> [String] {
        entry.classes.filter { drugClass(named: $0)?.duplicateTherapy == true }
    }

    /// The catalog drug for a parsed name, and whether it was named by its generic name rather than a brand.
    func match(_ name: DrugName) -> (index: Int, generic: Bool)? {
        for key in name.keys {
            if let index = byKey[key] { return (index, genericKeys.contains(key)) }
        }
        return nil
    }

    private static func decode(_ file: (name: String, data: Data)) throws(MedicationCatalogError) -> MedicationCatalogFile {
        do {
            return try JSONDecoder().decode(MedicationCatalogFile.self, from: file.data)
        } catch let error as DecodingError {
            throw MedicationCatalogError(source: file.name, drug: nil, problem: .unreadable(error.oneLine))
        } catch {
            throw MedicationCatalogError(source: file.name, drug: nil, problem: .unreadable("\(error)"))
        }
    }

    /// Each name's exact key must be unique across drugs; looser keys (no salt, no bare number) are kept only
    /// when a single drug has them, so "calcium" matches nothing when both calcium acetate and calcium carbonate are listed.
    private static func index(_ drugs: [(DrugEntry, String)]) throws(MedicationCatalogError) -> ([String: Int], Set<String>) {
        var exact: [String: Int] = [:]
        var generic: Set<String> = []
        var loose: [String: Set<Int>] = [:]
        for (index, (drug, source)) in drugs.enumerated() {
            for (position, name) in ([drug.ingredient] + drug.brands + drug.aliases).enumerated() {
                let keys = DrugName(name).keys
                guard let key = keys.first else { throw .init(source: source, drug: drug.ingredient, problem: .emptyName(name)) }
                if let other = exact[key], other != index {
                    throw .init(source: source, drug: drug.ingredient, problem: .nameClash(name: name, otherDrug: drugs[other].0.ingredient))
                }
                exact[key] = index
                if position == 0 { generic.insert(key) }
                for looser in keys.dropFirst() { loose[looser, default: []].insert(index) }
            }
        }
        for (key, owners) in loose where exact[key] == nil && owners.count == 1 {
            exact[key] = owners.first
        }
        return (exact, generic)
    }
}
