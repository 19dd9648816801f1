import Testing
@testable import HearthCore

/// The patient's own details, contacts and directives, checked before anything is saved.
@Suite struct PatientProfileTests {
    @Test func unknownStatesAndTimeZonesAreRefused() {
        let today = CalendarDate("2026-11-23")!
        func problems(_ state: String, _ zone: String) -> [String: String] {
            PatientDraft(givenName: "Ruth", familyName: "Ellison", birthDate: "1940-01-01", sex: "female", state: state, timeZone: zone).problems(today: today)
        }
        #expect(problems("oh", "America/New_York").isEmpty) // lower case is fine; it is upper-cased
        #expect(problems("PR", "America/Puerto_Rico").isEmpty) // territories are served too
        #expect(problems("ZZ", "")["state"] != nil)
        #expect(problems("OH", "Europe/Paris")["timeZone"] != nil)
    }

    @Test func genderIdentityComesFromTheUSCoreList() {
        let today = CalendarDate("2026-11-23")!
        let ok = PatientDraft(givenName: "Sam", familyName: "Reyes", birthDate: "1950-05-05", sex: "male", genderIdentity: "non-binary")
        let bad = PatientDraft(givenName: "Sam", familyName: "Reyes", birthDate: "1950-05-05", sex: "male", genderIdentity: "robot")
        #expect(ok.problems(today: today).isEmpty)
        #expect(bad.problems(today: today)["genderIdentity"] != nil)
    }

    @Test func aContactNeedsANameARelationAndAPhoneToCall() {
        let empty = ContactDraft(name: " ", relationship: "", phone: "", livesWith: false, isCaregiver: false, isDecisionMaker: false)
        #expect(Set(empty.problems.keys) == ["name", "relationship", "phone"])
        let daughter = ContactDraft(name: "Ruth Ellison", relationship: "Daughter", phone: "(614) 555-0133", livesWith: true, isCaregiver: true, isDecisionMaker: true)
        #expect(daughter.problems.isEmpty)
        #expect(daughter.roles == "daughter · lives with patient · caregiver · decision maker")
    }

    @Test func anOutsideContactNeedsARoleAndSomeoneToReach() {
        let bad = ExternalContactDraft(role: "", name: "", organization: "", phone: "", fax: "555")
        #expect(bad.problems["role"] != nil && bad.problems["name"] != nil)
        #expect(bad.problems["fax"]?.contains("fax") == true)
        #expect(ExternalContactDraft(role: "Pharmacy", name: "", organization: "Main St Pharmacy", phone: "", fax: "").problems.isEmpty)
    }

    /// Staff must be able to find the document in an emergency [42 CFR 489.102].
    @Test func aDirectiveSaysWhereItIsKept() {
        #expect(AdvanceDirectiveDraft(kind: "polst", onFile: true, location: "").problems["location"] != nil)
        #expect(AdvanceDirectiveDraft(kind: "tattoo", onFile: false, location: "arm").problems["kind"] != nil)
        #expect(AdvanceDirectiveDraft(kind: "living_will", onFile: true, location: "Chart").problems.isEmpty)
    }

    @Test func emergencyPriorityIsOneToFour() {
        #expect(EmergencyPlanDraft(priority: "5", evacuationNeeds: "", equipment: "").problems["emergencyPriority"] != nil)
        #expect(EmergencyPlanDraft(priority: "", evacuationNeeds: "", equipment: "").problems.isEmpty) // not yet decided
        #expect(EmergencyPlanDraft(priority: "1", evacuationNeeds: "Stretcher", equipment: "Ventilator").priority == .one)
    }
}
