/// The medication form as typed, checked field by field before anything is saved to the profile.
public struct MedicationDraft: Sendable, Equatable {
    public var name: String
    public var rxnorm: String
    public var strength: String
    public var doseAmount: String
    public var doseUnit: String
    public var route: String
    public var timesPerDay: String
    /// Clock times, "08:00, 20:00".
    public var times: String
    public var asNeeded: Bool
    public var indication: String
    public var maxPerDay: String
    public var start: String
    public var stop: String
    public var prescriber: String
    public var pharmacy: String
    public var administeredBy: String
    public var notes: String
    public var daysSupply: String
    public var lastFilled: String
    /// "Every 6 hours" (1–24).
    public var everyHours: String
    /// "Every 7 days" (2–365), for weekly and other non-daily medications.
    public var everyDays: String

    public init(name: String, rxnorm: String = "", strength: String = "", doseAmount: String, doseUnit: String, route: String,
                timesPerDay: String = "", times: String = "", asNeeded: Bool = false, indication: String = "", maxPerDay: String = "",
                start: String, stop: String = "", prescriber: String = "", pharmacy: String = "", administeredBy: String,
                notes: String = "", daysSupply: String = "", lastFilled: String = "", everyHours: String = "", everyDays: String = "") {
        self.name = name.trimmed
        self.rxnorm = rxnorm.trimmed
        self.strength = strength.trimmed
        self.doseAmount = doseAmount.trimmed
        self.doseUnit = doseUnit.trimmed
        self.route = route.trimmed
        self.timesPerDay = timesPerDay.trimmed
        self.times = times.trimmed
        self.asNeeded = asNeeded
        self.indication = indication.trimmed
        self.maxPerDay = maxPerDay.trimmed
        self.start = start.trimmed
        self.stop = stop.trimmed
        self.prescriber = prescriber.trimmed
        self.pharmacy = pharmacy.trimmed
        self.administeredBy = administeredBy.trimmed.lowercased()
        self.notes = notes.trimmed
        self.daysSupply = daysSupply.trimmed
        self.lastFilled = lastFilled.trimmed
        self.everyHours = everyHours.trimmed
        self.everyDays = everyDays.trimmed
    }

    /// The form filled in from a saved medication, for editing.
    public init(medication m: Medication) {
        let s = m.schedule
        self.init(name: m.name, rxnorm: m.rxnorm ?? "", strength: m.strength ?? "", doseAmount: MedicationDose.text(m.dose.amount),
                  doseUnit: m.dose.unit.rawValue, route: m.route.rawValue, timesPerDay: s.timesPerDay.map(String.init) ?? "",
                  times: s.times.map(\.description).joined(separator: ", "), asNeeded: s.asNeeded, indication: s.indication ?? "",
                  maxPerDay: s.maxDosesPerDay.map(String.init) ?? "", start: m.start.description, stop: m.stop?.description ?? "",
                  prescriber: m.prescriber ?? "", pharmacy: m.pharmacy ?? "", administeredBy: m.administeredBy.rawValue,
                  notes: m.notes ?? "", daysSupply: m.supply.map { String($0.daysSupply) } ?? "",
                  lastFilled: m.supply?.lastFilled.description ?? "", everyHours: s.everyHours.map(String.init) ?? "",
                  everyDays: s.everyDays.map(String.init) ?? "")
    }

    /// Problems by field name; empty when the medication can be saved.
    public var problems: [String: String] {
        var problems: [String: String] = [:]
        productProblems(&problems)
        doseProblems(&problems)
        scheduleProblems(&problems)
        dateProblems(&problems)
        return problems
    }

    /// The checked medication, or nil while there are problems.
    public func medication() -> Medication? {
        guard problems.isEmpty, let dose = MedicationDose(amount: doseAmount, unit: doseUnit), let route = MedicationRoute.parse(route),
              let who = MedicationAdministrator(form: administeredBy), let start = CalendarDate(start) else { return nil }
        let supply = Int(daysSupply).flatMap { days in CalendarDate(lastFilled).flatMap { RefillSupply(daysSupply: days, lastFilled: $0) } }
        return Medication(name: name, rxnorm: rxnorm.nonEmpty, strength: strength.nonEmpty, dose: dose, route: route, schedule: schedule,
                          start: start, stop: CalendarDate(stop), prescriber: prescriber.nonEmpty, pharmacy: pharmacy.nonEmpty,
                          administeredBy: who, notes: notes.nonEmpty, supply: supply)
    }

    private var schedule: MedicationSchedule {
        let times = TimeOfDay.list(self.times) ?? []
        return MedicationSchedule(timesPerDay: Int(timesPerDay) ?? (times.isEmpty ? nil : times.count), times: times,
                                  everyHours: Int(everyHours), everyDays: Int(everyDays), asNeeded: asNeeded,
                                  indication: asNeeded ? indication : nil, maxDosesPerDay: Int(maxPerDay))
    }

    private func productProblems(_ problems: inout [String: String]) {
        if name.isEmpty { problems["name"] = "Enter the medication's name, e.g. Metoprolol tartrate." }
        if name.count > 200 { problems["name"] = "Use at most 200 characters; put instructions in Notes." }
        if !rxnorm.isEmpty && !((1...9).contains(rxnorm.count) && rxnorm.allSatisfy { $0.isASCII && $0.isNumber }) {
            problems["rxnorm"] = "An RxNorm code is 1 to 9 digits, e.g. 866924; leave it empty if you do not know it."
        }
        if strength.count > 60 { problems["strength"] = "Use at most 60 characters, e.g. 25 mg or 100 units/mL." }
        if MedicationRoute.parse(route) == nil { problems["route"] = "Choose how it is taken, e.g. oral (by mouth)." }
        if MedicationAdministrator(form: administeredBy) == nil {
            problems["administeredBy"] = "Choose who gives it: self, caregiver, aide or nurse."
        }
        for (field, value) in [("prescriber", prescriber), ("pharmacy", pharmacy)] where value.count > 200 {
            problems[field] = "Use at most 200 characters."
        }
        if notes.count > 1000 { problems["notes"] = "Use at most 1,000 characters." }
    }

    private func doseProblems(_ problems: inout [String: String]) {
        if doseAmount.isEmpty {
            problems["doseAmount"] = "Give the dose, e.g. 1 (tablet) or 25 (mg)."
        } else if MedicationDose.amount(doseAmount) == nil {
            problems["doseAmount"] = "Give the dose as a number, e.g. 1, 0.5 or 1/2."
        }
        if doseUnit.isEmpty {
            problems["doseUnit"] = "Give the dose's unit, e.g. mg or tablet."
        } else if DoseUnit(text: doseUnit) == nil {
            problems["doseUnit"] = "Choose a unit from the list, e.g. mg, mL or tablet."
        }
    }

    private func scheduleProblems(_ problems: inout [String: String]) {
        let perDay = number(timesPerDay, in: 1...24, field: "timesPerDay", "Give the times a day as a number from 1 to 24.", &problems)
        let hours = number(everyHours, in: 1...24, field: "everyHours",
                           "Give the hours between doses as a number from 1 to 24; for longer gaps use every … days.", &problems)
        let days = number(everyDays, in: 2...365, field: "everyDays",
                          "Give the days between doses as a number from 2 to 365, e.g. 7 for once a week.", &problems)
        let max = number(maxPerDay, in: 1...24, field: "maxPerDay", "Give the most doses a day as a number from 1 to 24.", &problems)
        timesProblems(perDay: perDay, &problems)
        if hours != nil && days != nil { problems["everyDays"] = "Give either every … hours or every … days, not both." }
        if let hours, let perDay, !asNeeded, 24 % hours == 0, perDay != 24 / hours {
            problems["timesPerDay"] = "Every \(hours) hours is \(MedicationSchedule.timesADay(24 / hours)); correct one of them."
        }
        if days != nil, let perDay, perDay > 1 {
            problems["timesPerDay"] = "A medication taken every few days is taken once on those days; set times a day to 1 or clear it."
        }
        if asNeeded && indication.isEmpty {
            problems["indication"] = "Say what it is taken for as needed, e.g. pain or shortness of breath."
        }
        if indication.count > 200 { problems["indication"] = "Use at most 200 characters." }
        if max != nil && !asNeeded { problems["maxPerDay"] = "A daily maximum applies to as-needed doses; tick 'as needed' or clear it." }
        if timesPerDay.isEmpty && times.isEmpty && everyHours.isEmpty && everyDays.isEmpty && !asNeeded {
            problems["timesPerDay"] = "Give how often (times a day) or tick 'as needed' with the reason."
        }
    }

    private func timesProblems(perDay: Int?, _ problems: inout [String: String]) {
        guard !times.isEmpty else { return }
        guard let list = TimeOfDay.list(times), !list.isEmpty else {
            problems["times"] = "Give times as HH:MM separated by commas, e.g. 08:00, 20:00."
            return
        }
        if Set(list).count != list.count {
            problems["times"] = "Each time can appear once; remove the repeated time."
        } else if let perDay, perDay != list.count {
            problems["times"] = "You gave \(list.count == 1 ? "1 time" : "\(list.count) times") for \(MedicationSchedule.timesADay(perDay)); "
                + "give one time per dose or correct the times a day."
        }
    }

    private func dateProblems(_ problems: inout [String: String]) {
        let startDate = CalendarDate(start)
        if startDate == nil { problems["start"] = "Enter the start date as YYYY-MM-DD, e.g. 2026-11-20." }
        if !stop.isEmpty {
            if let stopDate = CalendarDate(stop) {
                if let startDate, stopDate < startDate {
                    problems["stop"] = "The stop date is before the start date; the stop date is the last day it is taken."
                }
            } else {
                problems["stop"] = "Enter the stop date as YYYY-MM-DD, or leave it empty while it goes on."
            }
        }
        _ = number(daysSupply, in: 1...365, field: "daysSupply", "Give the days' supply as a number from 1 to 365, e.g. 30 or 90.", &problems)
        if !lastFilled.isEmpty && CalendarDate(lastFilled) == nil {
            problems["lastFilled"] = "Enter the date last filled as YYYY-MM-DD, e.g. 2026-11-01."
        }
        if !daysSupply.isEmpty && lastFilled.isEmpty {
            problems["lastFilled"] = "Give the date it was last filled too, so the refill date can be worked out."
        }
        if daysSupply.isEmpty && !lastFilled.isEmpty {
            problems["daysSupply"] = "Give the days' supply too, e.g. 30, so the refill date can be worked out."
        }
    }

    /// An optional whole number in a range; records the message when it is typed but out of range or not a number.
    private func number(_ text: String, in range: ClosedRange<Int>, field: String, _ message: String,
                        _ problems: inout [String: String]) -> Int? {
        guard !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems[field] = message
            return nil
        }
        return value
    }
}

extension String {
    /// Nil for an empty form field.
    var nonEmpty: String? { isEmpty ? nil : self }
}
