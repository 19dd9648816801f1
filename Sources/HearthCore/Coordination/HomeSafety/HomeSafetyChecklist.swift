import Foundation

/// The rooms and topics a home safety walk-through covers, in the order the clinician walks the home.
/// The list follows the idea of the CDC STEADI "Check for Safety" home fall-prevention checklist, widened to fire,
/// oxygen, electrical, medication storage and emergency access; the wording of every item is Hearth's own.
public enum HomeSafetyArea: String, Sendable, Hashable, Codable, CaseIterable {
    case floors, stairs, kitchen, bathroom, bedroom, entrances
    case alarms
    case oxygen
    case electrical
    case medicationStorage = "medication_storage"
    case emergencyAccess = "emergency_access"

    /// The area as the evaluation form heads it.
    public var title: String {
        switch self {
        case .floors: "Floors and walkways"
        case .stairs: "Stairs and steps"
        case .kitchen: "Kitchen"
        case .bathroom: "Bathroom"
        case .bedroom: "Bedroom"
        case .entrances: "Entrances and outside"
        case .alarms: "Smoke and carbon monoxide alarms, fire safety"
        case .oxygen: "Oxygen safety"
        case .electrical: "Electrical safety"
        case .medicationStorage: "Medication storage"
        case .emergencyAccess: "Emergency access"
        }
    }
}

/// How much harm a hazard is likely to do before it is fixed.
public enum HazardSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, moderate, high

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Days to the default follow-up: a high hazard is checked within a week, a moderate one within two, a low one within a month.
    public var followUpDays: Int {
        switch self {
        case .high: 7
        case .moderate: 14
        case .low: 30
        }
    }

    public static func < (lhs: HazardSeverity, rhs: HazardSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One question of the checklist. A "no" means the hazard is present.
public struct HomeSafetyItem: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var area: HomeSafetyArea
    /// Asked so that "yes" is safe: "Are walkways clear of cords and clutter?"
    public var question: String
    /// What is wrong when the answer is "no": "Cords or clutter in walkways".
    public var hazard: String
    public var severity: HazardSeverity
    /// The usual fix, offered as the finding's recommended modification.
    public var modification: String

    public init(id: String, area: HomeSafetyArea, question: String, hazard: String, severity: HazardSeverity, modification: String) {
        self.id = id
        self.area = area
        self.question = question
        self.hazard = hazard
        self.severity = severity
        self.modification = modification
    }
}

/// The home safety checklist, loaded once at start-up from `Resources/HomeSafety/checklist.json`.
/// A broken file stops start-up with its name, the item and the fault.
public struct HomeSafetyChecklist: Sendable, Equatable {
    /// Changes when the wording changes, so a saved evaluation says which checklist it answered.
    public let version: String
    /// Every item, areas in walk-through order and items in file order within an area.
    public let items: [HomeSafetyItem]
    private let byID: [String: Int]

    /// Builds the checklist from the file's bytes; `source` names the file in messages.
    public init(data: Data, source: String) throws(HomeSafetyChecklistError) {
        let file: ChecklistFile
        do {
            file = try JSONDecoder().decode(ChecklistFile.self, from: data)
        } catch let error as DecodingError {
            throw HomeSafetyChecklistError(source: source, item: nil, problem: .unreadable(error.oneLine))
        } catch {
            throw HomeSafetyChecklistError(source: source, item: nil, problem: .unreadable("\(error)"))
        }
        try self.init(version: file.version, items: file.items, source: source)
    }

    /// Reads the checklist file (the app passes `Resources/HomeSafety/checklist.json`).
    public init(file: URL) throws(HomeSafetyChecklistError) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw HomeSafetyChecklistError(source: file.lastPathComponent, item: nil, problem: .unreadable("cannot read the file"))
        }
        try self.init(data: data, source: file.lastPathComponent)
    }

    /// Checks every item: an id of lowercase words joined by hyphens, used once; text in every field; every area covered.
    public init(version: String, items: [HomeSafetyItem], source: String = "checklist") throws(HomeSafetyChecklistError) {
        guard !version.trimmed.isEmpty else { throw .init(source: source, item: nil, problem: .missingText("version")) }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard item.id.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil else {
                throw .init(source: source, item: item.id.isEmpty ? "item \(index + 1)" : item.id, problem: .badID)
            }
            guard seen[item.id] == nil else { throw .init(source: source, item: item.id, problem: .duplicateID) }
            seen[item.id] = index
            for (field, text) in [("question", item.question), ("hazard", item.hazard), ("modification", item.modification)]
            where text.trimmed.isEmpty {
                throw .init(source: source, item: item.id, problem: .missingText(field))
            }
        }
        if let uncovered = HomeSafetyArea.allCases.first(where: { area in !items.contains { $0.area == area } }) {
            throw .init(source: source, item: nil, problem: .areaWithoutItems(uncovered))
        }
        self.version = version
        let ordered = HomeSafetyArea.allCases.flatMap { area in items.filter { $0.area == area } }
        self.items = ordered
        byID = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
    }

    public func item(_ id: String) -> HomeSafetyItem? { byID[id].map { items[$0] } }

    /// The items of one area, in file order.
    public func items(in area: HomeSafetyArea) -> [HomeSafetyItem] { items.filter { $0.area == area } }

    public static func == (lhs: HomeSafetyChecklist, rhs: HomeSafetyChecklist) -> Bool {
        lhs.version == rhs.version && lhs.items == rhs.items
    }

    private struct ChecklistFile: Decodable {
        var version: String
        var items: [HomeSafetyItem]
    }
}

/// Why the checklist file could not be loaded; start-up stops until the file is fixed.
public struct HomeSafetyChecklistError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case missingText(String)
        case badID
        case duplicateID
        case areaWithoutItems(HomeSafetyArea)

        public var description: String {
            switch self {
            case .unreadable(let detail): "not valid home safety checklist JSON (\(detail))"
            case .missingText(let field): "\(field) is empty"
            case .badID: "the id must be lowercase words joined by hyphens, e.g. bathroom-grab-bars"
            case .duplicateID: "the id is used by an earlier item"
            case .areaWithoutItems(let area): "the area '\(area.rawValue)' has no items; every area needs at least one"
            }
        }
    }

    public var source: String
    public var item: String?
    public var problem: Problem

    public init(source: String, item: String?, problem: Problem) {
        self.source = source
        self.item = item
        self.problem = problem
    }

    public var description: String {
        let place = item.map { "\(source) (\($0))" } ?? source
        return "Home safety checklist \(place): \(problem). Fix the file and restart."
    }
}
