import Testing
@testable import HearthCore

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

/// Certification periods [42 CFR 484.55(d), 42 CFR 424.22(b)]: 60 days from start of care, recertified in days 56–60.
@Suite struct CertificationPeriodTests {
    @Test func periodsAreSixtyDaysFromStartOfCare() {
        let soc = day("2026-01-15")
        let first = CertificationPeriod(number: 1, startOfCare: soc)
        #expect(first.start == soc)
        #expect(first.end == day("2026-03-15")) // day 60
        let second = CertificationPeriod(number: 2, startOfCare: soc)
        #expect(second.start == day("2026-03-16")) // day 61
        #expect(CertificationPeriod.containing(day("2026-03-15"), startOfCare: soc)?.number == 1)
        #expect(CertificationPeriod.containing(day("2026-03-16"), startOfCare: soc)?.number == 2)
        #expect(CertificationPeriod.containing(day("2026-01-14"), startOfCare: soc) == nil)
    }

    @Test func leapYearsCountTheirExtraDay() {
        // 2028 is a leap year: Jan 1 + 59 days is Feb 29.
        let period = CertificationPeriod(number: 1, startOfCare: day("2028-01-01"))
        #expect(period.end == day("2028-02-29"))
        #expect(CertificationPeriod(number: 1, startOfCare: day("2027-01-01")).end == day("2027-03-01"))
        // A period that crosses a year end.
        #expect(CertificationPeriod(number: 1, startOfCare: day("2026-12-15")).end == day("2027-02-12"))
    }

    @Test func recertificationWindowIsTheLastFiveDays() {
        let period = CertificationPeriod(number: 1, startOfCare: day("2026-01-15"))
        #expect(period.recertificationWindowStart == day("2026-03-11")) // day 56
        #expect(period.dayOfPeriod(day("2026-03-11")) == 56)
        #expect(period.daysLeft(on: day("2026-03-11")) == 4)
        #expect(period.daysLeft(on: period.end) == 0)
    }

    @Test func dayNumbersRoundTrip() {
        for text in ["1900-03-01", "1970-01-01", "2000-02-29", "2024-12-31", "2100-02-28"] {
            #expect(CalendarDate(dayNumber: day(text).dayNumber) == day(text))
        }
        #expect(day("1970-01-01").dayNumber == 0)
        #expect(day("2000-02-28").days(until: day("2000-03-01")) == 2)
        #expect(day("2100-02-28").days(until: day("2100-03-01")) == 1) // 2100 is not a leap year
    }
}

/// The episode state machine: referral → SOC → periods → transfer/ROC → discharge.
@Suite struct EpisodeLifecycleTests {
    @Test func fullEpisode() throws {
        var episode = Episode(referralDate: day("2026-01-12"))
        try episode.apply(.admitted(startOfCare: day("2026-01-15")))
        #expect(episode.status == .active)
        #expect(episode.certifiedThrough == day("2026-03-15"))
        try episode.apply(.transferred(on: day("2026-02-01")))
        try episode.apply(.resumed(on: day("2026-02-06")))
        try episode.apply(.recertified(on: day("2026-03-12")))
        #expect(episode.certifiedThrough == day("2026-05-14"))
        try episode.apply(.discharged(on: day("2026-04-20"), reason: "Goals met"))
        #expect(episode.status == .discharged)
        #expect(!episode.status.isOpen)
        #expect(try Episode(replaying: episode.events) == episode)
    }

    @Test func resumptionNeedsATransfer() {
        var episode = Episode(referralDate: day("2026-01-12"))
        #expect(throws: EpisodeError.resumptionWithoutTransfer) { try episode.apply(.resumed(on: day("2026-01-20"))) }
        try? episode.apply(.admitted(startOfCare: day("2026-01-15")))
        #expect(throws: EpisodeError.resumptionWithoutTransfer) { try episode.apply(.resumed(on: day("2026-01-20"))) }
        #expect(episode.status == .active)
    }

    @Test func startOfCareCannotPrecedeTheReferral() {
        var episode = Episode(referralDate: day("2026-01-12"))
        #expect(throws: EpisodeError.self) { try episode.apply(.admitted(startOfCare: day("2026-01-11"))) }
        #expect(episode.status == .referred)
        #expect(episode.events.count == 1)
    }

    @Test func recertificationOnlyInDays56To60() throws {
        var episode = Episode(referralDate: day("2026-01-12"))
        try episode.apply(.admitted(startOfCare: day("2026-01-15")))
        #expect(throws: EpisodeError.self) { try episode.apply(.recertified(on: day("2026-03-10"))) } // day 55
        try episode.apply(.recertified(on: day("2026-03-15"))) // day 60
        #expect(episode.certifiedPeriods == 2)
    }

    @Test func closedEpisodesTakeNoMoreEvents() throws {
        var episode = Episode(referralDate: day("2026-01-12"))
        try episode.apply(.notAdmitted(on: day("2026-01-13"), reason: "Not homebound"))
        #expect(throws: EpisodeError.self) { try episode.apply(.admitted(startOfCare: day("2026-01-15"))) }
        #expect(throws: EpisodeError.reasonRequired("discharge")) {
            var active = Episode(referralDate: day("2026-01-12"))
            try active.apply(.admitted(startOfCare: day("2026-01-15")))
            try active.apply(.discharged(on: day("2026-01-20"), reason: ""))
        }
    }

    @Test func eventsMustBeInDateOrder() throws {
        var episode = Episode(referralDate: day("2026-01-12"))
        try episode.apply(.admitted(startOfCare: day("2026-01-15")))
        #expect(throws: EpisodeError.self) { try episode.apply(.transferred(on: day("2026-01-14"))) }
    }
}

/// What the chart and caseload say about the certification on a given day.
@Suite struct CertificationClockTests {
    let soc = day("2026-01-15") // period 1 ends 2026-03-15; window opens 2026-03-11

    @Test func daysLeftAndRecertificationDue() {
        let early = CertificationClock(startOfCare: soc, certifiedPeriods: 1, certifiedThrough: day("2026-03-15"), today: day("2026-02-01"))
        #expect(early.summary == "42 days left")
        #expect(early.recertification == nil)
        let window = CertificationClock(startOfCare: soc, certifiedPeriods: 1, certifiedThrough: day("2026-03-15"), today: day("2026-03-11"))
        #expect(window.recertification == "due")
        let lastDay = CertificationClock(startOfCare: soc, certifiedPeriods: 1, certifiedThrough: day("2026-03-15"), today: day("2026-03-15"))
        #expect(lastDay.summary == "0 days left")
    }

    @Test func lapsedCertificationShowsThePeriodThatEnded() {
        let lapsed = CertificationClock(startOfCare: soc, certifiedPeriods: 1, certifiedThrough: day("2026-03-15"), today: day("2026-03-18"))
        #expect(lapsed.recertification == "overdue")
        #expect(lapsed.period.number == 1)
        #expect(lapsed.summary == "lapsed 3 days ago")
    }

    @Test func recertifiedEpisodeCountsIntoTheNextPeriod() {
        let clock = CertificationClock(startOfCare: soc, certifiedPeriods: 2, certifiedThrough: day("2026-05-14"), today: day("2026-03-20"))
        #expect(clock.period.number == 2)
        #expect(clock.recertification == nil)
        #expect(clock.summary == "55 days left")
    }
}

/// Issue 18, finding 5: "Assessments attach to the episode whose window they fall in, open or not."
@Suite struct AssessmentEpisodeTests {
    @Test func anAssessmentBelongsToTheLatestEpisodeReferredOnOrBeforeItsDate() {
        let referrals = [day("2026-01-05"), day("2026-06-01")]
        // A discharge assessment dated after the first episode's discharge, before the second referral: the first episode.
        #expect(AssessmentEpisode.index(for: day("2026-03-10"), referralDates: referrals) == 0)
        #expect(AssessmentEpisode.index(for: day("2026-06-01"), referralDates: referrals) == 1)
        #expect(AssessmentEpisode.index(for: day("2026-01-04"), referralDates: referrals) == nil)
        #expect(AssessmentEpisode.index(for: day("2026-06-01"), referralDates: [day("2026-06-01"), day("2026-06-01")]) == 1)
    }
}
