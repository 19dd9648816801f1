import Foundation
import Testing
@testable import HearthCore

/// MAR entries for medications an aide or nurse gives, and the day's grid.
@Suite struct AdministrationDraftTests {
    let today = day("2026-11-20")
    /// Metoprolol tartrate 25 mg twice a day (08:00, 20:00), given by the nurse, stopped after 2026-11-25.
    var metoprolol: Medication {
        var medication = MedicationFixture.metoprolol
        medication.administeredBy = .nurse
        medication.stop = day("2026-11-25")
        return medication
    }

    @Test func aGivenDoseIsRecorded() {
        let draft = AdministrationDraft(status: "given", date: "2026-11-20", time: "08:05")
        #expect(draft.problems(for: metoprolol, today: today).isEmpty)
        #expect(draft.record(for: metoprolol, today: today) == AdministrationRecord(status: .given, date: today, time: TimeOfDay("08:05")))
    }

    @Test(arguments: [
        (AdministrationStatus.held, "Say why the dose was held, e.g. heart rate 52, held per parameters."),
        (.refused, "Say why the patient refused, in their words if you can."),
        (.missed, "Say why the dose was missed, e.g. patient asleep or medication not in the home."),
    ])
    func notGivenNeedsAReason(status: AdministrationStatus, message: String) {
        let draft = AdministrationDraft(status: status, date: today, time: TimeOfDay("08:00"))
        #expect(draft.problems(for: metoprolol, today: today) == ["reason": message])
        var withReason = draft
        withReason.reason = "Apical pulse 52"
        #expect(withReason.record(for: metoprolol, today: today)?.reason == "Apical pulse 52")
    }

    @Test func noEntryForTheFuture() {
        let draft = AdministrationDraft(status: .given, date: day("2026-11-21"))
        #expect(draft.problems(for: metoprolol, today: today)
                == ["date": "The date is in the future; record a dose once it has been given, held, refused or missed."])
    }

    @Test func noEntryOutsideTheMedicationsDates() {
        let after = AdministrationDraft(status: .given, date: day("2026-11-26"))
        #expect(after.problems(for: metoprolol, today: day("2026-11-30"))
                == ["date": "Metoprolol tartrate was discontinued on 2026-11-25; a MAR entry cannot be recorded for it."])
        let lastDay = AdministrationDraft(status: .given, date: day("2026-11-25"))
        #expect(lastDay.problems(for: metoprolol, today: day("2026-11-30")).isEmpty, "the stop date is the last day taken")
        let before = AdministrationDraft(status: .given, date: day("2026-11-01"))
        #expect(before.problems(for: metoprolol, today: today)
                == ["date": "Metoprolol tartrate starts on 2026-11-02; a MAR entry cannot be recorded before then."])
    }

    @Test func selfAdministeredMedicationGetsAnAdherenceCheckInstead() {
        let draft = AdministrationDraft(status: .given, date: today)
        #expect(draft.problems(for: MedicationFixture.metoprolol, today: today)["medication"]
                == "Metoprolol tartrate is not on the MAR because the patient takes it themselves; record an adherence check instead.")
        var caregiver = MedicationFixture.metoprolol
        caregiver.administeredBy = .caregiver
        #expect(draft.problems(for: caregiver, today: today)["medication"]?.hasSuffix("record an adherence check instead.") == true)
    }

    @Test func anAsNeededDoseSaysWhy() {
        let morphine = MedicationFixture.medication("Morphine sulfate oral solution", strength: "20 mg/mL", dose: "0.25 mL",
                                                    schedule: .asNeeded(for: "pain or shortness of breath", everyHours: 2), by: .nurse)
        let draft = AdministrationDraft(status: .given, date: today, time: TimeOfDay("14:10"))
        #expect(draft.problems(for: morphine, today: today) == ["reason": "Say why the as-needed dose was given, e.g. pain 7/10."])
    }

    @Test func typedValuesAreChecked() {
        let draft = AdministrationDraft(status: "sort of", date: "yesterday", time: "8", reason: "", doseGiven: "some")
        #expect(draft.problems(for: metoprolol, today: today) == [
            "status": "Choose given, held, refused or missed.", "date": "Enter the date as YYYY-MM-DD, e.g. 2026-11-20.",
            "time": "Enter the time as HH:MM, e.g. 08:00.", "doseGiven": "Give the dose as a number and a unit, e.g. 1 tablet or 5 mg.",
        ])
        let held = AdministrationDraft(status: "held", date: "2026-11-20", reason: "BP 88/50", doseGiven: "1 tablet")
        #expect(held.problems(for: metoprolol, today: today) == ["doseGiven": "Only a given dose has an amount; clear it or choose given."])
    }
}

@Suite struct MARDayTests {
    let date = day("2026-11-20")

    var medications: [(id: String, medication: Medication)] {
        [
            ("m1", MedicationFixture.medication("Metoprolol tartrate", strength: "25 mg", dose: "1 tablet",
                                                schedule: .daily(2, at: TimeOfDay.list("08:00, 20:00")!))),
            ("m2", MedicationFixture.medication("Insulin lispro", dose: "4 units", route: .subcutaneous, schedule: .daily(3))),
            ("m3", MedicationFixture.medication("Oxycodone", strength: "5 mg", dose: "1 tablet", schedule: .asNeeded(for: "pain", max: 2))),
            ("m4", MedicationFixture.medication("Alendronate", strength: "70 mg", dose: "1 tablet", schedule: MedicationSchedule(everyDays: 7),
                                                start: "2026-11-02")),
            ("m5", MedicationFixture.medication("Lisinopril", strength: "10 mg", dose: "1 tablet", schedule: .daily(1), by: .patient)),
            ("m6", MedicationFixture.medication("Cephalexin", strength: "500 mg", dose: "1 capsule", schedule: .daily(4), stop: "2026-11-19")),
        ]
    }

    @Test func onlyActiveMARMedicationsByName() {
        let mar = MARDay(date: date, medications: medications, records: [])
        // lisinopril is self-given; cephalexin ended yesterday
        #expect(mar.rows.map(\.medication.name) == ["Alendronate", "Insulin lispro", "Metoprolol tartrate", "Oxycodone"])
        #expect(mar.rows.map(\.slots.count) == [0, 3, 2, 0], "alendronate is due on the 2nd, 9th, 16th, 23rd")
        #expect(mar.outstandingCount == 5)
    }

    @Test func entriesFillTheNearestScheduledTime() {
        let records: [(medicationID: String, record: AdministrationRecord)] = [
            ("m1", AdministrationRecord(status: .given, date: date, time: TimeOfDay("08:20"))),
            ("m1", AdministrationRecord(status: .held, date: date, time: TimeOfDay("19:45"), reason: "Heart rate 54")),
            ("m1", AdministrationRecord(status: .given, date: day("2026-11-19"), time: TimeOfDay("08:00"))),
        ]
        let row = MARDay(date: date, medications: medications, records: records).rows.first { $0.id == "m1" }!
        #expect(row.slots.map { $0.record?.status } == [.given, .held])
        #expect(row.outstanding.isEmpty && row.extra.isEmpty)
    }

    @Test func anEntryFarFromAnyTimeIsShownApart() {
        let records: [(medicationID: String, record: AdministrationRecord)] = [
            ("m1", AdministrationRecord(status: .given, date: date, time: TimeOfDay("13:00"))),
        ]
        let row = MARDay(date: date, medications: medications, records: records).rows.first { $0.id == "m1" }!
        #expect(row.outstanding.map(\.time) == [TimeOfDay("08:00"), TimeOfDay("20:00")])
        #expect(row.extra.map(\.time) == [TimeOfDay("13:00")])
    }

    @Test func untimedSlotsFillInOrder() {
        let records: [(medicationID: String, record: AdministrationRecord)] = [
            ("m2", AdministrationRecord(status: .given, date: date, time: TimeOfDay("07:30"))),
            ("m2", AdministrationRecord(status: .refused, date: date, time: TimeOfDay("12:10"), reason: "Not eating lunch")),
        ]
        let row = MARDay(date: date, medications: medications, records: records).rows.first { $0.id == "m2" }!
        #expect(row.slots.map { $0.record?.status } == [.given, .refused, nil])
        #expect(row.outstanding.count == 1)
    }

    @Test func asNeededDosesAreCountedAgainstTheDailyMaximum() {
        let given = { (time: String) in ("m3", AdministrationRecord(status: .given, date: self.date, time: TimeOfDay(time), reason: "pain 6/10")) }
        let twice = MARDay(date: date, medications: medications, records: [given("09:00"), given("15:00")]).rows.first { $0.id == "m3" }!
        #expect(twice.extra.count == 2 && !twice.overPRNLimit)
        let thrice = MARDay(date: date, medications: medications, records: [given("09:00"), given("15:00"), given("21:00")])
        #expect(thrice.rows.first { $0.id == "m3" }!.overPRNLimit)
    }

    @Test func weeklyMedicationOnItsDay() {
        let mar = MARDay(date: day("2026-11-23"), medications: medications, records: [])
        #expect(mar.rows.first { $0.id == "m4" }?.slots.count == 1)
    }
}
