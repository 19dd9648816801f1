import Testing
@testable import HearthCore

/// The comprehensive home assessment: OASIS-style domains [42 CFR 484.55(c)] in Hearth's own items.
@Suite struct InstrumentHomeAssessmentTests {
    let home = ShippedInstruments.definition("home-assessment")

    /// A patient who lives alone, is independent and well: every required question answered, nothing to flag.
    let wellPatient = AssessmentAnswers([
        "lives_with": .choice("alone"), "caregiver_availability": .choice("none"), "home_hazards": .yesNo(false),
        "vision": .choice("adequate"), "hearing": .choice("adequate"), "speech": .choice("clear"), "has_wound": .yesNo(false),
        "oxygen_saturation": .number(96), "short_of_breath": .choice("never"), "uses_oxygen": .yesNo(false),
        "urinary_incontinence": .yesNo(false), "urinary_catheter": .yesNo(false), "bowel": .choice("continent"),
        "cognition": .choice("alert"), "confusion": .choice("never"), "mood_interest": .choice("not_at_all"),
        "mood_down": .choice("not_at_all"), "pain_intensity": .number(0), "adl_independent": .number(6),
        "iadl_independent": .number(8), "walking": .choice("independent"), "fell_past_year": .yesNo(false),
        "medication_count": .number(4), "manages_oral_medications": .choice("independent"), "regimen_problems": .yesNo(false),
        "advance_directive_on_file": .yesNo(true), "patient_goals": .text("Stay at home and walk to church again"),
        "needs_pt": .yesNo(false), "needs_ot": .yesNo(false), "needs_slp": .yesNo(false),
    ])

    @Test func coversTheOASISDomains() {
        #expect(home.sections.map(\.id) == ["living", "sensory", "skin", "respiratory", "elimination", "neuro", "function",
                                            "medications", "care_management", "therapy"])
        #expect(home.id == AssessmentKind.comprehensiveInstrumentID)
    }

    @Test func aCompleteWellPatientCanBeSignedWithNothingFlagged() {
        #expect(home.problems(wellPatient, forSigning: true).isEmpty)
        let result = home.evaluate(wellPatient)
        #expect(result.score("mood")?.value == 0)
        #expect(result.findings.isEmpty)
        #expect(result.alerts.isEmpty)
        #expect(home.progress(wellPatient).allSatisfy { $0.isComplete })
    }

    @Test func woundDetailsAreAskedOnlyWhenThereIsAWound() {
        var answers = wellPatient
        answers["has_wound"] = .yesNo(true)
        #expect(Set(home.problems(answers, forSigning: true).keys) == ["wound_type", "wound_location", "wound_count"])
        answers["wound_type"] = .choice("pressure_injury")
        #expect(home.problems(answers, forSigning: true)["pressure_stage"] == "Answer this question before signing.")
        answers["pressure_stage"] = .choice("stage_2")
        answers["wound_location"] = .bodyAreas([.sacrumCoccyx])
        answers["wound_count"] = .number(1)
        answers["largest_wound_length"] = .number(2.5)
        #expect(home.problems(answers, forSigning: true).isEmpty)
        #expect(home.evaluate(answers).findings.map(\.reason) == ["Has a wound: Yes"])
    }

    @Test func answersLeftBehindWhenTheWoundIsRemovedMustBeCleared() {
        var answers = wellPatient
        answers["wound_type"] = .choice("surgical")
        #expect(home.problems(answers, forSigning: false)["wound_type"] == "Answered but not asked (it depends on “Has a wound”): clear it.")
    }

    @Test func findingsSuggestCarePlanProblemsWithReasons() {
        // Mood 2 + 2 = 4 (PHQ-2 positive), pain 8, ADL 3 of 6, a fall, needs help with routine tasks, hazards at home.
        var answers = wellPatient
        answers["mood_interest"] = .choice("more_than_half")
        answers["mood_down"] = .choice("more_than_half")
        answers["pain_intensity"] = .number(8)
        answers["pain_location"] = .bodyAreas([.rightHip])
        answers["adl_independent"] = .number(3)
        answers["fell_past_year"] = .yesNo(true)
        answers["fall_injury"] = .yesNo(false)
        answers["cognition"] = .choice("assistance")
        answers["home_hazards"] = .yesNo(true)
        answers["home_hazards_detail"] = .text("Loose rug in the hall")
        let findings = home.evaluate(answers).findings
        #expect(findings.map(\.problem) == ["depression-risk", "uncontrolled-pain", "adl-dependence", "fall-risk", "cognitive-impairment", "home-safety"])
        #expect(findings.first?.reason == "PHQ-2 mood screen 4 ≥ 3")
        #expect(findings.map(\.reason).contains("Pain intensity 8 ≥ 7"))
        #expect(findings.map(\.reason).contains("ADL done without help 3 ≤ 4"))
    }

    @Test func lowOxygenAndUnreportedRegimenProblemsRaiseAlerts() {
        var answers = wellPatient
        answers["oxygen_saturation"] = .number(86)
        answers["regimen_problems"] = .yesNo(true)
        answers["regimen_problems_detail"] = .text("Two anticoagulants listed")
        answers["physician_told"] = .yesNo(false)
        let result = home.evaluate(answers)
        #expect(result.alerts.map(\.id) == ["low-oxygen", "regimen-problem-unreported"])
        #expect(result.alerts.map(\.urgency) == [.urgent, .soon])
        #expect(result.alerts.first?.reason == "Oxygen saturation 86 ≤ 88")
        #expect(result.findings.map(\.problem) == ["medication-regimen-problem"])
    }

    @Test func caregiverQuestionsFollowAvailability() {
        var answers = wellPatient
        answers["caregiver_availability"] = .choice("regular")
        #expect(home.problems(answers, forSigning: true) == ["caregiver_ability": "Answer this question before signing."])
        answers["caregiver_ability"] = .choice("needs_training")
        #expect(home.evaluate(answers).findings.map(\.problem) == ["caregiver-support"])
    }

    @Test func progressCountsOnlyAskedQuestions() {
        let empty = home.progress(AssessmentAnswers())
        let living = empty.first { $0.sectionID == "living" }
        // Caregiver ability and the hazard description stay hidden until their earlier answers call for them.
        #expect(living == SectionProgress(sectionID: "living", title: "Living situation", asked: 4, answered: 0, required: 3, requiredAnswered: 0))
        var answers = AssessmentAnswers(["lives_with": .choice("alone"), "home_hazards": .yesNo(true)])
        answers["stairs_needed"] = .yesNo(false)
        let after = home.progress(answers).first { $0.sectionID == "living" }
        #expect(after == SectionProgress(sectionID: "living", title: "Living situation", asked: 5, answered: 3, required: 4, requiredAnswered: 2))
        #expect(after?.isComplete == false)
    }
}
