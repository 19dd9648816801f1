/// A medication on the patient's profile, checked: what it is, how much, how, how often, from when to when, who gives it.
public struct Medication: Sendable, Hashable, Codable {
    /// As the label or the prescriber names it: "Metoprolol tartrate".
    public var name: String
    /// The RxNorm concept (RXCUI), when known.
    public var rxnorm: String?
    /// The product strength: "25 mg", "100 units/mL".
    public var strength: String?
    public var dose: MedicationDose
    public var route: MedicationRoute
    public var schedule: MedicationSchedule
    public var start: CalendarDate
    /// The last day it is taken (inclusive); nil while it goes on.
    public var stop: CalendarDate?
    public var prescriber: String?
    public var pharmacy: String?
    public var administeredBy: MedicationAdministrator
    public var notes: String?
    public var supply: RefillSupply?

    public init(name: String, rxnorm: String? = nil, strength: String? = nil, dose: MedicationDose, route: MedicationRoute,
                schedule: MedicationSchedule, start: CalendarDate, stop: CalendarDate? = nil, prescriber: String? = nil,
                pharmacy: String? = nil, administeredBy: MedicationAdministrator, notes: String? = nil, supply: RefillSupply? = nil) {
        self.name = name
        self.rxnorm = rxnorm
        self.strength = strength
        self.dose = dose
        self.route = route
        self.schedule = schedule
        self.start = start
        self.stop = stop
        self.prescriber = prescriber
        self.pharmacy = pharmacy
        self.administeredBy = administeredBy
        self.notes = notes
        self.supply = supply
    }

    /// Taken on this day: from the start date through the stop date, both included
    /// (the stop date is the last day taken, as a discharge list or a prescription says "through 12/01").
    public func isActive(on day: CalendarDate) -> Bool {
        start <= day && stop.map { day <= $0 } ?? true
    }

    /// The whole instruction on one line: "Metoprolol tartrate 25 mg — 1 tablet by mouth twice a day (08:00, 20:00)".
    public var sig: String {
        let product = [name, strength].compactMap { $0 }.joined(separator: " ")
        return "\(product) — \(dose) \(route.sigPhrase) \(schedule)"
    }

    /// What differs from an earlier version, one sentence per field: "Dose 25 mg → 50 mg".
    /// Used for the medication's history and for reconciliation.
    public func changes(from old: Medication) -> [MedicationChange] {
        let fields: [(String, String?, String?)] = [
            ("Name", old.name, name),
            ("RxNorm code", old.rxnorm, rxnorm),
            ("Strength", old.strength, strength),
            ("Dose", old.dose.description, dose.description),
            ("Route", old.route.title, route.title),
            ("Frequency", old.schedule.description, schedule.description),
            ("Start date", old.start.description, start.description),
            ("Stop date", old.stop?.description, stop?.description),
            ("Prescriber", old.prescriber, prescriber),
            ("Pharmacy", old.pharmacy, pharmacy),
            ("Given by", old.administeredBy.title, administeredBy.title),
            ("Notes", old.notes, notes),
            ("Days' supply", old.supply.map { "\($0.daysSupply)" }, supply.map { "\($0.daysSupply)" }),
            ("Last filled", old.supply?.lastFilled.description, supply?.lastFilled.description),
        ]
        return fields.compactMap { field, before, after in
            before == after ? nil : MedicationChange(field: field, old: before, new: after)
        }
    }
}

/// One field of a medication that changed, for the history and the reconciliation order.
public struct MedicationChange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// "Dose", "Frequency", "Stop date"…
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// "Dose 25 mg → 50 mg"; a missing value reads "(none)".
    public var description: String { "\(field) \(old ?? "(none)") → \(new ?? "(none)")" }
}
