import Foundation
import Testing
@testable import HearthCore

/// Distances from stored coordinates: great circle times a road factor, at an average speed.
@Suite struct TravelTests {
    let harrisburg = GeoPoint(latitude: 40.2732, longitude: -76.8867)!
    let philadelphia = GeoPoint(latitude: 39.9526, longitude: -75.1652)!

    @Test func oneDegreeOfLongitudeAtTheEquatorIsAbout111Km() {
        let km = GeoPoint(latitude: 0, longitude: 0)!.kilometres(to: GeoPoint(latitude: 0, longitude: 1)!)
        #expect(abs(km - 111.195) < 0.001)
    }

    @Test func harrisburgToPhiladelphiaByRoad() {
        let leg = Travel.leg(from: harrisburg, to: philadelphia)
        #expect(abs(leg.straightKm - 150.67) < 0.01)
        #expect(abs(harrisburg.miles(to: philadelphia) - 93.62) < 0.01)
        #expect(abs(leg.roadMiles - 121.71) < 0.01)
        #expect(leg.minutes == 243)
        #expect(leg.description == "121.7 mi, about 243 min")
    }

    @Test func theSamePlaceIsNoDistanceAndDistanceIsSymmetric() {
        #expect(harrisburg.kilometres(to: harrisburg) == 0)
        #expect(abs(harrisburg.kilometres(to: philadelphia) - philadelphia.kilometres(to: harrisburg)) < 1e-9)
        #expect(GeoPoint(latitude: 0, longitude: 0)!.kilometres(to: GeoPoint(latitude: 0, longitude: 180)!) > 20_000)
    }

    @Test func coordinatesOffTheGlobeAreRefused() {
        #expect(GeoPoint(latitude: 90.0001, longitude: 0) == nil)
        #expect(GeoPoint(latitude: 0, longitude: -180.5) == nil)
        #expect(GeoPoint(latitude: -90, longitude: 180) != nil)
    }
}

/// A clinician's day: booked visits in time order with the drive before each; unbooked visits by nearest neighbour.
@Suite struct RoutePlannerTests {
    let home = GeoPoint(latitude: 40.2732, longitude: -76.8867)!

    func stop(_ id: String, _ start: String?, lat: Double?, minutes: Int = 45) -> RouteStop {
        RouteStop(id: id, start: start.flatMap(ClockTime.init), minutes: minutes,
                  location: lat.flatMap { GeoPoint(latitude: $0, longitude: -76.8867) })
    }

    @Test func bookedVisitsKeepTheirTimesAndGoInTimeOrder() {
        let route = RoutePlanner.order(visits: [stop("c", "13:00", lat: 40.30), stop("a", "09:00", lat: 40.29), stop("b", "10:30", lat: 40.40)], from: home)
        #expect(route.stops.map(\.id) == ["a", "b", "c"])
        #expect(route.legs.map(\.fromID) == [nil, "a", "b"])
        #expect(route.legs[0].estimate?.minutes == 3)
        #expect(abs(route.totalMiles - route.legs.compactMap(\.estimate).map(\.roadMiles).reduce(0, +)) < 1e-9)
    }

    @Test func aLegLongerThanTheGapMakesTheClinicianLate() {
        // a: 09:00–09:45, then 12 miles straight north (about 20 road miles, 40 minutes) to b at 10:00
        let route = RoutePlanner.order(visits: [stop("a", "09:00", lat: 40.29), stop("b", "10:00", lat: 40.4638)], from: home)
        let leg = route.legs[1]
        #expect(leg.minutesLate == 45 + (leg.estimate?.minutes ?? 0) - 60)
        #expect(leg.minutesLate > 0)
        #expect(route.legs[0].minutesLate == 0)
    }

    @Test func unbookedVisitsFollowByNearestNeighbourFromTheLastStop() {
        let route = RoutePlanner.order(visits: [stop("far", nil, lat: 40.60), stop("near", nil, lat: 40.32), stop("a", "09:00", lat: 40.30),
                                                stop("mid", nil, lat: 40.45), stop("nowhere", nil, lat: nil)], from: home)
        #expect(route.stops.map(\.id) == ["a", "near", "mid", "far", "nowhere"])
        #expect(route.legs.last?.estimate == nil)
    }

    @Test func aStopWithoutCoordinatesHasNoEstimateButKeepsItsPlace() {
        let route = RoutePlanner.order(visits: [stop("a", "09:00", lat: nil), stop("b", "11:00", lat: 40.3)], from: nil)
        #expect(route.stops.map(\.id) == ["a", "b"])
        #expect(route.legs.map { $0.estimate == nil } == [true, true])
        #expect(route.totalMinutes == 0)
    }
}

/// The clinician's private calendar feed (RFC 5545): CRLF, 75-octet folding, escaping, UTC times, no full names.
@Suite struct ICalendarFeedTests {
    let visit = CalendarVisit(uid: "visit-1", start: clockTime("2026-11-02 09:00"), end: clockTime("2026-11-02 10:00"),
                              discipline: .skilledNursing, patientGivenName: "Margaret", patientFamilyName: "Robinson", town: "Camp Hill")

    func render(_ events: [CalendarVisit], name: String = "Ana Lopez visits") -> String {
        ICalendarFeed.render(events: events, calendarName: name, now: clockTime("2026-11-01 08:00"))
    }

    /// Undoes folding, as a calendar app reads the feed [RFC 5545 §3.1].
    func unfolded(_ text: String) -> String { text.replacingOccurrences(of: "\r\n ", with: "") }

    @Test func aFeedHasTheCalendarAndOneEventPerVisitInUTC() {
        let lines = render([visit]).components(separatedBy: "\r\n")
        #expect(lines.prefix(3) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hearth//Visit schedule//EN"])
        #expect(lines.contains("UID:visit-1@hearth"))
        #expect(lines.contains("DTSTAMP:20261101T130000Z"))  // 08:00 EST: daylight saving ended at 02:00 that morning
        #expect(lines.contains("DTSTART:20261102T140000Z"))
        #expect(lines.contains("DTEND:20261102T150000Z"))
        #expect(lines.contains("SUMMARY:SN visit: M.R."))
        #expect(lines.contains("LOCATION:Camp Hill"))
        #expect(lines.suffix(2) == ["END:VCALENDAR", ""])
    }

    @Test func everyLineEndsInCRLFAndNoBareLineFeedIsLeft() {
        let text = render([visit])
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test func theFeedCarriesInitialsAndTownButNoFullName() {
        let text = unfolded(render([visit]))
        #expect(!text.contains("Margaret") && !text.contains("Robinson"))
        #expect(text.contains("M.R."))
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        let town = String(repeating: "Ørsted-on-the-Susquehanna ", count: 6)
        let text = render([CalendarVisit(uid: "v2", start: visit.start, end: visit.end, discipline: .physicalTherapy,
                                         patientGivenName: "Zoë", patientFamilyName: "Ó Briain", town: town)])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") })
        #expect(unfolded(text).contains("LOCATION:\(ICalendarFeed.escape(town))"))
        #expect(unfolded(text).contains("SUMMARY:PT visit: Z.Ó."))
    }

    @Test func foldingAtExactly75OctetsLeavesTheLineWhole() {
        let line = String(repeating: "x", count: 75)
        #expect(ICalendarFeed.fold(line) == line)
        #expect(ICalendarFeed.fold(line + "y") == line + "\r\n y")
        let long = String(repeating: "é", count: 40)  // 80 octets: 37 characters (74 octets) fit before the fold
        #expect(ICalendarFeed.fold(long) == String(repeating: "é", count: 37) + "\r\n " + String(repeating: "é", count: 3))
    }

    @Test func textIsEscaped() {
        #expect(ICalendarFeed.escape(#"Back\slash; comma, "quote""#) == #"Back\\slash\; comma\, "quote""#)
        #expect(ICalendarFeed.escape("line one\nline two\r\nthree") == #"line one\nline two\nthree"#)
        let text = render([CalendarVisit(uid: "v3", start: visit.start, end: visit.end, discipline: .homeHealthAide,
                                         patientGivenName: "Al", patientFamilyName: "Day", town: "Lemoyne, PA")], name: "Ana; visits")
        #expect(text.contains(#"LOCATION:Lemoyne\, PA"#))
        #expect(text.contains(#"X-WR-CALNAME:Ana\; visits"#))
    }

    @Test func eventsAreInTimeOrderAndCancelledOnesSaySo() {
        var early = visit
        early.uid = "visit-0"
        early.start = clockTime("2026-11-02 07:00")
        early.end = clockTime("2026-11-02 08:00")
        early.cancelled = true
        let text = render([visit, early])
        let first = try! #require(text.range(of: "UID:visit-0")), second = try! #require(text.range(of: "UID:visit-1"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(text.contains("STATUS:CANCELLED"))
        #expect(render([]).components(separatedBy: "\r\n").filter { $0 == "BEGIN:VEVENT" }.isEmpty)
    }
}
