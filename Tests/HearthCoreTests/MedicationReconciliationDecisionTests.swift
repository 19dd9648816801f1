import Foundation
import Testing
@testable import HearthCore

/// Mrs. Alvarez comes home after a heart-failure admission: the hospital doubled furosemide, switched warfarin to
/// apixaban and lisinopril to sacubitril/valsartan, and left docusate off its list.
enum ResumptionOfCareFixture {
    static let homeList: [MedicationLine] = [
        MedicationFixture.medication("Furosemide", strength: "20 mg", dose: "1 tablet", schedule: .daily(1), by: .patient),
        MedicationFixture.medication("Metoprolol tartrate", strength: "25 mg", dose: "1 tablet", schedule: .daily(2), by: .patient),
        MedicationFixture.medication("Warfarin", strength: "5 mg", dose: "1 tablet", schedule: .daily(1), by: .patient),
        MedicationFixture.medication("Lisinopril", strength: "10 mg", dose: "1 tablet", schedule: .daily(1), by: .patient),
        MedicationFixture.medication("Docusate", strength: "100 mg", dose: "1 capsule", schedule: .daily(2), by: .patient),
    ].enumerated().map { MedicationLine(medication: $1, id: "med-\($0 + 1)") }

    static let dischargeList: [MedicationLine] = [
        MedicationLine(id: "1", name: "Lasix", strength: "40 mg", dose: "1 tab", route: "PO", frequency: "daily"),
        MedicationLine(id: "2", name: "Metoprolol tartrate", strength: "25 mg", dose: "1 tab", route: "PO", frequency: "BID"),
        MedicationLine(id: "3", name: "Eliquis", strength: "5 mg", dose: "1 tab", route: "PO", frequency: "BID"),
        MedicationLine(id: "4", name: "Entresto", strength: "24-26 mg", dose: "1 tab", route: "PO", frequency: "BID"),
    ]

    static func reconciliation() -> Reconciliation {
        ReconciliationFixture.reconcile(home: homeList, incoming: dischargeList)
    }

    static func decided() throws -> Reconciliation {
        var r = reconciliation()
        try r.decide(lineID: "1", .takeIncoming, note: "Per discharge summary: weight up 3 kg.")
        try r.decide(lineID: "2", .keepHome)
        try r.decide(lineID: "3", .stop, note: "Replaced by apixaban at the hospital; confirmed with Dr. Ruiz.")
        try r.decide(lineID: "4", .stop, note: "Entresto started; 36-hour washout observed in hospital.")
        try r.decide(lineID: "5", .keepHome)
        try r.decide(lineID: "6", .takeIncoming)
        try r.decide(lineID: "7", .takeIncoming)
        return r
    }
}

/// Deciding each line, finishing, and the order the physician signs.
@Suite struct ReconciliationDecisionTests {
    @Test func theLinesOfTheResumptionOfCare() {
        let r = ResumptionOfCareFixture.reconciliation()
        #expect(r.lines.map(\.name) == ["Lasix", "Metoprolol tartrate", "Warfarin", "Lisinopril", "Docusate", "Eliquis", "Entresto"])
        #expect(r.lines.map(\.kind) == [
            .changed(["Dose 1 tablet (20 mg) → 1 tablet (40 mg)", "Strength 20 mg → 40 mg"]), .unchanged, .discontinued, .discontinued,
            .discontinued, .new, .new,
        ])
        #expect(r.lines[5].flags == [.highAlert(.anticoagulant), .duplicateClass(className: "anticoagulant", other: "Warfarin")])
        #expect(r.lines[6].flags == [.duplicateClass(className: "renin-angiotensin system blocker", other: "Lisinopril")])
        #expect(r.undecided.count == 7 && !r.isComplete)
    }

    @Test func allowedDecisionsByKind() {
        #expect(ReconciliationKind.unchanged.allowedDecisions == [.keepHome, .stop])
        #expect(ReconciliationKind.changed(["Dose 1 tablet → 2 tablets"]).allowedDecisions == [.keepHome, .takeIncoming, .stop])
        #expect(ReconciliationKind.new.allowedDecisions == [.takeIncoming, .stop])
        #expect(ReconciliationKind.discontinued.allowedDecisions == [.keepHome, .stop])
    }

    @Test func aDecisionThatDoesNotFitTheLineIsRefused() {
        var r = ResumptionOfCareFixture.reconciliation()
        let before = r
        #expect(throws: ReconciliationError.notAllowed(.takeIncoming, kind: "Unchanged", drug: "Metoprolol tartrate")) {
            try r.decide(lineID: "2", .takeIncoming)
        }
        #expect(throws: ReconciliationError.notAllowed(.keepHome, kind: "New", drug: "Eliquis")) { try r.decide(lineID: "6", .keepHome) }
        #expect(throws: ReconciliationError.notAllowed(.takeIncoming, kind: "Not on the incoming list", drug: "Warfarin")) {
            try r.decide(lineID: "3", .takeIncoming)
        }
        #expect(throws: ReconciliationError.unknownLine("99")) { try r.decide(lineID: "99", .stop) }
        #expect(throws: ReconciliationError.noteTooLong(drug: "Warfarin")) {
            try r.decide(lineID: "3", .stop, note: String(repeating: "x", count: 501))
        }
        #expect(r == before)
        #expect(ReconciliationError.notAllowed(.takeIncoming, kind: "Unchanged", drug: "Metoprolol tartrate").description
                == "\"Take the incoming version\" does not apply to Metoprolol tartrate (unchanged); choose one of the options shown.")
    }

    @Test func finishingWaitsForEveryLineAndNamesThem() throws {
        var r = ResumptionOfCareFixture.reconciliation()
        for id in ["1", "2", "3", "4", "7"] { try r.decide(lineID: id, r.line(id)!.kind.allowedDecisions.last!) }
        #expect(throws: ReconciliationError.undecided(["Docusate", "Eliquis"])) { try r.finish() }
        #expect(ReconciliationError.undecided(["Docusate", "Eliquis"]).description
                == "2 medications are not decided yet: Docusate, Eliquis. Decide each line before finishing.")
    }

    @Test func aDecisionCanBeChangedUntilFinished() throws {
        var r = ResumptionOfCareFixture.reconciliation()
        try r.decide(lineID: "5", .stop, note: "Not needed")
        try r.decide(lineID: "5", .keepHome, note: "  ")
        #expect(r.line("5")?.decision == .keepHome)
        #expect(r.line("5")?.note == nil)
    }

    /// The app keeps the reconciliation as JSON between requests while the case manager works through it.
    @Test func survivesStorageHalfDecided() throws {
        var r = ResumptionOfCareFixture.reconciliation()
        try r.decide(lineID: "1", .takeIncoming, note: "Per discharge summary")
        var restored = try JSONDecoder().decode(Reconciliation.self, from: JSONEncoder().encode(r))
        #expect(restored == r)
        try restored.decide(lineID: "2", .keepHome)
        #expect(restored.undecided.count == 5)
    }

    @Test func theResultingList() throws {
        let result = try ResumptionOfCareFixture.decided().finish()
        #expect(result.medications.map(\.name) == ["Lasix", "Metoprolol tartrate", "Docusate", "Eliquis", "Entresto"])
        #expect(result.medications.first?.id == "1", "the adopted version is the incoming line")
        #expect(result.stopped.map(\.name) == ["Warfarin", "Lisinopril"])
        #expect(result.notStarted.isEmpty)
        #expect(result.transition == .resumptionOfCare && result.date == day("2026-11-20"))
    }

    @Test func theOrderThePhysicianSigns() throws {
        let text = try ResumptionOfCareFixture.decided().finish().orderText
        #expect(text == """
            Medication reconciliation at resumption of care on 2026-11-20
            The home medication list was compared with the incoming list line by line; each line was decided as below.

            Continue unchanged:
            - Metoprolol tartrate 25 mg — 1 tablet by mouth twice a day

            Change:
            - Lasix 40 mg — 1 tablet by mouth once a day (was: Furosemide 20 mg — 1 tablet by mouth once a day; \
            Dose 1 tablet (20 mg) → 1 tablet (40 mg); Strength 20 mg → 40 mg). Note: Per discharge summary: weight up 3 kg.

            Continue, although not on the incoming list:
            - Docusate 100 mg — 1 capsule by mouth twice a day

            New:
            - Eliquis 5 mg — 1 tablet by mouth twice a day
            - Entresto 24-26 mg — 1 tablet by mouth twice a day

            Stop:
            - Warfarin 5 mg — 1 tablet by mouth once a day. Note: Replaced by apixaban at the hospital; confirmed with Dr. Ruiz.
            - Lisinopril 10 mg — 1 tablet by mouth once a day. Note: Entresto started; 36-hour washout observed in hospital.

            Alerts on the resulting list:
            - Eliquis: High-alert medication (Anticoagulant): double-check the dose and teach the patient.

            """)
    }

    @Test func keepingTheHomeVersionAndDecliningANewDrug() throws {
        var r = ReconciliationFixture.reconcile(
            home: [ReconciliationFixture.home("Lisinopril", "10 mg", dose: "1 tablet", route: "oral", frequency: "daily")],
            incoming: [ReconciliationFixture.incoming("Lisinopril", "20 mg", dose: "1 tablet", route: "PO", frequency: "daily"),
                       ReconciliationFixture.incoming("Zolpidem", "5 mg", dose: "1 tablet", route: "PO", frequency: "at bedtime prn sleep")],
            transition: .startOfCare)
        try r.decide(lineID: "1", .keepHome, note: "PCP kept 10 mg at follow-up on 11/18.")
        try r.decide(lineID: "2", .stop, note: "Hospital-only sleep aid; fall risk.")
        let result = try r.finish()
        #expect(result.medications.map(\.strength) == ["10 mg"])
        #expect(result.notStarted.map(\.name) == ["Zolpidem"])
        #expect(result.orderText.contains("""
            Continue as at home, not as on the incoming list:
            - Lisinopril 10 mg — 1 tablet by mouth once a day (incoming list: Lisinopril 20 mg — 1 tablet by mouth once a day; \
            Dose 1 tablet (10 mg) → 1 tablet (20 mg); Strength 10 mg → 20 mg). Note: PCP kept 10 mg at follow-up on 11/18.

            Do not start:
            - Zolpidem 5 mg — 1 tablet by mouth as needed for sleep, at most 1 a day. Note: Hospital-only sleep aid; fall risk.
            """))
        #expect(result.orderText.hasPrefix("Medication reconciliation at start of care on 2026-11-20\n"))
    }

    @Test func nothingToReconcile() throws {
        let result = try ReconciliationFixture.reconcile(home: [], incoming: [], transition: .discharge).finish()
        #expect(result.medications.isEmpty && result.stopped.isEmpty)
        #expect(result.orderText.hasSuffix("\nNo medications on either list.\n"))
    }
}
