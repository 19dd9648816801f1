import Foundation
import Testing
@testable import HearthCore

enum MedicationFixture {
    /// Metoprolol tartrate 25 mg, 1 tablet twice a day at 08:00 and 20:00, taken by the patient.
    static func metoprololDraft(_ change: (inout MedicationDraft) -> Void = { _ in }) -> MedicationDraft {
        var draft = MedicationDraft(name: "Metoprolol tartrate", rxnorm: "866924", strength: "25 mg", doseAmount: "1", doseUnit: "tablet",
                                    route: "oral", timesPerDay: "2", times: "08:00, 20:00", start: "2026-11-02", prescriber: "Dr. Ana Ruiz",
                                    pharmacy: "Main Street Pharmacy", administeredBy: "self", daysSupply: "30", lastFilled: "2026-11-01")
        change(&draft)
        return draft
    }

    static var metoprolol: Medication { metoprololDraft().medication()! }

    static func medication(_ name: String, strength: String? = nil, dose: String, route: MedicationRoute = .oral,
                           schedule: MedicationSchedule, start: String = "2026-11-02", stop: String? = nil,
                           by: MedicationAdministrator = .nurse) -> Medication {
        Medication(name: name, strength: strength, dose: MedicationDose.parse(dose)!, route: route, schedule: schedule,
                   start: day(start), stop: stop.map(day), administeredBy: by)
    }
}

/// The medication form: what is required, and each message says what to do next.
@Suite struct MedicationDraftTests {
    @Test func aCompleteFormGivesTheMedication() throws {
        let medication = try #require(MedicationFixture.metoprololDraft().medication())
        #expect(medication.name == "Metoprolol tartrate")
        #expect(medication.rxnorm == "866924")
        #expect(medication.dose == MedicationDose(amount: 1, unit: .tablet))
        #expect(medication.route == .oral)
        #expect(medication.schedule == MedicationSchedule.daily(2, at: TimeOfDay.list("08:00, 20:00")!))
        #expect(medication.administeredBy == .patient)
        #expect(medication.supply == RefillSupply(daysSupply: 30, lastFilled: day("2026-11-01")))
        #expect(medication.stop == nil && medication.notes == nil)
    }

    @Test(arguments: [
        (MedicationFixture.metoprololDraft { d in d.name = "" }, "name", "Enter the medication's name, e.g. Metoprolol tartrate."),
        (MedicationFixture.metoprololDraft { d in d.name = String(repeating: "x", count: 201) }, "name", "Use at most 200 characters; put instructions in Notes."),
        (MedicationFixture.metoprololDraft { d in d.rxnorm = "86692A" }, "rxnorm", "An RxNorm code is 1 to 9 digits, e.g. 866924; leave it empty if you do not know it."),
        (MedicationFixture.metoprololDraft { d in d.rxnorm = "1234567890" }, "rxnorm", "An RxNorm code is 1 to 9 digits, e.g. 866924; leave it empty if you do not know it."),
        (MedicationFixture.metoprololDraft { d in d.doseUnit = "" }, "doseUnit", "Give the dose's unit, e.g. mg or tablet."),
        (MedicationFixture.metoprololDraft { d in d.doseUnit = "handful" }, "doseUnit", "Choose a unit from the list, e.g. mg, mL or tablet."),
        (MedicationFixture.metoprololDraft { d in d.doseAmount = "one" }, "doseAmount", "Give the dose as a number, e.g. 1, 0.5 or 1/2."),
        (MedicationFixture.metoprololDraft { d in d.doseAmount = "" }, "doseAmount", "Give the dose, e.g. 1 (tablet) or 25 (mg)."),
        (MedicationFixture.metoprololDraft { d in d.route = "wherever" }, "route", "Choose how it is taken, e.g. oral (by mouth)."),
        (MedicationFixture.metoprololDraft { d in d.times = "08:00" }, "times", "You gave 1 time for twice a day; give one time per dose or correct the times a day."),
        (MedicationFixture.metoprololDraft { d in d.times = "08:00, 08:00" }, "times", "Each time can appear once; remove the repeated time."),
        (MedicationFixture.metoprololDraft { d in d.times = "breakfast" }, "times", "Give times as HH:MM separated by commas, e.g. 08:00, 20:00."),
        (MedicationFixture.metoprololDraft { d in d.timesPerDay = "30" }, "timesPerDay", "Give the times a day as a number from 1 to 24."),
        (MedicationFixture.metoprololDraft { d in d.stop = "2026-11-01" }, "stop", "The stop date is before the start date; the stop date is the last day it is taken."),
        (MedicationFixture.metoprololDraft { d in d.stop = "soon" }, "stop", "Enter the stop date as YYYY-MM-DD, or leave it empty while it goes on."),
        (MedicationFixture.metoprololDraft { d in d.start = "11/02/2026" }, "start", "Enter the start date as YYYY-MM-DD, e.g. 2026-11-20."),
        (MedicationFixture.metoprololDraft { d in d.administeredBy = "neighbour" }, "administeredBy", "Choose who gives it: self, caregiver, aide or nurse."),
        (MedicationFixture.metoprololDraft { d in d.lastFilled = "" }, "lastFilled", "Give the date it was last filled too, so the refill date can be worked out."),
        (MedicationFixture.metoprololDraft { d in d.daysSupply = "" }, "daysSupply", "Give the days' supply too, e.g. 30, so the refill date can be worked out."),
        (MedicationFixture.metoprololDraft { d in d.daysSupply = "400" }, "daysSupply", "Give the days' supply as a number from 1 to 365, e.g. 30 or 90."),
        (MedicationFixture.metoprololDraft { d in d.maxPerDay = "4" }, "maxPerDay", "A daily maximum applies to as-needed doses; tick 'as needed' or clear it."),
    ])
    func oneMistakeOneMessage(draft: MedicationDraft, field: String, message: String) {
        #expect(draft.problems == [field: message])
        #expect(draft.medication() == nil)
    }

    @Test func noScheduleAtAllIsRefused() {
        let draft = MedicationFixture.metoprololDraft { $0.timesPerDay = ""; $0.times = "" }
        #expect(draft.problems == ["timesPerDay": "Give how often (times a day) or tick 'as needed' with the reason."])
    }

    @Test func asNeededNeedsItsReason() {
        let oxycodone = MedicationDraft(name: "Oxycodone", strength: "5 mg", doseAmount: "1", doseUnit: "tablet", route: "oral",
                                        asNeeded: true, maxPerDay: "4", start: "2026-11-02", administeredBy: "caregiver", everyHours: "6")
        #expect(oxycodone.problems == ["indication": "Say what it is taken for as needed, e.g. pain or shortness of breath."])
        var withReason = oxycodone
        withReason.indication = "moderate to severe pain"
        let medication = withReason.medication()
        #expect(medication?.schedule.description == "every 6 hours as needed for moderate to severe pain, at most 4 a day")
        #expect(medication?.schedule.isScheduled == false)
    }

    @Test func timesAloneSetTheCount() {
        let draft = MedicationFixture.metoprololDraft { $0.timesPerDay = ""; $0.times = "8:00, 14:00, 20:00" }
        #expect(draft.medication()?.schedule.timesPerDay == 3)
    }

    @Test func everyHoursMustAgreeWithTimesADay() {
        let draft = MedicationFixture.metoprololDraft { $0.times = ""; $0.everyHours = "8" }
        #expect(draft.problems == ["timesPerDay": "Every 8 hours is 3 times a day; correct one of them."])
    }

    /// Alendronate 70 mg once a week: a weekly medication is every 7 days.
    @Test func weeklyMedication() throws {
        let draft = MedicationDraft(name: "Alendronate", strength: "70 mg", doseAmount: "1", doseUnit: "tablet", route: "PO",
                                    start: "2026-11-02", administeredBy: "self", everyDays: "7")
        let medication = try #require(draft.medication())
        #expect(medication.sig == "Alendronate 70 mg — 1 tablet by mouth once a week")
        let twice = MedicationDraft(name: "Alendronate", doseAmount: "1", doseUnit: "tablet", route: "oral", timesPerDay: "2",
                                    start: "2026-11-02", administeredBy: "self", everyDays: "7")
        #expect(twice.problems["timesPerDay"] != nil)
    }

    @Test func editingStartsFromTheSavedMedication() {
        let medication = MedicationFixture.metoprolol
        #expect(MedicationDraft(medication: medication).medication() == medication)
    }

    @Test func aOneDayMedicationStopsOnItsStartDate() {
        #expect(MedicationFixture.metoprololDraft { $0.stop = "2026-11-02" }.problems.isEmpty)
    }
}

/// The profile entry: active days, the sig, and the sentences of its history.
@Suite struct MedicationProfileTests {
    @Test func theSigReadsAsOneLine() {
        #expect(MedicationFixture.metoprolol.sig == "Metoprolol tartrate 25 mg — 1 tablet by mouth twice a day (08:00, 20:00)")
        let insulin = MedicationFixture.medication("Insulin glargine", strength: "100 units/mL", dose: "10 units", route: .subcutaneous,
                                                   schedule: .daily(1, at: [TimeOfDay("21:00")!]))
        #expect(insulin.sig == "Insulin glargine 100 units/mL — 10 units by injection under the skin once a day (21:00)")
        let albuterol = MedicationFixture.medication("Albuterol HFA", dose: "2 puffs", route: .inhaled,
                                                     schedule: .asNeeded(for: "shortness of breath", everyHours: 4))
        #expect(albuterol.sig == "Albuterol HFA — 2 puffs by inhalation every 4 hours as needed for shortness of breath")
    }

    /// The stop date is the last day taken, so it is active through it.
    @Test func activeFromStartThroughStop() {
        var medication = MedicationFixture.metoprolol
        medication.stop = day("2026-11-10")
        #expect(!medication.isActive(on: day("2026-11-01")))
        #expect(medication.isActive(on: day("2026-11-02")))
        #expect(medication.isActive(on: day("2026-11-10")))
        #expect(!medication.isActive(on: day("2026-11-11")))
        medication.stop = nil
        #expect(medication.isActive(on: day("2027-06-01")))
    }

    @Test func changesAreSentences() {
        let old = MedicationFixture.metoprolol
        var new = old
        new.strength = "50 mg"
        new.schedule = .daily(1, at: [TimeOfDay("08:00")!])
        new.stop = day("2026-12-31")
        new.administeredBy = .nurse
        #expect(new.changes(from: old).map(\.description) == [
            "Strength 25 mg → 50 mg", "Frequency twice a day (08:00, 20:00) → once a day (08:00)",
            "Stop date (none) → 2026-12-31", "Given by Self (patient) → Nurse",
        ])
        #expect(old.changes(from: old).isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        let medication = MedicationFixture.metoprolol
        let copy = try JSONDecoder().decode(Medication.self, from: JSONEncoder().encode(medication))
        #expect(copy == medication)
    }
}
