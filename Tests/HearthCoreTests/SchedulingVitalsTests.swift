import Testing
@testable import HearthCore

/// Vital signs on the visit note: physiological limits refuse, usual ranges flag; each measure has its LOINC code and UCUM unit.
@Suite struct VitalsTests {
    @Test func eachMeasureHasItsLOINCCodeAndUCUMUnit() {
        let codes = Dictionary(uniqueKeysWithValues: VitalSign.allCases.map { ($0, $0.definition.codes.map(\.code)) })
        #expect(codes == [.systolic: ["8480-6"], .diastolic: ["8462-4"], .pulse: ["8867-4"], .temperature: ["8310-5"],
                          .respiration: ["9279-1"], .oxygenSaturation: ["59408-5", "2708-6"], .weight: ["29463-7"],
                          .pain: ["72514-3"], .glucose: ["41653-7"]])
        #expect(VitalSign.bloodPressurePanel.code == "85354-9")
        let units = Dictionary(uniqueKeysWithValues: VitalSign.allCases.map { ($0, $0.definition.units.map(\.rawValue)) })
        #expect(units == [.systolic: ["mm[Hg]"], .diastolic: ["mm[Hg]"], .pulse: ["/min"], .temperature: ["[degF]", "Cel"],
                          .respiration: ["/min"], .oxygenSaturation: ["%"], .weight: ["[lb_av]", "kg"], .pain: ["{score}"],
                          .glucose: ["mg/dL"]])
        #expect(VitalSign.allCases.allSatisfy { !$0.definition.source.isEmpty })
    }

    /// Limits are typos, refused: SpO2 over 100, a pulse of 0 or over 300, a systolic not above the diastolic.
    @Test(arguments: [
        (VitalSign.oxygenSaturation, 101.0, false), (.oxygenSaturation, 100, true), (.oxygenSaturation, 49, false), (.oxygenSaturation, 50, true),
        (.pulse, 0, false), (.pulse, 19, false), (.pulse, 20, true), (.pulse, 300, true), (.pulse, 301, false),
        (.pain, 10, true), (.pain, 11, false), (.pain, 0, true),
        (.respiration, 3, false), (.respiration, 80, true),
        (.glucose, 9, false), (.glucose, 1000, true),
        (.temperature, 115, true), (.temperature, 115.1, false), (.temperature, 79.9, false),
    ])
    func physiologicalLimitsRefuse(_ sign: VitalSign, _ value: Double, _ accepted: Bool) {
        #expect((VitalReading(sign, value).refusal == nil) == accepted)
    }

    /// Usual ranges flag but accept: 2017 ACC/AHA (systolic ≥ 140, < 90); WHO (SpO2 < 90); ADA (glucose < 70, > 180).
    @Test(arguments: [
        (VitalSign.systolic, 139.0, nil as Bool?), (.systolic, 140, true), (.systolic, 90, nil), (.systolic, 89, false),
        (.diastolic, 89, nil), (.diastolic, 90, true), (.diastolic, 59, false),
        (.oxygenSaturation, 90, nil), (.oxygenSaturation, 89, false),
        (.pulse, 100, nil), (.pulse, 101, true), (.pulse, 59, false),
        (.temperature, 100.3, nil), (.temperature, 100.4, true), (.temperature, 96.7, false),
        (.respiration, 21, true), (.respiration, 11, false),
        (.glucose, 69, false), (.glucose, 181, true), (.glucose, 70, nil),
        (.pain, 3, nil), (.pain, 4, true),
        (.weight, 400, nil),
    ])
    func usualRangesFlag(_ sign: VitalSign, _ value: Double, _ high: Bool?) {
        #expect(VitalReading(sign, value).refusal == nil)
        #expect(VitalReading(sign, value).flag?.high == high)
    }

    @Test func celsiusAndKilogramsAreCheckedInTheirOwnTerms() {
        #expect(VitalReading(.temperature, 38.0, unit: .celsius).flag?.high == true)
        #expect(VitalReading(.temperature, 37.9, unit: .celsius).flag == nil)
        #expect(VitalReading(.temperature, 47, unit: .celsius).refusal != nil)
        #expect(VitalReading(.weight, 453.5, unit: .kilogram).refusal == nil)
        #expect(VitalReading(.weight, 453.7, unit: .kilogram).refusal == "Weight 453.7 kg is outside what a patient can have (0.9–453.6 kg). Check the reading and enter it again.")
        #expect(VitalReading(.temperature, 38.2, unit: .celsius).flag?.description.hasPrefix("Temperature 38.2 °C is high (usual 36.0–37.9 °C).") == true)
        #expect(VitalReading(.pulse, 72, unit: .percent).refusal == "Record pulse in /min.")
    }

    @Test func aBloodPressureIsAPairWithTheSystolicAbove() {
        #expect(throws: VitalsRefusal(problems: ["systolic": "The systolic (upper) number 80 mmHg must be above the diastolic 90 mmHg. Check whether they were swapped."])) {
            try Vitals([VitalReading(.systolic, 80), VitalReading(.diastolic, 90)])
        }
        #expect(throws: VitalsRefusal.self) { try Vitals([VitalReading(.systolic, 90), VitalReading(.diastolic, 90)]) }
        #expect(throws: VitalsRefusal(problems: ["diastolic": "Enter the diastolic (lower) number of the blood pressure too."])) {
            try Vitals([VitalReading(.systolic, 120)])
        }
    }

    @Test func acceptedVitalsCarryTheirFlagsInFormOrder() throws {
        let vitals = try Vitals([VitalReading(.oxygenSaturation, 88), VitalReading(.diastolic, 70), VitalReading(.systolic, 152), VitalReading(.pulse, 72)])
        #expect(vitals.readings.map(\.sign) == [.systolic, .diastolic, .pulse, .oxygenSaturation])
        #expect(vitals.flags.map(\.description) == [
            "Systolic blood pressure 152 mmHg is high (usual 90–139 mmHg). Follow the plan's call parameters and notify the physician if they say so.",
            "SpO2 88% is low (usual 90–100%). Follow the plan's call parameters and notify the physician if they say so.",
        ])
        #expect(vitals[.pulse]?.value == 72)
    }
}

/// The vitals form: empty fields are signs not taken; each problem is keyed by its field and says what to type.
@Suite struct VitalsDraftTests {
    @Test func aCompleteFormBecomesVitals() throws {
        let draft = VitalsDraft(systolic: "128", diastolic: "78", pulse: "72", temperature: "98.6", respiration: "16", oxygenSaturation: "97",
                                weight: "165.5", pain: "2", glucose: "110")
        #expect(draft.problems.isEmpty)
        let vitals = try draft.vitals().get()
        #expect(vitals.readings.count == 9)
        #expect(vitals.flags.isEmpty)
        #expect(vitals[.weight]?.unit == .pound)
    }

    @Test func anEmptyFormIsNoVitalsAndNoProblems() throws {
        #expect(try VitalsDraft().vitals().get().readings.isEmpty)
    }

    @Test func typingProblemsAreKeyedByField() {
        let problems = VitalsDraft(pulse: "72.5", temperature: "98,6", respiration: "-4", oxygenSaturation: "0x5F", pain: "ten").problems
        #expect(problems["pulse"] == "Enter pulse as a whole number, for example 72.")
        #expect(problems["temperature"] == nil)
        #expect(problems["respiration"] != nil && problems["spo2"] != nil && problems["pain"] != nil)
    }

    @Test func unitsComeFromTheirOwnFields() throws {
        let vitals = try VitalsDraft(temperature: "37.2", temperatureUnit: "°C", weight: "70", weightUnit: "kg").vitals().get()
        #expect(vitals[.temperature]?.unit == .celsius && vitals[.weight]?.unit == .kilogram)
        #expect(VitalsDraft(temperature: "99", temperatureUnit: "K").problems["temperatureUnit"] == "Choose °F or °C.")
    }

    @Test func outsideLimitsIsRefusedWithTheLimitsAndBloodPressureByItsFields() {
        let problems = VitalsDraft(systolic: "70", diastolic: "80", oxygenSaturation: "101").problems
        #expect(problems["spo2"] == "SpO2 101% is outside what a patient can have (50–100%). Check the reading and enter it again.")
        #expect(problems["systolic"]?.contains("must be above the diastolic") == true)
    }
}
