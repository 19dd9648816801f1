import Foundation
import Testing
@testable import HearthCore

/// The check run before a medication is saved: allergies by drug, ingredient and class (Resources/Medications/allergens.json),
/// documented cross-sensitivity as a caution, and duplicate therapy against what the patient still takes.
@Suite struct MedicationSafetyCheckTests {
    let check = MedicationSafetyCheck(catalog: ShippedMedications.catalog)
    let today = CalendarDate("2026-06-01")!

    func medication(_ line: String, stop: CalendarDate? = nil) -> Medication {
        var medication = IncomingMedicationList(text: line, start: CalendarDate("2026-05-01")!).medications[0]
        medication.stop = stop
        return medication
    }

    func allergy(_ substance: String, reaction: String? = "Rash") -> RecordedAllergy {
        RecordedAllergy(substance: substance, reaction: reaction, recordedOn: CalendarDate("2026-05-01"))
    }

    @Test(arguments: ["Sulfonamide antibiotics", "Sulfa", "SULFA DRUGS", "sulfa allergy", "sulfonamides", "Bactrim", "TMP-SMX"])
    func bactrimIsAStopForEveryWayOfWritingASulfaAllergy(substance: String) throws {
        let findings = check.findings(for: medication("Bactrim DS 800-160 mg; 1 tablet; oral; twice a day"), allergies: [allergy(substance)], current: [], on: today)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .stop && finding.kind.isAllergy)
        #expect(finding.text.hasPrefix("Allergy: patient is allergic to \(substance) (recorded 2026-05-01, reaction: rash)."))
        #expect(finding.text.contains("Bactrim DS"))
    }

    @Test func theMessageSaysTheClassInPlainWords() throws {
        let finding = try #require(check.allergyFindings(for: "Bactrim DS", allergies: [allergy("Sulfonamide antibiotics")]).first)
        #expect(finding.kind == .allergyClass)
        #expect(finding.text == "Allergy: patient is allergic to Sulfonamide antibiotics (recorded 2026-05-01, reaction: rash). "
            + "Bactrim DS (sulfamethoxazole/trimethoprim) is a sulfonamide antibiotic.")
    }

    /// Sulfonamide non-antibiotics do not cross-react with sulfonamide antibiotics (Strom et al., NEJM 2003;349:1628).
    @Test func furosemideIsNotFlaggedForASulfaAllergy() {
        #expect(check.allergyFindings(for: "Furosemide 40 mg", allergies: [allergy("Sulfa")]).isEmpty)
        #expect(check.allergyFindings(for: "Hydrochlorothiazide", allergies: [allergy("Sulfa")]).isEmpty)
    }

    @Test func aDrugAllergyMatchesTheSameDrugByAnyNameAndItsIngredientInCombinations() {
        #expect(check.allergyFindings(for: "Coumadin", allergies: [allergy("warfarin")]).map(\.kind) == [.allergyDrug])
        #expect(check.allergyFindings(for: "Norco 5/325", allergies: [allergy("Tylenol")]).map(\.kind) == [.allergyIngredient])
        #expect(check.allergyFindings(for: "Tylenol #3", allergies: [allergy("Codeine")]).map(\.kind) == [.allergyIngredient]
            || check.allergyFindings(for: "codeine/acetaminophen", allergies: [allergy("Codeine")]).map(\.kind) == [.allergyIngredient])
        #expect(check.allergyFindings(for: "Grandma's tonic", allergies: [allergy("grandma's tonic")]).map(\.kind) == [.allergyDrug])
    }

    @Test func anAllergyToOneDrugCoversItsClass() {
        // Amoxicillin is a penicillin, so a penicillin allergy follows from it.
        #expect(check.allergyFindings(for: "Augmentin", allergies: [allergy("amoxicillin")]).map(\.kind) == [.allergyIngredient])
        #expect(check.allergyFindings(for: "piperacillin/tazobactam", allergies: [allergy("Amoxil")]).map(\.kind) == [.allergyClass])
    }

    /// Penicillin and cephalosporins: about 1-2% cross-react (AAAAI/ACAAI drug allergy practice parameter, 2022): a caution.
    @Test func cephalexinForAPenicillinAllergyIsACautionNotAStop() throws {
        let findings = check.allergyFindings(for: "Cephalexin 500 mg", allergies: [allergy("Penicillin", reaction: "Hives"), allergy("PCN")])
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .caution && $0.kind == .crossSensitivity })
        #expect(try #require(findings.first).text.contains("Cephalexin 500 mg is a cephalosporin; about 1 to 2%"))
        #expect(check.allergyFindings(for: "Amoxicillin", allergies: [allergy("penicillins")]).map(\.severity) == [.stop])
    }

    @Test func unrelatedAllergiesAndEmptyOnesFindNothing() {
        let allergies = [allergy("Latex"), allergy("Shellfish"), allergy("Peanuts"), allergy("NKDA"), allergy("  ")]
        #expect(check.allergyFindings(for: "Bactrim DS", allergies: allergies).isEmpty)
        #expect(check.allergyFindings(for: "Lisinopril", allergies: [allergy("Sulfa"), allergy("Penicillin")]).isEmpty)
    }

    @Test func theSameIngredientAlreadyTakenIsAStop() throws {
        let current = [medication("Furosemide 40 mg; 1 tablet; oral; twice a day")]
        let finding = try #require(check.findings(for: medication("Lasix 20 mg; 1 tablet; oral; once a day"), allergies: [], current: current, on: today).first)
        #expect(finding.kind == .duplicateDrug && finding.severity == .stop)
        #expect(finding.text.contains("Lasix is the same drug as Furosemide 40 mg"))
    }

    @Test func aSecondDrugOfADuplicateTherapyClassIsACaution() throws {
        let current = [medication("Lisinopril 10 mg; 1 tablet; oral; once a day"), medication("Amoxicillin 500 mg; 1 capsule; oral; three times a day")]
        let ace = check.findings(for: medication("Enalapril 5 mg; 1 tablet; oral; once a day"), allergies: [], current: current, on: today)
        #expect(ace.map(\.kind) == [.duplicateClass])
        #expect(ace.first?.severity == .caution && ace.first?.text.contains("ACE inhibitor") == true)
        // Antibiotics are often combined on purpose: not a duplicate-therapy class.
        #expect(check.findings(for: medication("Bactrim DS; 1 tablet; oral; twice a day"), allergies: [], current: current, on: today).isEmpty)
    }

    @Test func stoppedMedicationsDoNotCountButOneEndingTodayDoes() {
        let new = medication("Lasix 20 mg; 1 tablet; oral; once a day")
        let stopped = [medication("Furosemide 40 mg; 1 tablet; oral; twice a day", stop: today.adding(days: -1))]
        #expect(check.findings(for: new, allergies: [], current: stopped, on: today).isEmpty)
        let endingToday = [medication("Furosemide 40 mg; 1 tablet; oral; twice a day", stop: today)]
        #expect(check.findings(for: new, allergies: [], current: endingToday, on: today).map(\.kind) == [.duplicateDrug])
        // A course that is already over, recorded for history, duplicates nothing (its allergy is still checked).
        let past = medication("Bactrim DS; 1 tablet; oral; twice a day", stop: today.adding(days: -3))
        let findings = check.findings(for: past, allergies: [allergy("Sulfa")], current: [medication("Bactrim; 1 tablet; oral; twice a day")], on: today)
        #expect(findings.map(\.kind) == [.allergyClass])
    }

    @Test func anOverrideAnswersTheSameFindingsOnLaterChanges() {
        let findings = check.allergyFindings(for: "Bactrim DS", allergies: [allergy("Sulfa")])
        let override = MedicationSafetyOverride(reason: "Dr. Patel confirmed", byID: nil, byName: "Carla", at: Date(), findings: findings)
        #expect(MedicationSafetyOverride.unanswered(findings, by: [override]).isEmpty)
        let more = findings + check.allergyFindings(for: "Bactrim DS", allergies: [allergy("Bactrim")])
        #expect(MedicationSafetyOverride.unanswered(more, by: [override]).count == 1)
        #expect(MedicationSafetyOverride.problem(with: "  ") != nil)
        #expect(MedicationSafetyOverride.problem(with: String(repeating: "x", count: 501)) != nil)
        #expect(MedicationSafetyOverride.problem(with: "Prescriber confirmed") == nil)
    }

    @Test func anAllergenNamingAnUnknownClassStopsStartUp() {
        let file = #"{"allergens": [{"name": "X", "member": "an x", "classes": ["no such class"], "terms": ["x"]}]}"#
        #expect(throws: MedicationCatalogError.self) { try MedicationCatalog(files: [("allergens.json", Data(file.utf8))]) }
    }
}
