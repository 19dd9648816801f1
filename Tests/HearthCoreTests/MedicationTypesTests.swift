import Foundation
import Testing
@testable import HearthCore

/// Routes carry SNOMED CT codes from FHIR's route value set (http://hl7.org/fhir/ValueSet/route-codes).
@Suite struct MedicationRouteTests {
    @Test func snomedCodesAreTheValueSetConcepts() {
        let codes = Dictionary(uniqueKeysWithValues: MedicationRoute.allCases.map { ($0, $0.snomedCode) })
        #expect(codes == [
            .oral: "26643006", .sublingual: "37839007", .buccal: "54471007", .subcutaneous: "34206005", .intramuscular: "78421000",
            .intravenous: "47625008", .topical: "6064005", .transdermal: "45890007", .inhaled: "447694001", .nasal: "46713006",
            .ophthalmic: "54485002", .otic: "10547007", .rectal: "37161004", .vaginal: "16857009", .enteral: "417985001",
        ])
        #expect(Set(codes.values).count == MedicationRoute.allCases.count, "no two routes share a code")
        #expect(MedicationRoute.oral.snomedDisplay == "Oral route")
        #expect(MedicationRoute.inhaled.snomedDisplay == "Respiratory tract route")
        #expect(MedicationRoute.rectal.snomedDisplay == "Rectal route")
    }

    @Test func formValuesAreRawValuesOrTitlesInAnyCase() {
        #expect(MedicationRoute(form: "oral") == .oral)
        #expect(MedicationRoute(form: " Enteral Tube ") == .enteral)
        #expect(MedicationRoute(form: "SUBCUTANEOUS") == .subcutaneous)
        #expect(MedicationRoute(form: "PO") == nil)
        #expect(MedicationRoute(form: "") == nil)
    }

    @Test(arguments: [
        ("PO", MedicationRoute.oral), ("by mouth", .oral), ("SL", .sublingual), ("SQ", .subcutaneous), ("subQ", .subcutaneous),
        ("IM", .intramuscular), ("IV", .intravenous), ("via G-tube", .enteral), ("PEG", .enteral), ("inh", .inhaled),
        ("neb", .inhaled), ("PR", .rectal), ("both eyes", .ophthalmic), ("TD", .transdermal),
    ])
    func hospitalAbbreviations(text: String, route: MedicationRoute) {
        #expect(MedicationRoute.parse(text) == route)
    }

    @Test func whoGivesItDecidesMARorAdherence() {
        #expect(MedicationAdministrator(rawValue: "self") == .patient)
        #expect(MedicationAdministrator.allCases.filter(\.usesMAR) == [.aide, .nurse])
        #expect(MedicationAdministrator(form: "Home health aide") == .aide)
        #expect(MedicationAdministrator(form: "SELF") == .patient)
    }
}

/// Doses as typed on forms and lists, with UCUM units for FHIR's dose quantity.
@Suite struct MedicationDoseTests {
    @Test(arguments: [
        ("5 mg", "5 mg"), ("1 tablet", "1 tablet"), ("2 puffs", "2 puffs"), ("10 units", "10 units"), ("0.5 mL", "0.5 mL"),
        ("1/2 tablet", "0.5 tablet"), ("½ tab", "0.5 tablet"), ("2 tabs", "2 tablets"), ("5mg", "5 mg"), ("1 unit", "1 unit"),
        ("2 gtts", "2 drops"), ("2 L/min", "2 L/min"), ("20 mEq", "20 mEq"), ("1 patch", "1 patch"), ("2 patches", "2 patches"),
        ("1 tablet (25 mg total)", "1 tablet"), ("1.5 tablets", "1.5 tablets"), ("17 g", "17 g"), ("1 supp", "1 suppository"),
    ])
    func parseAndDescribe(text: String, description: String) {
        #expect(MedicationDose.parse(text)?.description == description)
    }

    @Test(arguments: ["", "mg", "five mg", "0 mg", "-1 mg", "1/3 tablet", "5 bananas", "1..5 mg", "5abc mg"])
    func notADose(text: String) {
        #expect(MedicationDose.parse(text) == nil)
    }

    @Test func formFieldsAndUCUM() {
        #expect(MedicationDose(amount: "25", unit: "mg") == MedicationDose(amount: 25, unit: .mg))
        #expect(MedicationDose(amount: "25", unit: "") == nil)
        #expect(DoseUnit.mcg.ucum == "ug")
        #expect(DoseUnit.units.ucum == "[iU]")
        #expect(DoseUnit.tablet.ucum == "{tablet}")
        #expect(DoseUnit.drop.ucum == "[drp]")
        #expect(DoseUnit(text: "LPM") == .litersPerMinute)
    }
}

/// Clock times and structured frequencies: "twice a day (08:00, 20:00)", "as needed for pain, at most 4 a day".
@Suite struct MedicationScheduleTests {
    @Test func timesOfDay() {
        #expect(TimeOfDay("8:00")?.description == "08:00")
        #expect(TimeOfDay("20:30")?.description == "20:30")
        #expect(TimeOfDay("8 pm")?.description == "20:00")
        #expect(TimeOfDay("12am")?.description == "00:00")
        #expect(TimeOfDay("24:00") == nil)
        #expect(TimeOfDay("8") == nil)
        #expect(TimeOfDay("8:5") == nil)
        #expect(TimeOfDay.list("08:00, 20:00")?.map(\.description) == ["08:00", "20:00"])
        #expect(TimeOfDay.list("8 am, 8 pm")?.map(\.description) == ["08:00", "20:00"])
        #expect(TimeOfDay.list("08:00 noon") == nil)
    }

    @Test func descriptions() {
        let times = TimeOfDay.list("20:00, 08:00")!
        #expect(MedicationSchedule.daily(2, at: times).description == "twice a day (08:00, 20:00)")
        #expect(MedicationSchedule.daily(1).description == "once a day")
        #expect(MedicationSchedule.daily(3).description == "3 times a day")
        #expect(MedicationSchedule.asNeeded(for: "pain", max: 4).description == "as needed for pain, at most 4 a day")
        #expect(MedicationSchedule.asNeeded(for: "pain", everyHours: 6, max: 4).description == "every 6 hours as needed for pain, at most 4 a day")
        #expect(MedicationSchedule(timesPerDay: 1, asNeeded: true, indication: "chest pain").description == "once a day and as needed for chest pain")
        #expect(MedicationSchedule(everyDays: 7).description == "once a week")
        #expect(MedicationSchedule(everyDays: 3).description == "every 3 days")
    }

    @Test(arguments: [
        ("BID", "twice a day"), ("b.i.d.", "twice a day"), ("daily", "once a day"), ("1 tab po qd", "once a day"),
        ("TID", "3 times a day"), ("QID", "4 times a day"), ("at bedtime", "once a day"), ("twice daily (8:00, 20:00)", "twice a day (08:00, 20:00)"),
        ("q6h prn pain", "every 6 hours as needed for pain"), ("every 4-6 hours as needed for pain, max 4 doses/day", "every 4 hours as needed for pain, at most 4 a day"),
        ("PRN shortness of breath", "as needed for shortness of breath"), ("weekly", "once a week"), ("every 72 hours", "every 3 days"),
        ("q12h", "every 12 hours"), ("3 times a day", "3 times a day"), ("every other day", "every other day"),
        ("BID PRN anxiety", "as needed for anxiety, at most 2 a day"), ("at bedtime as needed for sleep", "as needed for sleep, at most 1 a day"),
    ])
    func looseFrequencies(text: String, description: String) {
        #expect(MedicationSchedule.parse(text)?.description == description)
    }

    @Test func unreadableFrequencyIsNil() {
        #expect(MedicationSchedule.parse("") == nil)
        #expect(MedicationSchedule.parse("as directed by cardiology") == nil)
    }

    @Test func sameFrequencyIgnoresNotation() {
        let home = MedicationSchedule.daily(2, at: TimeOfDay.list("08:00, 20:00")!)
        #expect(home.sameFrequency(as: MedicationSchedule.parse("BID")!))
        #expect(home.sameFrequency(as: MedicationSchedule.parse("q12h")!))
        #expect(!home.sameFrequency(as: MedicationSchedule.parse("daily")!))
        #expect(!home.sameFrequency(as: MedicationSchedule.parse("twice daily (09:00, 21:00)")!))
    }

    /// A weekly medication (alendronate, methotrexate) is due every 7 days from its start date.
    @Test func weeklyIsDueEverySeventhDay() {
        let weekly = MedicationSchedule(everyDays: 7)
        let start = day("2026-11-02")
        #expect(weekly.isDue(on: day("2026-11-02"), startingOn: start))
        #expect(!weekly.isDue(on: day("2026-11-05"), startingOn: start))
        #expect(weekly.isDue(on: day("2026-11-16"), startingOn: start))
        #expect(!weekly.isDue(on: day("2026-10-26"), startingOn: start))
        #expect(!MedicationSchedule.asNeeded(for: "pain").isDue(on: start, startingOn: start))
    }

    @Test func timesRoundTripAsText() throws {
        let schedule = MedicationSchedule.daily(2, at: TimeOfDay.list("08:00, 20:00")!)
        let json = String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
        #expect(json.contains(#""08:00""#))
        #expect(try JSONDecoder().decode(MedicationSchedule.self, from: Data(json.utf8)) == schedule)
    }

    @Test func storedTimesDecodeExactlyAndOlderFormsStillRead() throws {
        func decode(_ text: String) -> TimeOfDay? { try? JSONDecoder().decode([TimeOfDay].self, from: Data("[\"\(text)\"]".utf8)).first }
        #expect(decode("08:00")?.minutes == 480 && decode("23:59")?.minutes == 1439 && decode("00:00")?.minutes == 0)
        #expect(decode("8 pm")?.description == "20:00" && decode("8:00")?.description == "08:00") // the lenient reading
        #expect(decode("24:00") == nil && decode("12:60") == nil && decode("0a:00") == nil && decode("") == nil)
    }
}
