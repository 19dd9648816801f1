import Foundation

/// An allergy on the patient's record, as the safety check reads it.
public struct RecordedAllergy: Sendable, Hashable {
    /// As recorded: "Sulfa", "Penicillin", "Bactrim".
    public var substance: String
    public var reaction: String?
    /// The day it was recorded, in the agency's time zone.
    public var recordedOn: CalendarDate?

    public init(substance: String, reaction: String? = nil, recordedOn: CalendarDate? = nil) {
        self.substance = substance
        self.reaction = reaction
        self.recordedOn = recordedOn
    }

    /// "Sulfa (recorded 2026-05-01, reaction: rash)".
    var described: String {
        let facts = [recordedOn.map { "recorded \($0)" }, reaction?.trimmed.nonEmpty.map { "reaction: \($0.lowercased())" }].compactMap { $0 }
        return facts.isEmpty ? substance : "\(substance) (\(facts.joined(separator: ", ")))"
    }
}

/// Checks a medication being added, changed or accepted at reconciliation against the patient's allergies and the
/// medications already taken, before it is saved. Every finding must be answered with a recorded reason to save anyway.
///
/// - Allergy: the same drug, a drug containing the ingredient, or a drug of a class the allergy covers
///   (`allergens.json`: "Sulfa" covers sulfonamide antibiotics) is a STOP; a class with documented
///   cross-sensitivity (penicillin and cephalosporins) is a CAUTION.
/// - Duplicate therapy: the same ingredient already taken is a STOP (a double dose); another drug of a class where two
///   are usually a mistake (`classes.json` duplicateTherapy: two ACE inhibitors) is a CAUTION.
public struct MedicationSafetyCheck: Sendable {
    public let catalog: MedicationCatalog

    public init(catalog: MedicationCatalog) {
        self.catalog = catalog
    }

    /// Every finding for `medication`, allergies first. `current` is the rest of the profile (not the medication itself);
    /// medications stopped before `today` are not counted, nor is anything when the new medication's own course is over.
    public func findings(for medication: Medication, allergies: [RecordedAllergy], current: [Medication], on today: CalendarDate) -> [MedicationSafetyFinding] {
        let duplicates = medication.stop.map { $0 < today } ?? false ? [] : duplicateFindings(for: medication.name, current: current, on: today)
        return allergyFindings(for: medication.name, allergies: allergies) + duplicates
    }

    /// The recorded allergies a drug conflicts with, the strongest reason for each allergy.
    public func allergyFindings(for name: String, allergies: [RecordedAllergy]) -> [MedicationSafetyFinding] {
        allergyFindings(for: name, allergens: allergens(allergies))
    }

    /// The same against allergies worked out once (`allergens(_:)`), for a whole profile of medications.
    public func allergyFindings(for name: String, allergens: Allergens) -> [MedicationSafetyFinding] {
        guard !allergens.list.isEmpty else { return [] } // the chart asks for every current medication: no allergy, no catalog lookup
        let drug = Drug(name, catalog)
        return allergens.list.compactMap { allergyFinding(drug, $0) }
    }

    /// The medications still taken that this drug duplicates.
    public func duplicateFindings(for name: String, current: [Medication], on today: CalendarDate) -> [MedicationSafetyFinding] {
        duplicateFindings(for: name, others: current.filter { $0.stop.map { $0 >= today } ?? true }.map { ($0.name, $0.strength) })
    }

    /// The same, against a list of names and strengths already judged current (a reconciled list).
    public func duplicateFindings(for name: String, others: [(name: String, strength: String?)]) -> [MedicationSafetyFinding] {
        let drug = Drug(name, catalog)
        guard !drug.key.isEmpty else { return [] }
        var findings: [MedicationSafetyFinding] = []
        for other in others {
            let existing = Drug(other.name, catalog)
            let otherName = [other.name, other.strength].compactMap { $0 }.joined(separator: " ")
            if existing.key == drug.key {
                let ingredient = drug.entry.map { " (both are \($0.ingredient))" } ?? ""
                findings.append(.init(kind: .duplicateDrug, severity: .stop, subject: otherName,
                                      text: "Duplicate therapy: \(name) is the same drug as \(otherName), already on the profile\(ingredient). "
                                          + "Taking both doubles the dose."))
            } else if let entry = drug.entry, let otherEntry = existing.entry,
                      let shared = catalog.duplicateTherapyClasses(of: entry).first(where: otherEntry.classes.contains) {
                findings.append(.init(kind: .duplicateClass, severity: .caution, subject: otherName,
                                      text: "Duplicate therapy: \(name) and \(otherName), already on the profile, are both in the class \(shared). "
                                          + "Confirm with the prescriber that both are intended."))
            }
        }
        return findings
    }

    /// A patient's allergies as the check compares drugs with them: each one's catalog drug, ingredients and classes.
    public struct Allergens: Sendable {
        fileprivate struct Allergen: Sendable {
            let allergy: RecordedAllergy
            let entry: DrugEntry?
            let ingredients: [String]
            /// The groups the allergy names, or whose classes its drug is in.
            let groups: [AllergenGroup]
        }
        fileprivate let list: [Allergen]
    }

    public func allergens(_ allergies: [RecordedAllergy]) -> Allergens {
        Allergens(list: allergies.compactMap { allergy in
            let key = AllergenGroup.key(allergy.substance)
            guard !key.isEmpty else { return nil }
            let entry = catalog.entry(forName: allergy.substance)
            let groups = catalog.allergens.filter { group in
                group.keys.contains(key) || entry.map { entry in group.classes.contains { entry.classes.contains($0) } } ?? false
            }
            return .init(allergy: allergy, entry: entry, ingredients: entry.map { Self.ingredients($0.ingredient) } ?? [key], groups: groups)
        })
    }

    private func allergyFinding(_ drug: Drug, _ allergen: Allergens.Allergen) -> MedicationSafetyFinding? {
        let allergy = allergen.allergy
        var allergic: String { "Allergy: patient is allergic to \(allergy.described)." }
        // "Bactrim DS (sulfamethoxazole/trimethoprim)", but not "Cephalexin 500 mg (cephalexin)".
        var named: String {
            drug.entry.map { drug.name.lowercased().hasPrefix($0.ingredient.lowercased()) ? drug.name : "\(drug.name) (\($0.ingredient))" } ?? drug.name
        }
        // 1. The same drug, by catalog identity or, for a drug the catalog does not know, by name.
        if let entry = allergen.entry, entry == drug.entry {
            return .init(kind: .allergyDrug, severity: .stop, subject: allergy.substance, text: "\(allergic) \(named) is that drug.")
        }
        if drug.entry == nil, allergen.entry == nil, !drug.key.isEmpty, DrugName(allergy.substance).nameKey == drug.nameKey {
            return .init(kind: .allergyDrug, severity: .stop, subject: allergy.substance, text: "\(allergic) \(drug.name) is that drug.")
        }
        // 2. An ingredient in common: "Codeine" against codeine/acetaminophen, "Tylenol" against Norco.
        if let shared = drug.ingredients.first(where: allergen.ingredients.contains) {
            return .init(kind: .allergyIngredient, severity: .stop, subject: allergy.substance, text: "\(allergic) \(drug.name) contains \(shared).")
        }
        // 3. A class the allergy covers; 4. a class with documented cross-sensitivity.
        guard let entry = drug.entry else { return nil }
        if let group = allergen.groups.first(where: { $0.classes.contains(where: entry.classes.contains) }) {
            return .init(kind: .allergyClass, severity: .stop, subject: allergy.substance, text: "\(allergic) \(named) is \(group.member).")
        }
        for group in allergen.groups {
            if let cross = group.crossSensitivity.first(where: { $0.classes.contains(where: entry.classes.contains) }) {
                return .init(kind: .crossSensitivity, severity: .caution, subject: allergy.substance,
                             text: "Possible cross-sensitivity: patient is allergic to \(allergy.described). \(named) is \(cross.member); \(cross.note).")
            }
        }
        return nil
    }

    /// "hydrocodone/acetaminophen" → ["hydrocodone", "acetaminophen"].
    static func ingredients(_ ingredient: String) -> [String] {
        ingredient.lowercased().split(separator: "/").map { String($0).trimmed }
    }

    /// A drug name with what the catalog knows about it.
    private struct Drug {
        let name: String
        let entry: DrugEntry?
        /// The identity duplicates compare: the catalog ingredient, or the name with strength and form set aside.
        let key: String
        /// The name's words without strength, salts and form (`DrugName.nameKey`).
        let nameKey: String
        let ingredients: [String]

        init(_ name: String, _ catalog: MedicationCatalog) {
            self.name = name
            let parsed = DrugName(name)
            entry = catalog.match(parsed).map { catalog.drugs[$0.index] }
            nameKey = parsed.nameKey
            key = entry.map { "drug:" + $0.ingredient.lowercased() } ?? (nameKey.isEmpty ? "" : "name:" + nameKey)
            ingredients = entry.map { MedicationSafetyCheck.ingredients($0.ingredient) } ?? []
        }
    }
}

/// One reason to stop and think before saving a medication, in words a nurse reads aloud.
public struct MedicationSafetyFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case allergyDrug = "allergy_drug"
        case allergyIngredient = "allergy_ingredient"
        case allergyClass = "allergy_class"
        case crossSensitivity = "cross_sensitivity"
        case duplicateDrug = "duplicate_drug"
        case duplicateClass = "duplicate_class"

        public var isAllergy: Bool { self != .duplicateDrug && self != .duplicateClass }
    }

    public enum Severity: String, Sendable, Hashable, Codable {
        /// Do not give unless the prescriber confirms: a known allergy, a double dose.
        case stop
        /// Check before giving: cross-sensitivity, a second drug of the same class.
        case caution

        public var title: String {
            switch self {
            case .stop: "Stop"
            case .caution: "Caution"
            }
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// The allergy as recorded, or the other medication: with `kind`, what identifies the finding across saves.
    public var subject: String
    /// The whole finding in plain words.
    public var text: String

    public init(kind: Kind, severity: Severity, subject: String, text: String) {
        self.kind = kind
        self.severity = severity
        self.subject = subject
        self.text = text
    }

    /// What an override answers: the same finding again (same kind, same allergy or medication) needs no new reason.
    public var identity: String { "\(kind.rawValue):\(subject.lowercased())" }
}

/// A decision to save a medication despite findings: who, when, why, and what was found.
public struct MedicationSafetyOverride: Sendable, Hashable, Codable {
    public var reason: String
    public var byID: UUID?
    public var byName: String
    public var at: Date
    public var findings: [MedicationSafetyFinding]

    /// Longest reason kept.
    public static let reasonLimit = 500

    public init(reason: String, byID: UUID?, byName: String, at: Date, findings: [MedicationSafetyFinding]) {
        self.reason = reason
        self.byID = byID
        self.byName = byName
        self.at = at
        self.findings = findings
    }

    /// Why a typed reason cannot be recorded, or nil when it can.
    public static func problem(with reason: String) -> String? {
        if reason.trimmed.isEmpty {
            return "To save anyway, give the reason: e.g. \"Dr. Patel confirmed by phone: rash was years ago, benefit outweighs risk\". Or change the medication."
        }
        if reason.trimmed.count > reasonLimit { return "Use at most \(reasonLimit) characters." }
        return nil
    }

    /// The findings not yet answered by earlier overrides on the same medication.
    public static func unanswered(_ findings: [MedicationSafetyFinding], by earlier: [MedicationSafetyOverride]) -> [MedicationSafetyFinding] {
        let answered = Set(earlier.flatMap(\.findings).map(\.identity))
        return findings.filter { !answered.contains($0.identity) }
    }
}
