import Foundation
import Testing
@testable import HearthCore

/// Lines as they come: `home(…)` as on the agency's profile, `incoming(…)` as typed from a hospital discharge list.
enum ReconciliationFixture {
    static func home(_ name: String, _ strength: String? = nil, dose: String = "", route: String = "", frequency: String = "",
                     rxnorm: String? = nil, id: String? = nil) -> MedicationLine {
        MedicationLine(id: id ?? "h-\(name)", name: name, rxnorm: rxnorm, strength: strength, dose: dose, route: route, frequency: frequency)
    }

    static func incoming(_ name: String, _ strength: String? = nil, dose: String = "", route: String = "", frequency: String = "",
                         rxnorm: String? = nil, id: String? = nil) -> MedicationLine {
        MedicationLine(id: id ?? "i-\(name)", name: name, rxnorm: rxnorm, strength: strength, dose: dose, route: route, frequency: frequency)
    }

    static func reconcile(home: [MedicationLine], incoming: [MedicationLine], transition: TransitionKind = .resumptionOfCare) -> Reconciliation {
        Reconciliation(transition: transition, date: day("2026-11-20"), home: home, incoming: incoming, catalog: ShippedMedications.catalog)
    }

    /// The one line a single-drug reconciliation produces.
    static func only(home: MedicationLine, incoming: MedicationLine) -> ReconciliationLine {
        let lines = reconcile(home: [home], incoming: [incoming]).lines
        #expect(lines.count == 1, "expected one paired line, got \(lines.map(\.name))")
        return lines[0]
    }
}

private func home(_ name: String, _ strength: String? = nil, dose: String = "", route: String = "", frequency: String = "",
                  rxnorm: String? = nil) -> MedicationLine {
    ReconciliationFixture.home(name, strength, dose: dose, route: route, frequency: frequency, rxnorm: rxnorm)
}

private func incoming(_ name: String, _ strength: String? = nil, dose: String = "", route: String = "", frequency: String = "",
                      rxnorm: String? = nil) -> MedicationLine {
    ReconciliationFixture.incoming(name, strength, dose: dose, route: route, frequency: frequency, rxnorm: rxnorm)
}

/// Pairing: by RxNorm code, then by catalog ingredient (brand ↔ generic), then by name; what is left is new or discontinued.
@Suite struct ReconciliationPairingTests {
    @Test(arguments: [
        (home("Furosemide", "40 mg", dose: "1 tablet", route: "oral", frequency: "once a day"), incoming("Lasix", "40 mg", dose: "1 tab", route: "PO", frequency: "daily")),
        (home("Warfarin", "5 mg", dose: "1 tablet", route: "oral", frequency: "once a day (17:00)"), incoming("Coumadin 5 mg", dose: "1 tab", route: "PO", frequency: "daily")),
        (home("Eliquis", "5 mg", dose: "1 tablet", route: "oral", frequency: "twice a day"), incoming("apixaban", "5 mg", dose: "5 mg", route: "by mouth", frequency: "BID")),
        (home("Toprol XL", "50 mg", dose: "1 tablet", route: "oral", frequency: "once a day"), incoming("metoprolol succinate ER 50 mg 24 hr tablet", dose: "50 mg", route: "PO", frequency: "daily")),
        (home("  ATORVASTATIN  ", "40 mg", dose: "1 tablet", route: "oral", frequency: "at bedtime"), incoming("atorvastatin", "40mg", dose: "1 tablet", route: "PO", frequency: "QHS")),
        (home("Lasix", "20 mg", dose: "1 tablet"), incoming("furosemide (LASIX) 20 MG tablet", dose: "1 tablet")),
        (home("Norco", "5/325 mg", dose: "1 tablet", frequency: "q6h prn pain"), incoming("hydrocodone-acetaminophen 5-325 mg", dose: "1 tab", frequency: "every 6 hours as needed for pain")),
        (home("Turmeric 500 mg capsule", dose: "1 capsule", frequency: "daily"), incoming("turmeric", "500 mg", dose: "1 cap", frequency: "once daily")),
        (home("Lantus", "100 units/mL", dose: "20 units", route: "subcutaneous", frequency: "at bedtime"), incoming("insulin glargine 100 unit/mL", dose: "20 units", route: "SQ", frequency: "nightly")),
        (home("Humulin 70/30", dose: "15 units", route: "SC", frequency: "BID"), incoming("insulin NPH/regular 70-30 (HUMULIN 70/30)", dose: "15 units", route: "subcutaneous", frequency: "twice daily")),
    ])
    func sameDrugUnderAnotherNameIsUnchanged(home: MedicationLine, incoming: MedicationLine) {
        let line = ReconciliationFixture.only(home: home, incoming: incoming)
        #expect(line.kind == .unchanged)
        #expect(line.home == home && line.incoming == incoming)
    }

    @Test func doseChangeIsShownAsAmountsOfDrug() {
        let line = ReconciliationFixture.only(home: home("Metoprolol tartrate", "25 mg", dose: "1 tablet", route: "oral", frequency: "BID"),
                                              incoming: incoming("Metoprolol tartrate", "50 mg", dose: "1 tablet", route: "PO", frequency: "BID"))
        #expect(line.kind == .changed(["Dose 1 tablet (25 mg) → 1 tablet (50 mg)", "Strength 25 mg → 50 mg"]))
    }

    @Test func doseChangeWithinOneStrength() {
        let line = ReconciliationFixture.only(home: home("Furosemide", "40 mg", dose: "1 tablet", frequency: "daily"),
                                              incoming: incoming("Lasix", "40 mg", dose: "2 tablets", frequency: "daily"))
        #expect(line.kind == .changed(["Dose 1 tablet (40 mg) → 2 tablets (80 mg)"]))
    }

    /// Two 25 mg tablets are the same 50 mg dose; only the tablet strength changed.
    @Test func sameAmountInOtherTabletsIsAStrengthChangeOnly() {
        let line = ReconciliationFixture.only(home: home("Metoprolol tartrate", "25 mg", dose: "2 tablets", frequency: "BID"),
                                              incoming: incoming("metoprolol tartrate 50 mg tab", dose: "1 tablet", frequency: "BID"))
        #expect(line.kind == .changed(["Strength 25 mg → 50 mg"]))
    }

    @Test func frequencyChange() {
        let line = ReconciliationFixture.only(home: home("Lisinopril", "10 mg", dose: "1 tablet", route: "oral", frequency: "once a day"),
                                              incoming: incoming("lisinopril 10 mg", dose: "1 tab", route: "PO", frequency: "BID"))
        #expect(line.kind == .changed(["Frequency once a day → twice a day"]))
    }

    @Test func routeChangeToFeedingTube() {
        let line = ReconciliationFixture.only(home: home("Famotidine", "20 mg", dose: "1 tablet", route: "oral", frequency: "BID"),
                                              incoming: incoming("famotidine 20 mg", dose: "20 mg", route: "via G-tube", frequency: "BID"))
        #expect(line.kind == .changed(["Route Oral → Enteral tube"]))
    }

    @Test func strengthEmbeddedInTheName() {
        let line = ReconciliationFixture.only(home: home("Metformin 500 mg tab", dose: "1 tablet", frequency: "BID"),
                                              incoming: incoming("metformin", "1000 mg", dose: "1 tablet", frequency: "BID"))
        #expect(line.kind == .changed(["Dose 1 tablet (500 mg) → 1 tablet (1000 mg)", "Strength 500 mg → 1000 mg"]))
    }

    @Test func immediateToExtendedReleaseIsAFormulationChange() {
        let line = ReconciliationFixture.only(home: home("Metformin", "500 mg", dose: "1 tablet", frequency: "BID"),
                                              incoming: incoming("Metformin ER", "500 mg", dose: "1 tablet", frequency: "BID"))
        #expect(line.kind == .changed(["Formulation immediate release → extended release"]))
    }

    @Test func severalChangesAtOnce() {
        let line = ReconciliationFixture.only(
            home: home("Oxycodone", "5 mg", dose: "1 tablet", route: "oral", frequency: "every 6 hours as needed for pain"),
            incoming: incoming("Roxicodone 5 mg", dose: "2 tablets", route: "PO", frequency: "q4h prn pain"))
        #expect(line.kind == .changed(["Dose 1 tablet (5 mg) → 2 tablets (10 mg)", "Frequency every 6 hours as needed for pain → every 4 hours as needed for pain"]))
    }

    /// A value the incoming list leaves out is not a change: the case manager sees both versions side by side.
    @Test func missingIncomingDetailsAreNotCompared() {
        let line = ReconciliationFixture.only(home: home("Atorvastatin", "40 mg", dose: "1 tablet", route: "oral", frequency: "at bedtime"),
                                              incoming: incoming("atorvastatin 40 mg"))
        #expect(line.kind == .unchanged)
    }

    @Test func unreadableFrequenciesAreComparedAsText() {
        let same = ReconciliationFixture.only(home: home("Nitroglycerin", "0.4 mg", frequency: "as directed by cardiology"),
                                              incoming: incoming("Nitrostat", "0.4 mg", frequency: "As directed by  cardiology"))
        #expect(same.kind == .unchanged)
    }

    @Test func onlyAtHomeIsDiscontinuedOnlyIncomingIsNew() {
        let reconciliation = ReconciliationFixture.reconcile(
            home: [home("Lisinopril", "10 mg"), home("Docusate", "100 mg")],
            incoming: [incoming("Lisinopril", "10 mg"), incoming("Apixaban", "5 mg"), incoming("Nattokinase", "2000 FU")])
        #expect(reconciliation.lines.map(\.name) == ["Lisinopril", "Docusate", "Apixaban", "Nattokinase"])
        #expect(reconciliation.lines.map(\.kind) == [.unchanged, .discontinued, .new, .new])
        #expect(reconciliation.lines.map(\.id) == ["1", "2", "3", "4"])
        #expect(reconciliation.lines[1].incoming == nil && reconciliation.lines[2].home == nil)
    }

    @Test func emptyLists() {
        #expect(ReconciliationFixture.reconcile(home: [], incoming: []).lines.isEmpty)
        #expect(ReconciliationFixture.reconcile(home: [home("Aspirin", "81 mg")], incoming: []).lines.map(\.kind) == [.discontinued])
        #expect(ReconciliationFixture.reconcile(home: [], incoming: [incoming("Aspirin", "81 mg")]).lines.map(\.kind) == [.new])
    }

    /// An unknown drug pairs by name only: a different unknown drug does not pair.
    @Test func unknownDrugsPairByName() {
        let reconciliation = ReconciliationFixture.reconcile(home: [home("Elderberry syrup", dose: "10 mL")],
                                                             incoming: [incoming("elderberry", dose: "10 mL"), incoming("Ashwagandha")])
        #expect(reconciliation.lines.map(\.kind) == [.unchanged, .new])
        #expect(reconciliation.lines.flatMap(\.flags).isEmpty)
    }

    /// Clinical-drug RxNorm codes name one product; the same code pairs whatever the names say.
    @Test func rxnormPairingWinsOverNames() {
        let reconciliation = ReconciliationFixture.reconcile(
            home: [home("Metoprolol succinate ER", "25 mg", rxnorm: "866427"), home("Metoprolol tartrate", "25 mg", rxnorm: "866924"),
                   home("Compounded cream", rxnorm: "999001")],
            incoming: [incoming("Lopressor", "25 mg", rxnorm: "866924"), incoming("Pharmacy compound #7", rxnorm: "999001")])
        #expect(reconciliation.lines.map(\.kind) == [.discontinued, .unchanged, .unchanged])
        #expect(reconciliation.lines[1].incoming?.name == "Lopressor")
        #expect(reconciliation.lines[2].incoming?.name == "Pharmacy compound #7")
    }

    /// A differing RxNorm code (another strength) does not stop the ingredient pairing: the change must show.
    @Test func differentRxnormCodesStillPairByIngredient() {
        let line = ReconciliationFixture.only(home: home("Lisinopril", "10 mg", dose: "1 tablet", rxnorm: "314076"),
                                              incoming: incoming("Lisinopril", "20 mg", dose: "1 tablet", rxnorm: "314077"))
        #expect(line.kind == .changed(["Dose 1 tablet (10 mg) → 1 tablet (20 mg)", "Strength 10 mg → 20 mg"]))
    }

    /// With two metoprolols at home, the hospital's succinate pairs with Toprol XL, not with the tartrate.
    @Test func theClosestFormulationPairs() {
        let reconciliation = ReconciliationFixture.reconcile(
            home: [home("Metoprolol tartrate", "25 mg", dose: "1 tablet", frequency: "BID"), home("Toprol XL", "25 mg", dose: "1 tablet", frequency: "daily")],
            incoming: [incoming("Metoprolol succinate ER", "25 mg", dose: "1 tablet", frequency: "daily")])
        #expect(reconciliation.lines.map(\.kind) == [.discontinued, .unchanged])
        #expect(reconciliation.lines[0].flags == [.duplicateDrug(other: "Metoprolol succinate ER")])
        #expect(reconciliation.lines[1].flags == [.duplicateDrug(other: "Metoprolol tartrate")])
    }
}

/// Flags: the same drug twice, two drugs of a duplicate-therapy class, high-alert medications.
@Suite struct ReconciliationFlagTests {
    private func flags(home: [MedicationLine], incoming: [MedicationLine]) -> [String: [ReconciliationFlag]] {
        let lines = ReconciliationFixture.reconcile(home: home, incoming: incoming).lines
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.name, $0.flags) })
    }

    @Test func sameDrugTwiceOnOneList() {
        let result = flags(home: [home("Lasix", "40 mg"), home("Furosemide", "20 mg")], incoming: [])
        #expect(result == ["Lasix": [.duplicateDrug(other: "Furosemide")], "Furosemide": [.duplicateDrug(other: "Lasix")]])
    }

    @Test func twoACEInhibitors() {
        let result = flags(home: [home("Lisinopril", "10 mg")], incoming: [incoming("Lisinopril", "10 mg"), incoming("Enalapril", "5 mg")])
        #expect(result["Lisinopril"] == [.duplicateClass(className: "ACE inhibitor", other: "Enalapril")])
        #expect(result["Enalapril"] == [.duplicateClass(className: "ACE inhibitor", other: "Lisinopril")])
    }

    /// The hospital switched warfarin to apixaban: both are anticoagulants and high-alert until warfarin is stopped.
    @Test func warfarinAndApixaban() {
        let result = flags(home: [home("Coumadin", "5 mg")], incoming: [incoming("Eliquis", "5 mg")])
        #expect(result["Coumadin"] == [.highAlert(.anticoagulant), .duplicateClass(className: "anticoagulant", other: "Eliquis")])
        #expect(result["Eliquis"] == [.highAlert(.anticoagulant), .duplicateClass(className: "anticoagulant", other: "Coumadin")])
    }

    @Test func aceInhibitorWithARBIsDualBlockade() {
        let result = flags(home: [home("Lisinopril", "10 mg"), home("Losartan", "50 mg")], incoming: [])
        #expect(result["Losartan"] == [.duplicateClass(className: "renin-angiotensin system blocker", other: "Lisinopril")])
    }

    @Test func serotonergicAntidepressants() {
        #expect(flags(home: [home("Sertraline", "50 mg"), home("Celexa", "20 mg")], incoming: [])["Sertraline"]
                == [.duplicateClass(className: "SSRI", other: "Celexa")])
        #expect(flags(home: [home("Sertraline", "50 mg"), home("Cymbalta", "60 mg")], incoming: [])["Sertraline"]
                == [.duplicateClass(className: "serotonin reuptake inhibitor", other: "Cymbalta")])
    }

    @Test func twoBenzodiazepinesAndTwoOpioids() {
        let result = flags(home: [home("Lorazepam", "0.5 mg"), home("Xanax", "0.25 mg"), home("Oxycodone", "5 mg"), home("Dilaudid", "2 mg")],
                           incoming: [])
        #expect(result["Lorazepam"] == [.duplicateClass(className: "benzodiazepine", other: "Xanax")])
        #expect(result["Oxycodone"] == [.highAlert(.opioid), .duplicateClass(className: "opioid", other: "Dilaudid")])
    }

    /// Basal plus mealtime insulin is the usual regimen; two basal insulins are not.
    @Test func insulinIsHighAlertAndOnlyTwoBasalInsulinsAreDuplicates() {
        let regimen = flags(home: [home("Insulin glargine", "100 units/mL"), home("Humalog", "100 units/mL")], incoming: [])
        #expect(regimen["Insulin glargine"] == [.highAlert(.insulin)])
        #expect(regimen["Humalog"] == [.highAlert(.insulin)])
        let twoBasal = flags(home: [home("Lantus")], incoming: [incoming("Lantus"), incoming("Levemir")])
        #expect(twoBasal["Levemir"] == [.highAlert(.insulin), .duplicateClass(className: "basal insulin", other: "Lantus")])
    }

    @Test func acetaminophenInTwoProducts() {
        let result = flags(home: [home("Norco", "5/325 mg"), home("Tylenol", "500 mg")], incoming: [])
        #expect(result["Tylenol"] == [.duplicateClass(className: "acetaminophen-containing", other: "Norco")])
    }

    @Test func flagsSayWhatToCheck() {
        #expect(ReconciliationFlag.duplicateClass(className: "ACE inhibitor", other: "Enalapril").description
                == "Another ACE inhibitor (Enalapril) is on the list: confirm with the physician that both are intended.")
        #expect(ReconciliationFlag.highAlert(.anticoagulant).description
                == "High-alert medication (Anticoagulant): double-check the dose and teach the patient.")
    }
}
