import Foundation
import HearthCore
import Testing

/// The referral as received: its day, arrival time and the physician-ordered start of care [42 CFR 484.55(a)(1)].
@Suite struct ReferralDraftTests {
    let zone = TimeZone(identifier: "America/New_York")!
    /// 2026-11-23 15:00 in New York.
    let now = Date(timeIntervalSince1970: 1_795_464_000)

    @Test func aReferralWithTimeAndOrderedStartOfCare() throws {
        let draft = ReferralDraft(date: "2026-11-23", time: "09:30", source: "  Riverside General Hospital ", orderedStartOfCare: "2026-11-26")
        let referral = try draft.referral(now: now, in: zone).get()
        #expect(referral.date == CalendarDate("2026-11-23"))
        #expect(referral.source == "Riverside General Hospital")
        #expect(referral.orderedStartOfCare == CalendarDate("2026-11-26"))
        // 09:30 Eastern Standard Time is 14:30 UTC.
        #expect(referral.receivedAt == Date(timeIntervalSince1970: 1_795_464_000 - 5 * 3_600 - 30 * 60))
    }

    @Test func onlyTheDayIsNeeded() throws {
        let referral = try ReferralDraft(date: "2026-11-20").referral(now: now, in: zone).get()
        #expect(referral.receivedAt == nil && referral.source == nil && referral.orderedStartOfCare == nil)
    }

    @Test(arguments: [
        (ReferralDraft(date: "2026-13-01"), "date"),
        (ReferralDraft(date: "2026-11-24"), "date"),
        (ReferralDraft(date: "2026-11-23", time: "16:00"), "time"),
        (ReferralDraft(date: "2026-11-23", time: "9"), "time"),
        (ReferralDraft(date: "2026-11-23", time: "24:00"), "time"),
        (ReferralDraft(date: "2026-11-23", orderedStartOfCare: "2026-11-22"), "orderedStartOfCare"),
        (ReferralDraft(date: "2026-11-23", orderedStartOfCare: "soon"), "orderedStartOfCare"),
        (ReferralDraft(date: "2026-11-23", source: String(repeating: "x", count: 201)), "source"),
    ])
    func badInputIsRefusedByItsField(draft: ReferralDraft, field: String) {
        #expect(Array(draft.problems(now: now, in: zone).keys) == [field])
    }
}
