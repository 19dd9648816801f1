import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

/// Issue 17 #8: frequencies count from the order's effective date, and scheduling books every ordered visit or says why not.
extension AllTests.VisitTests {
    @Test func schedulingSaysWhichOrderedVisitsItCouldNotBook() async throws {
        try await withHearth { app in
            let (browser, _, patientID) = try await scheduled(app) // SN 2w4 from a start of care three days ago
            let again = try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:])
            let location = try #require(again.headers.first(name: .location))
            #expect(location.contains("past="))
            let chart = try await browser.get(location).body.string
            #expect(chart.contains(#"id="scheduled-outcome""#) && chart.contains("Scheduled "))
            if !location.contains("past=0") { #expect(chart.contains("on days already past and not booked")) }
        }
    }

    @Test func anInterimFrequencyCountsFromTheDayItWasOrdered() async throws {
        try await withHearth { app in
            let orders = AllTests.OrderTests()
            let (browser, cast, base) = try await orders.completePlan(app)
            #expect(try await browser.post(base + "/send", form: [:]).status == .seeOther)
            let problemID = try await plans.current(app).problems[0].id
            #expect(try await browser.post(base + "/interventions", form: [
                "problemID": problemID, "discipline": "PT", "action": "Gait training with a walker", "frequency": "1w4",
            ]).status == .seeOther)
            let today = plans.today(app)
            let pt = try #require(try await plans.current(app).interventions.first { $0.discipline == .physicalTherapy })
            #expect(pt.effectiveOn == today)
            // The plan of care's own frequency still counts from the start of care.
            #expect(try await plans.current(app).interventions.first { $0.discipline == .skilledNursing }?.effectiveOn == nil)
            let chart = try await browser.get(SiteURL.patient(try cast.ownPatient.requireID()).path).body.string
            #expect(chart.contains("Week 1, \(today) – \(today.adding(days: 6))"))
        }
    }
}


/// Issue 17: generated visits fall on the clinician's working days and hours, never before now, clear of their other
/// visits; scheduling again keeps visits booked by hand and cancels only its own bookings, each audited and listed.
extension AllTests.VisitTests {
    @Test func generatedVisitsFallInTheNursesHoursFromNowOnAndSchedulingAgainKeepsHandBookedVisits() async throws {
        try await withHearth { app in
            // setup: SN 2w4, 1w5 from a start of care three days ago, for a nurse who works Monday to Friday 08:00–16:30
            let (browser, cast, patientID) = try await scheduled(app)
            let nurse = try cast.user(.clinician).requireID()
            let zone = app.settings.agencyTimeZone
            let episode = try await EpisodeStore.latest(patientID: patientID, on: app.db)
            let start = try #require(episode?.startOfCare.flatMap(CalendarDate.init))
            let plan = VisitPlanGenerator(periodStart: start)
            // A Tuesday in plan week 3 or 4, booked by hand at 13:00 …
            var day = plans.today(app).adding(days: 14)
            while day.isoWeekday != 2 { day = day.adding(days: 1) }
            let week = try #require(plan.week(of: day))
            #expect(try await browser.post(SiteURL.patient(patientID, .visits).path, form: [
                "date": day.description, "time": "13:00", "minutes": "60", "discipline": "SN", "clinicianID": nurse.uuidString,
            ]).status == .seeOther)
            let hand = try #require(try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID)
                .filter(\.$scheduledOn == day.description).filter(\.$startTime == "13:00").first())
            // … and a booking from an earlier scheduling that the order does not ask for: the week now has one too many.
            let extra = VisitRecord()
            extra.$patient.id = patientID
            extra.$clinician.id = nurse
            extra.discipline = "SN"
            extra.kind = VisitKind.routine.rawValue
            extra.scheduledOn = day.adding(days: 2).description
            extra.startTime = "15:00"
            extra.minutes = 60
            extra.status = "scheduled"
            extra.origin = VisitRecord.fromCarePlan
            try VisitStore.store(VisitNoteContent(), in: extra)
            try await extra.create(on: app.db)
            let asked = Date().addingTimeInterval(-60)

            // act
            let again = try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:])

            // check: every booked visit is on a weekday, inside 08:00–16:30, not before now, and never on top of another
            let location = try #require(again.headers.first(name: .location))
            let visits = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$status == "scheduled").all()
            for visit in visits {
                let date = try #require(CalendarDate(visit.scheduledOn)), time = try #require(ClockTime(visit.startTime))
                #expect(date.isoWeekday <= 5, "\(visit.scheduledOn) is a weekend day")
                #expect(time.minutesSinceMidnight >= 8 * 60 && time.minutesSinceMidnight + visit.minutes <= 16 * 60 + 30, "\(visit.startTime)")
                #expect(try #require(AgencyTime.instant(date, hour: time.hour, minute: time.minute, in: zone)) >= asked, "\(visit.scheduledOn) \(visit.startTime)")
            }
            let slots = visits.compactMap(VisitStore.slot)
            #expect(!slots.enumerated().contains { index, slot in slots[(index + 1)...].contains { $0.overlaps(slot) } })
            // The hand-booked visit stays and stands for one of the week's two ordered visits; one booking too many was cancelled.
            #expect(try await VisitRecord.find(hand.id, on: app.db)?.status == "scheduled")
            let inWeek = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$status != "cancelled").all()
                .filter { CalendarDate($0.scheduledOn).flatMap(plan.week(of:)) == week }
            #expect(inWeek.count == 2)
            #expect(location.contains("cancelled=SN."))
            #expect(try await auditTrail(app).contains { $0.action == "visit.cancel" && ($0.detail ?? "").contains("scheduling from the care plan") })
            let chart = try await browser.get(location).body.string
            #expect(chart.contains(#"id="scheduled-details""#) && chart.contains("Cancelled the SN visit of"))
        }
    }
}

extension AllTests.VisitTests {
    @Test func anOrderedVisitTheNursesHoursHaveNoRoomForIsNamedWithWhy() async throws {
        try await withHearth { app in
            // setup: SN 2w4, 1w5 booked; then the nurse's hours become Mondays 08:00–09:00 only, room for one visit a week
            let (browser, cast, patientID) = try await scheduled(app)
            let profile = try #require(try await StaffProfileRecord.query(on: app.db).filter(\.$user.$id == cast.user(.clinician).requireID()).first())
            profile.workingHours = try StaffStore.encode(WorkingHours(shifts: [1: WorkingHours.Shift(start: ClockTime("08:00")!, end: ClockTime("09:00")!)!]))
            try await profile.save(on: app.db)
            // act
            let again = try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:])
            // check: her other bookings are cancelled and listed; each week of two visits books one and names the other
            let location = try #require(again.headers.first(name: .location))
            #expect(location.contains(".full.1"))
            let scheduled = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$status == "scheduled").all()
            #expect(!scheduled.isEmpty && scheduled.allSatisfy { CalendarDate($0.scheduledOn)?.isoWeekday == 1 && $0.startTime == "08:00" })
            let chart = try await browser.get(location).body.string
            #expect(chart.contains("1 not booked, the clinician&#39;s hours the rest of that week are taken") || chart.contains("1 not booked, the clinician's hours the rest of that week are taken"))
            #expect(chart.contains("its clinician no longer works then"))
        }
    }
}

extension AllTests.VisitTests {
    @Test func noVisitIsBookedWithANurseAfterHerLicenseLapses() async throws {
        try await withHearth { app in
            // setup: the nurse's Ohio license lapses in ten days
            let (browser, cast, patientID) = try await scheduled(app)
            let nurse = try cast.user(.clinician).requireID()
            let lapses = plans.today(app).adding(days: 10)
            let license = try #require(try await CredentialRecord.query(on: app.db).filter(\.$user.$id == nurse).first())
            license.expiresOn = lapses.description
            try await license.save(on: app.db)
            // act
            let again = try await browser.post(SiteURL.patient(patientID, .visits).path + "/generate", form: [:])
            // check: nothing of hers after the lapse; those weeks are named as not booked
            let hers = try await VisitRecord.query(on: app.db).filter(\.$patient.$id == patientID).filter(\.$status == "scheduled").all()
            #expect(!hers.isEmpty && hers.allSatisfy { $0.scheduledOn <= lapses.description })
            #expect(try #require(again.headers.first(name: .location)).contains(".off."))
        }
    }
}
