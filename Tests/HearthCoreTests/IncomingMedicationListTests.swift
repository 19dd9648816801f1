import HearthCore
import Testing

@Suite struct IncomingMedicationListTests {
    let day = CalendarDate("2026-11-20")!

    @Test func aTypedDischargeListBecomesMedicationsWithStrengthSplitFromTheName() {
        let list = IncomingMedicationList(text: """
            # Discharge list, Mercy General
            Metoprolol succinate ER 25 mg; 1 tablet; oral; once a day

            Albuterol HFA 90 mcg; 2 puffs; inhaled; every 4 hours as needed for shortness of breath
            Insulin glargine 100 units/mL; 20 units; subcutaneous; at bedtime
            """, start: day)
        #expect(list.problems.isEmpty)
        #expect(list.medications.map(\.name) == ["Metoprolol succinate ER", "Albuterol HFA", "Insulin glargine"])
        #expect(list.medications.map(\.strength) == ["25 mg", "90 mcg", "100 units/mL"])
        #expect(list.medications[1].schedule.asNeeded && list.medications[1].schedule.indication == "shortness of breath")
        #expect(list.medications.allSatisfy { $0.start == day && $0.administeredBy == .patient })
    }

    @Test func eachBadLineIsReportedWithItsNumberAndWhatToWrite() {
        let list = IncomingMedicationList(text: "Lasix 40 mg; 1 tablet; oral; twice a day\nLisinopril 10 mg\nWarfarin 5 mg; one; oral; daily\nAspirin 81 mg; 1 tablet; by osmosis; daily",
                                          start: day)
        #expect(list.medications.map(\.name) == ["Lasix"])
        #expect(list.problems.map(\.line) == [2, 3, 4])
        #expect(list.problems[0].problem.contains("four parts"))
        #expect(list.problems[1].problem.contains("amount and a unit"))
        #expect(list.problems[2].problem.contains("route"))
    }

    @Test func aNameWithoutAStrengthKeepsItsWholeName() {
        #expect(IncomingMedicationList.splitStrength("Docusate sodium") == ("Docusate sodium", nil))
        #expect(IncomingMedicationList.splitStrength("Potassium chloride ER 20 mEq") == ("Potassium chloride ER", "20 mEq"))
    }
}
