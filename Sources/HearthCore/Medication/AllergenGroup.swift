/// A drug allergy as allergy lists write it ("Sulfa", "PCN", "Penicillins") and the catalog classes it covers,
/// loaded from `Resources/Medications/allergens.json`. A drug in one of `classes` is one the patient is allergic to;
/// a drug in a `crossSensitivity` class may also cause a reaction (uncommon, but documented).
public struct AllergenGroup: Sendable, Hashable, Codable {
    /// Another class that reacts with this one in some patients: penicillins and cephalosporins.
    public struct CrossSensitivity: Sendable, Hashable, Codable {
        public var classes: [String]
        /// How a sentence names a drug of these classes: "a cephalosporin".
        public var member: String
        /// How often and why, in plain words, for the caution.
        public var note: String

        public init(classes: [String], member: String, note: String) {
            self.classes = classes
            self.member = member
            self.note = note
        }
    }

    /// "Sulfonamide antibiotics".
    public let name: String
    /// How a sentence names a drug of the group: "a sulfonamide antibiotic".
    public var member: String
    /// Catalog class names the allergy covers.
    public var classes: [String]
    /// What allergy lists write: "sulfa", "sulfonamide antibiotic", "PCN".
    public let terms: [String]
    public var crossSensitivity: [CrossSensitivity]
    /// `key` of the name and of every term, worked out once: every medication on a chart is checked against every
    /// group for each allergy (5% of the chart when each check re-keyed the terms).
    public private(set) var keys: Set<String> = []

    enum CodingKeys: String, CodingKey { case name, member, classes, terms, crossSensitivity }

    public init(name: String, member: String, classes: [String], terms: [String], crossSensitivity: [CrossSensitivity] = []) {
        self.name = name
        self.member = member
        self.classes = classes
        self.terms = terms
        self.crossSensitivity = crossSensitivity
        keys = Self.keys(name: name, terms: terms)
    }

    private static func keys(name: String, terms: [String]) -> Set<String> {
        Set(([name] + terms).map(key))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        member = try c.decode(String.self, forKey: .member)
        classes = try c.decode([String].self, forKey: .classes)
        terms = try c.decodeIfPresent([String].self, forKey: .terms) ?? []
        crossSensitivity = try c.decodeIfPresent([CrossSensitivity].self, forKey: .crossSensitivity) ?? []
        keys = Self.keys(name: name, terms: terms)
    }

    /// An allergy's text reduced to what identifies it: lower case, punctuation and the words "allergy", "drug",
    /// "class" set aside, plurals made singular. "Sulfa drugs", "SULFA allergy" and "sulfa" all give "sulfa".
    public static func key(_ text: String) -> String {
        let filler: Set<String> = ["allergy", "allergies", "allergic", "to", "drug", "drugs", "class", "medication", "medications", "family"]
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { !filler.contains($0) }
            .map { word in word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word }
        return words.joined(separator: " ")
    }
}
