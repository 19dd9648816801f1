import Foundation
import Testing
@testable import HearthCore

/// The medication catalog shipped in `Resources/Medications`, loaded the way the app loads it at start-up.
enum ShippedMedications {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Medications")

    static let catalog: MedicationCatalog = {
        do { return try MedicationCatalog(directory: directory) } catch { fatalError("\(error)") }
    }()
}

/// Names as lists write them find the drug: generic, brand, alias, with strength, form, release and salt words set aside.
@Suite struct MedicationCatalogTests {
    let catalog = ShippedMedications.catalog

    @Test func theShippedCatalogLoadsWithEveryClassDefined() {
        #expect(catalog.drugs.count >= 150)
        for drug in catalog.drugs {
            #expect(!drug.classes.isEmpty)
            for name in drug.classes { #expect(catalog.drugClass(named: name) != nil, "\(drug.ingredient): \(name)") }
        }
    }

    @Test(arguments: [
        ("Lasix", "furosemide"), ("furosemide", "furosemide"), ("FUROSEMIDE 40 MG TABLET", "furosemide"),
        ("Coumadin", "warfarin"), ("Jantoven 5 mg", "warfarin"), ("warfarin sodium", "warfarin"),
        ("Eliquis", "apixaban"), ("Toprol XL", "metoprolol"), ("TOPROL-XL", "metoprolol"), ("Metoprolol Tartrate 25 mg tab", "metoprolol"),
        ("metoprolol succinate ER 50 mg 24 hr tablet", "metoprolol"), ("Metformin 500 mg tab", "metformin"),
        ("  metformin   ER  ", "metformin"), ("Glucophage XR", "metformin"), ("Lantus SoloStar", "insulin glargine"),
        ("NPH insulin", "insulin NPH"), ("Humulin 70/30", "insulin NPH/insulin regular"),
        ("Humulin R U-100", "insulin regular"), ("hydrocodone-acetaminophen 5-325 mg", "hydrocodone/acetaminophen"),
        ("Norco 5/325", "hydrocodone/acetaminophen"), ("ASA 81", "aspirin"), ("Aspirin EC 81 mg", "aspirin"),
        ("lisinopril-HCTZ", "lisinopril/hydrochlorothiazide"), ("HCTZ 25 mg", "hydrochlorothiazide"),
        ("furosemide (LASIX) 40 MG tablet", "furosemide"), ("LASIX (furosemide)", "furosemide"),
        ("Advair Diskus 250/50", "fluticasone/salmeterol"), ("Spiriva HandiHaler 18 mcg", "tiotropium"),
        ("albuterol sulfate HFA 90 mcg/actuation", "albuterol"), ("Potassium Chloride ER 20 mEq", "potassium chloride"),
        ("KCl 20 mEq", "potassium chloride"), ("Vitamin D3 1,000 units", "cholecalciferol"), ("MiraLAX 17 g", "polyethylene glycol 3350"),
        ("polyethylene glycol", "polyethylene glycol 3350"), ("senna-docusate 8.6-50 mg", "docusate/sennosides"),
        ("oxyCODONE HCl 5 mg", "oxycodone"), ("Tylenol 500 mg", "acetaminophen"), ("Bactrim DS", "sulfamethoxazole/trimethoprim"),
        ("TMP-SMX DS", "sulfamethoxazole/trimethoprim"), ("Lithium carbonate 300 mg", "lithium"), ("Depakote ER", "divalproex"),
        ("lidocaine 5% patch", "lidocaine"), ("nitroglycerin 0.4 mg SL tab", "nitroglycerin"), ("O2", "oxygen"),
    ])
    func namesFindTheirDrug(name: String, ingredient: String) {
        #expect(catalog.entry(forName: name)?.ingredient == ingredient)
    }

    @Test func unknownAndEmptyNamesFindNothing() {
        #expect(catalog.entry(forName: "Grandma's herbal tea") == nil)
        #expect(catalog.entry(forName: "") == nil)
        #expect(catalog.entry(forName: "25 mg tablet") == nil)
        // calcium carbonate and calcium acetate are both listed, so "calcium" alone is ambiguous
        #expect(catalog.entry(forName: "calcium") == nil)
        #expect(catalog.entry(forName: "calcium acetate 667 mg")?.ingredient == "calcium acetate")
    }

    /// ISMP's community/ambulatory high-alert list is the idea: anticoagulants, insulins, opioids, oral hypoglycemics,
    /// immunosuppressants, oral chemotherapy, methotrexate; digoxin, lithium and some antiepileptics are our addition.
    @Test func highAlertCategories() {
        #expect(catalog.isHighAlert("Eliquis 5 mg") == .anticoagulant)
        #expect(catalog.isHighAlert("Lovenox 40 mg/0.4 mL") == .anticoagulant)
        #expect(catalog.isHighAlert("insulin glargine 100 units/mL") == .insulin)
        #expect(catalog.isHighAlert("Percocet 5/325") == .opioid)
        #expect(catalog.isHighAlert("glipizide") == .oralHypoglycemic)
        #expect(catalog.isHighAlert("methotrexate 2.5 mg") == .methotrexate)
        #expect(catalog.isHighAlert("Lanoxin 0.125 mg") == .narrowTherapeuticIndex)
        #expect(catalog.isHighAlert("Prograf") == .immunosuppressant)
        #expect(catalog.isHighAlert("Xeloda") == .oralChemotherapy)
        #expect(catalog.isHighAlert("lisinopril") == nil)
        #expect(catalog.isHighAlert("anastrozole") == nil) // hormonal therapy is not on the list
    }

    @Test func classesMostSpecificFirst() {
        #expect(catalog.classes(of: "Zestril") == ["ACE inhibitor", "renin-angiotensin system blocker"])
        #expect(catalog.classes(of: "Lasix") == ["loop diuretic"])
        #expect(catalog.classes(of: "something unknown") == [])
        #expect(catalog.drugClass(named: "ace INHIBITOR")?.duplicateTherapy == true)
        #expect(catalog.drugClass(named: "insulin")?.duplicateTherapy == false)
        #expect(catalog.drugClass(named: "basal insulin")?.duplicateTherapy == true)
    }

    @Test func aBrokenFileNamesItselfInOneLine() {
        do {
            _ = try MedicationCatalog(files: [("bad.json", Data(#"{"drugs": [{"ingredient": "x"}"#.utf8))])
            Issue.record("broken JSON must be refused")
        } catch {
            #expect(error.description.hasPrefix("Medication catalog bad.json: not valid medication catalog JSON"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func anUndefinedClassIsNamedWithItsDrug() {
        let json = #"{"drugs": [{"ingredient": "lisinopril", "classes": ["ACE inhibiter"]}]}"#
        #expect(throws: MedicationCatalogError(source: "cardio.json", drug: "lisinopril", problem: .unknownClass("ACE inhibiter"))) {
            try MedicationCatalog(files: [("cardio.json", Data(json.utf8))])
        }
    }

    @Test func aBrandCannotNameTwoDrugs() {
        let classes = #"{"classes": [{"name": "loop diuretic", "duplicateTherapy": true}]}"#
        let drugs = #"{"drugs": [{"ingredient": "furosemide", "brands": ["Lasix"], "classes": ["loop diuretic"]},"#
            + #"{"ingredient": "bumetanide", "brands": ["LASIX"], "classes": ["loop diuretic"]}]}"#
        #expect(throws: MedicationCatalogError(source: "d.json", drug: "bumetanide", problem: .nameClash(name: "LASIX", otherDrug: "furosemide"))) {
            try MedicationCatalog(files: [("c.json", Data(classes.utf8)), ("d.json", Data(drugs.utf8))])
        }
    }

    @Test func aDrugListedTwiceIsRefused() {
        let classes = #"{"classes": [{"name": "statin", "duplicateTherapy": true}]}"#
        let one = #"{"drugs": [{"ingredient": "atorvastatin", "classes": ["statin"]}]}"#
        #expect(throws: MedicationCatalogError(source: "b.json", drug: "atorvastatin", problem: .duplicateDrug("atorvastatin", otherSource: "a.json"))) {
            try MedicationCatalog(files: [("c.json", Data(classes.utf8)), ("a.json", Data(one.utf8)), ("b.json", Data(one.utf8))])
        }
    }

    @Test func aNameThatIsOnlyAFormIsRefused() {
        let json = #"{"classes": [{"name": "statin", "duplicateTherapy": true}], "drugs": [{"ingredient": "atorvastatin", "brands": ["Tablet"], "classes": ["statin"]}]}"#
        #expect(throws: MedicationCatalogError(source: "a.json", drug: "atorvastatin", problem: .emptyName("Tablet"))) {
            try MedicationCatalog(files: [("a.json", Data(json.utf8))])
        }
    }
}

/// Taking a typed name apart: strength, release form and salts are found, and the shown name is never changed.
@Suite struct DrugNameTests {
    @Test func strengthReleaseAndSaltAreFound() {
        let name = DrugName("metoprolol succinate (TOPROL-XL) 25 MG 24 hr tablet")
        #expect(name.words == ["metoprolol", "succinate"])
        #expect(name.salts == ["succinate"])
        #expect(name.release == .extended)
        #expect(name.strength == "25 mg")
        #expect(name.alternative == ["toprol"])
    }

    @Test(arguments: [
        ("Metformin 500mg tab", "500 mg"), ("Humulin R 100 units/mL", "100 units/mL"), ("Norco 5-325 mg", "5/325 mg"),
        ("lidocaine 5% patch", "5%"), ("Vitamin D3 50,000 units", "50000 units"), ("fentanyl 25 mcg/hr patch", "25 mcg/hr"),
        ("acetaminophen 160 mg/5 mL liquid", "160 mg/5 mL"), ("Lasix", nil),
    ] as [(String, String?)])
    func strengths(name: String, strength: String?) {
        #expect(DrugName(name).strength == strength)
    }

    @Test func keysIgnoreWordOrderAndPunctuation() {
        #expect(DrugName("hydrocodone/acetaminophen").keys.first == DrugName("Acetaminophen-Hydrocodone").keys.first)
        #expect(DrugName("b.i.d.").words == [])
        #expect(DrugName("Vitamin B12").words == ["vitamin", "b12"])
    }
}
