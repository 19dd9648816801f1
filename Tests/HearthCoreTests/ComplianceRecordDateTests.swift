import Testing
@testable import HearthCore

/// What a record that meets a deadline may be dated: a notice or summary that follows an event cannot precede it.
@Suite struct ComplianceRecordDateTests {
    func episode(_ events: [EpisodeEvent]) throws -> Episode { try Episode(replaying: events) }

    /// 42 CFR 484.205(j): the HHA submits the Notice of Admission "within 5 calendar days after the start of care";
    /// a notice dated the day before the start of care is a typing error, not a notice.
    @Test func theNoticeOfAdmissionFollowsTheStartOfCare() throws {
        let referred = try episode([.referralReceived(on: day("2026-11-20"))])
        #expect(ComplianceRecord.Kind.noticeOfAdmission.problem(dated: day("2026-11-21"), in: referred)?.contains("admit the patient first") == true)
        let admitted = try episode([.referralReceived(on: day("2026-11-20")), .admitted(startOfCare: day("2026-11-23"))])
        #expect(ComplianceRecord.Kind.noticeOfAdmission.problem(dated: day("2026-11-22"), in: admitted)
            == "A Notice of Admission is submitted on or after the start of care (2026-11-23), not 2026-11-22.")
        #expect(ComplianceRecord.Kind.noticeOfAdmission.problem(dated: day("2026-11-23"), in: admitted) == nil)
    }

    /// 42 CFR 484.110(a)(6)(ii): the discharge summary is sent "within 5 business days of the discharge"; it may not
    /// precede it. A transfer summary may precede a planned transfer [484.110(a)(6)(i)], and a face-to-face encounter
    /// may come up to 90 days before the start of care [424.22(a)(1)(v)]: neither is refused by date.
    @Test func theDischargeSummaryFollowsTheDischarge() throws {
        let active = try episode([.referralReceived(on: day("2026-11-20")), .admitted(startOfCare: day("2026-11-23"))])
        #expect(ComplianceRecord.Kind.dischargeSummary.problem(dated: day("2026-11-30"), in: active)?.contains("record the discharge first") == true)
        #expect(ComplianceRecord.Kind.transferSummary.problem(dated: day("2026-11-30"), in: active) == nil)
        #expect(ComplianceRecord.Kind.faceToFaceEncounter.problem(dated: day("2026-09-01"), in: active) == nil)
        let discharged = try episode([.referralReceived(on: day("2026-11-20")), .admitted(startOfCare: day("2026-11-23")),
                                      .discharged(on: day("2026-12-01"), reason: "Goals met")])
        #expect(ComplianceRecord.Kind.dischargeSummary.problem(dated: day("2026-11-30"), in: discharged)?.contains("(2026-12-01)") == true)
        #expect(ComplianceRecord.Kind.dischargeSummary.problem(dated: day("2026-12-01"), in: discharged) == nil)
    }
}
