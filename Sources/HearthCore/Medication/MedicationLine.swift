import Foundation

/// One medication on a list being reconciled: the home profile, or the list that came with the patient
/// (hospital discharge, referral, physician's list). Incoming lists are often typed loosely, so the texts are kept as
/// given and read into dose, route and schedule where possible.
public struct MedicationLine: Sendable, Hashable, Codable, Identifiable {
    /// Unique within its list: the profile medication's id, or the incoming row's number.
    public var id: String
    public var name: String
    public var rxnorm: String?
    public var strength: String?
    /// Read from `doseText`; nil when it could not be.
    public var dose: MedicationDose?
    /// Read from `routeText`; nil when it could not be.
    public var route: MedicationRoute?
    /// Read from `frequencyText`; nil when it could not be.
    public var schedule: MedicationSchedule?
    /// As typed: "1 tab", "25 mg".
    public var doseText: String
    /// As typed: "PO", "by mouth", "via G-tube".
    public var routeText: String
    /// As typed: "BID", "q6h prn pain".
    public var frequencyText: String

    /// A line as typed from an incoming list; dose, route and frequency are read from the texts where possible.
    public init(id: String, name: String, rxnorm: String? = nil, strength: String? = nil, dose: String = "", route: String = "",
                frequency: String = "") {
        self.id = id
        self.name = name.trimmed
        self.rxnorm = rxnorm.map(\.trimmed).flatMap(\.nonEmpty)
        self.strength = strength.map(\.trimmed).flatMap(\.nonEmpty)
        doseText = dose.trimmed
        routeText = route.trimmed
        frequencyText = frequency.trimmed
        self.dose = MedicationDose.parse(doseText)
        self.route = MedicationRoute.parse(routeText)
        self.schedule = MedicationSchedule.parse(frequencyText)
    }

    /// A line for a medication on the home profile.
    public init(medication: Medication, id: String) {
        self.id = id
        name = medication.name
        rxnorm = medication.rxnorm
        strength = medication.strength
        dose = medication.dose
        route = medication.route
        schedule = medication.schedule
        doseText = medication.dose.description
        routeText = medication.route.title
        frequencyText = medication.schedule.description
    }

    /// "Metoprolol tartrate 25 mg — 1 tablet by mouth twice a day"; what could not be read is shown as typed.
    public var summary: String {
        let product = [name, strength].compactMap { $0 }.joined(separator: " ")
        let how = [dose?.description ?? doseText, route?.sigPhrase ?? routeText, schedule?.description ?? frequencyText]
            .filter { !$0.isEmpty }.joined(separator: " ")
        return how.isEmpty ? product : "\(product) — \(how)"
    }

    /// The strength, normalised ("25 mg"), from the strength field or else from the name ("Metformin 500 mg tab").
    var effectiveStrength: String? {
        strength.flatMap { DrugName($0).strength ?? $0.lowercased() } ?? DrugName(name).strength
    }

    /// The amount of drug in one dose in mg, when it can be worked out: "2 tablets" of "25 mg" is 50 mg.
    var doseInMilligrams: Decimal? {
        guard let dose else { return nil }
        if let factor = Self.milligrams[dose.unit.rawValue] { return dose.amount * factor }
        guard [.tablet, .capsule].contains(dose.unit), let strength = effectiveStrength else { return nil }
        let parts = strength.split(separator: " ")
        guard parts.count == 2, parts[0].allSatisfy({ $0.isNumber || $0 == "." }), let value = Decimal(string: String(parts[0]), locale: Locale(identifier: "en_US_POSIX")),
              let factor = Self.milligrams[String(parts[1])] else { return nil }
        return dose.amount * value * factor
    }

    private static let milligrams: [String: Decimal] = ["mg": 1, "mcg": 0.001, "g": 1000]
}

extension MedicationLine {
    /// What differs between a home line and its incoming counterpart, one sentence each, in the order
    /// dose, route, frequency, strength, formulation. A value missing on either side is not compared.
    func differences(from home: MedicationLine, homeIsGeneric: Bool, incomingIsGeneric: Bool) -> [String] {
        var changes: [String] = []
        if let old = home.dose, let new = dose {
            if let oldMg = home.doseInMilligrams, let newMg = doseInMilligrams {
                // Compared as amounts of drug: "1 tablet" of 50 mg is "50 mg"; "1 tablet → 1 tablet" alone would say nothing.
                if oldMg != newMg { changes.append("Dose \(Self.shown(old, oldMg)) → \(Self.shown(new, newMg))") }
            } else if old != new {
                changes.append("Dose \(old) → \(new)")
            }
        } else if Self.differ(home.doseText, doseText) {
            changes.append("Dose \(home.doseText) → \(doseText)")
        }
        if let old = home.route, let new = route {
            if old != new { changes.append("Route \(old.title) → \(new.title)") }
        } else if Self.differ(home.routeText, routeText) {
            changes.append("Route \(home.routeText) → \(routeText)")
        }
        if let old = home.schedule, let new = schedule {
            if !old.sameFrequency(as: new) { changes.append("Frequency \(old) → \(new)") }
        } else if Self.differ(home.frequencyText, frequencyText) {
            changes.append("Frequency \(home.frequencyText) → \(frequencyText)")
        }
        if let old = home.effectiveStrength, let new = effectiveStrength, old != new {
            changes.append("Strength \(old) → \(new)")
        }
        if let formulation = Self.formulationChange(DrugName(home.name), homeIsGeneric, DrugName(name), incomingIsGeneric) {
            changes.append(formulation)
        }
        return changes
    }

    /// "1 tablet (25 mg)"; a dose already in a mass unit as it is.
    private static func shown(_ dose: MedicationDose, _ milligrams: Decimal) -> String {
        [.mg, .mcg, .g].contains(dose.unit) ? dose.description : "\(dose) (\(MedicationDose.text(milligrams)) mg)"
    }

    /// Both given and not the same once case and spacing are set aside.
    private static func differ(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String { s.lowercased().split(separator: " ").joined(separator: " ") }
        return !a.isEmpty && !b.isEmpty && norm(a) != norm(b)
    }

    /// A different salt (tartrate → succinate) when both names state one, or a different release form when both state
    /// one or one is the plain generic name (plain "metformin" is immediate release; a brand name says nothing).
    private static func formulationChange(_ old: DrugName, _ oldGeneric: Bool, _ new: DrugName, _ newGeneric: Bool) -> String? {
        if !old.salts.isEmpty, !new.salts.isEmpty, Set(old.salts) != Set(new.salts) {
            return "Formulation \(old.salts.joined(separator: " ")) → \(new.salts.joined(separator: " "))"
        }
        let oldRelease = old.release ?? (old.isPlain && oldGeneric ? .immediate : nil)
        let newRelease = new.release ?? (new.isPlain && newGeneric ? .immediate : nil)
        guard let oldRelease, let newRelease, oldRelease != newRelease else { return nil }
        return "Formulation \(oldRelease.title) → \(newRelease.title)"
    }
}
