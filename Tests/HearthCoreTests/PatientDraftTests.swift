import Foundation
import Testing
@testable import HearthCore

@Suite struct PatientDraftTests {
    let today = CalendarDate("2026-11-23")!

    @Test func completeDraftHasNoProblems() {
        let draft = PatientDraft(givenName: " Dorothy ", familyName: "Abernathy", birthDate: "1941-03-09", sex: "Female",
                                 phone: "(614) 555-0142", state: "oh", postalCode: "43215-1234")
        #expect(draft.problems(today: today).isEmpty)
        #expect(draft.givenName == "Dorothy")
        #expect(draft.state == "OH")
        #expect(draft.sex == "female")
    }

    @Test func eachBadFieldIsNamed() {
        let draft = PatientDraft(givenName: "", familyName: "", birthDate: "2026-02-30", sex: "x", phone: "555", state: "Ohio", postalCode: "432")
        let problems = draft.problems(today: today)
        #expect(Set(problems.keys) == ["givenName", "familyName", "birthDate", "sex", "phone", "state", "postalCode"])
    }

    @Test func birthDateCannotBeInTheFuture() {
        let draft = PatientDraft(givenName: "A", familyName: "B", birthDate: "2026-11-24", sex: "male")
        #expect(draft.problems(today: today)["birthDate"] != nil)
    }

    @Test func ageCountsWholeYears() {
        let born = CalendarDate("1941-11-24")!
        #expect(born.age(on: today) == 84)
        #expect(born.age(on: CalendarDate("2026-11-24")!) == 85)
        #expect(CalendarDate("2024-02-29")!.age(on: CalendarDate("2025-02-28")!) == 0)
    }

    @Test func todayIsTheAgencysDayNotUTCs() {
        // 2026-03-08 03:30 UTC is still March 7 in Columbus, Ohio.
        let instant = Date(timeIntervalSince1970: 1_772_940_600)
        #expect(CalendarDate(instant, in: TimeZone(identifier: "America/New_York")!).description == "2026-03-07")
        #expect(CalendarDate(instant, in: TimeZone(identifier: "UTC")!).description == "2026-03-08")
    }

    @Test func medicalRecordNumbersCarryACheckDigit() {
        let mrn = MedicalRecordNumber.make(123_456)
        #expect(mrn.count == 8)
        #expect(MedicalRecordNumber.isValid(mrn))
        var typo = Array(mrn)
        typo[3] = typo[3] == "9" ? "8" : "9"
        #expect(!MedicalRecordNumber.isValid(String(typo)))
        #expect(MedicalRecordNumber.isValid(MedicalRecordNumber.random()))
    }
}

@Suite struct AllergyDraftTests {
    @Test func substanceAndSeverityAreRequired() {
        #expect(AllergyDraft(substance: "Penicillin", reaction: "", severity: "Severe").problems.isEmpty)
        #expect(Set(AllergyDraft(substance: " ", reaction: "", severity: "deadly").problems.keys) == ["substance", "severity"])
    }
}

@Suite struct CoverageDraftTests {
    @Test func memberIDAndOrderAreChecked() {
        let good = CoverageDraft(payer: "Medicare", program: "medicare", memberID: "1eg4-te5-mk73", plan: "Part A", order: "1", start: "2026-01-01", end: "")
        #expect(good.problems.isEmpty)
        #expect(good.memberID == "1EG4-TE5-MK73")
        let bad = CoverageDraft(payer: "", program: "medigap", memberID: "12 34!", plan: "", order: "4", start: "2026-02-30", end: "")
        #expect(Set(bad.problems.keys) == ["payer", "program", "memberID", "order", "start"])
        #expect(CoverageDraft(payer: "X", program: "commercial", memberID: "1", plan: "", order: "2", start: "2026-05-01", end: "2026-04-01").problems["end"] != nil)
    }
}
