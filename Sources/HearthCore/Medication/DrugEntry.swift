/// Why a medication needs extra care: a category of high-alert medications, which cause the most harm when
/// given wrongly. The idea is ISMP's List of High-Alert Medications in Community/Ambulatory Care Settings;
/// the categories and the drugs in them (Resources/Medications) are Hearth's own list, not ISMP's.
public enum HighAlertCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case anticoagulant, insulin, opioid
    /// Sulfonylureas, meglitinides and metformin.
    case oralHypoglycemic = "oral_hypoglycemic"
    case immunosuppressant
    /// Oral antineoplastics other than hormonal therapy.
    case oralChemotherapy = "oral_chemotherapy"
    /// Methotrexate for non-cancer use: weekly dosing mistaken for daily is a known fatal error.
    case methotrexate
    /// Small gap between the helpful and the toxic dose: digoxin, lithium, some antiepileptics, theophylline (our addition).
    case narrowTherapeuticIndex = "narrow_therapeutic_index"

    /// The category as a nurse reads it on a flag.
    public var title: String {
        switch self {
        case .anticoagulant: "Anticoagulant"
        case .insulin: "Insulin"
        case .opioid: "Opioid"
        case .oralHypoglycemic: "Oral diabetes medicine that can cause low blood sugar"
        case .immunosuppressant: "Immunosuppressant"
        case .oralChemotherapy: "Oral chemotherapy"
        case .methotrexate: "Methotrexate (weekly dosing)"
        case .narrowTherapeuticIndex: "Narrow therapeutic index"
        }
    }
}

/// A therapeutic class in the catalog: "ACE inhibitor", "loop diuretic".
public struct DrugClass: Sendable, Hashable, Codable {
    public var name: String
    /// Two different drugs of this class on one list are usually a mistake (two ACE inhibitors, two anticoagulants),
    /// so reconciliation flags them. False for classes often combined on purpose (insulin, antibiotics, laxatives).
    public var duplicateTherapy: Bool

    public init(name: String, duplicateTherapy: Bool) {
        self.name = name
        self.duplicateTherapy = duplicateTherapy
    }
}

/// One drug in the catalog, by its active ingredient, with the brand and other names it goes by.
public struct DrugEntry: Sendable, Hashable, Codable {
    /// The generic name: "metoprolol", "hydrocodone/acetaminophen".
    public var ingredient: String
    /// US brand names: "Lopressor", "Toprol XL".
    public var brands: [String]
    /// Other names lists use: "HCTZ", "APAP", "vitamin B12".
    public var aliases: [String]
    /// Class names, most specific first; each is defined in the catalog.
    public var classes: [String]
    public var highAlert: HighAlertCategory?

    public init(ingredient: String, brands: [String] = [], aliases: [String] = [], classes: [String], highAlert: HighAlertCategory? = nil) {
        self.ingredient = ingredient
        self.brands = brands
        self.aliases = aliases
        self.classes = classes
        self.highAlert = highAlert
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ingredient = try c.decode(String.self, forKey: .ingredient)
        brands = try c.decodeIfPresent([String].self, forKey: .brands) ?? []
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        classes = try c.decode([String].self, forKey: .classes)
        highAlert = try c.decodeIfPresent(HighAlertCategory.self, forKey: .highAlert)
    }
}

/// One file of `Resources/Medications`: class definitions, drugs, or both.
struct MedicationCatalogFile: Decodable {
    var classes: [DrugClass]
    var drugs: [DrugEntry]
    var allergens: [AllergenGroup]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        classes = try c.decodeIfPresent([DrugClass].self, forKey: .classes) ?? []
        drugs = try c.decodeIfPresent([DrugEntry].self, forKey: .drugs) ?? []
        allergens = try c.decodeIfPresent([AllergenGroup].self, forKey: .allergens) ?? []
    }

    private enum CodingKeys: String, CodingKey { case classes, drugs, allergens }
}

/// A broken catalog file: stops start-up with one line naming the file, the drug and the fault.
public struct MedicationCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, one case per rule the catalog checks.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case missingText(String)
        case unknownClass(String)
        case duplicateClass(String, otherSource: String)
        case duplicateDrug(String, otherSource: String)
        /// A brand or alias already names another drug.
        case nameClash(name: String, otherDrug: String)
        /// Nothing is left of the name after strengths, dosage forms and release words are set aside.
        case emptyName(String)
        case noClass

        public var description: String {
            switch self {
            case .unreadable(let detail): "not valid medication catalog JSON (\(detail))"
            case .missingText(let field): "\(field) is empty"
            case .unknownClass(let name): "class '\(name)' is not defined in any catalog file"
            case .duplicateClass(let name, let other): "class '\(name)' is already defined in \(other)"
            case .duplicateDrug(let name, let other): "drug '\(name)' is already listed in \(other)"
            case .nameClash(let name, let other): "the name '\(name)' already belongs to \(other)"
            case .emptyName(let name): "the name '\(name)' has nothing left once strength and dosage form are set aside"
            case .noClass: "it has no class"
            }
        }
    }

    /// The file name the fault is in.
    public var source: String
    /// The drug's ingredient, when the fault belongs to one drug.
    public var drug: String?
    public var problem: Problem

    public init(source: String, drug: String?, problem: Problem) {
        self.source = source
        self.drug = drug
        self.problem = problem
    }

    public var description: String {
        let name = drug.map { "\(source) (\($0))" } ?? source
        return "Medication catalog \(name): \(problem). Fix the file and restart."
    }
}
