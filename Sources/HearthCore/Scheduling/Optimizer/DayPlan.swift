/// A proposed day: each clinician's route, the visits that could not be placed and why, and the cost explained.
public struct DayPlan: Sendable, Equatable {
    public struct Stop: Sendable, Equatable {
        public var visitID: String
        /// Minutes after midnight.
        public var start: Int
        public var minutes: Int
        public var driveMinutes: Int
        public var driveMiles: Double
        /// Minutes past the end of the patient's preferred window.
        public var lateMinutes: Int
        public var isStranger: Bool
        /// Why the plan could not move this visit, which stays with its clinician at its time ("Cannot place: …"): the
        /// plan keeps it on the route so nothing else is planned over it. Nil for a visit the plan placed.
        public var keptBecause: String? = nil
    }

    public struct Route: Sendable, Equatable {
        public var clinicianID: String
        public var stops: [Stop]
        public var homeAt: Int
        public var overtimeMinutes: Int
        public var driveMinutes: Int { stops.reduce(0) { $0 + $1.driveMinutes } + homeDriveMinutes }
        public var homeDriveMinutes: Int
        public var miles: Double
        /// The clinician's break: when it starts (nil when none is owed: no break, or the day ends before its window
        /// closes), how long, and how many minutes past the latest start its window allows.
        public var breakStart: Int? = nil
        public var breakMinutes = 0
        public var breakLateMinutes = 0

        /// The stop the break comes just before (`stops.count`: before the drive home), or nil with no break.
        public var breakBeforeStop: Int? {
            guard let breakStart else { return nil }
            return stops.firstIndex { $0.start >= breakStart + breakMinutes } ?? stops.count
        }
    }

    public struct Unplaced: Sendable, Equatable {
        public var visitID: String
        public var mustDo: Bool
        /// "Cannot place: …", in the scheduler's words, saying what to do.
        public var reason: String
    }

    /// The objective, term by term, so a supervisor can see what the plan traded.
    public struct Cost: Sendable, Equatable {
        public var driveMinutes = 0
        public var miles = 0.0
        public var lateMinutes = 0
        public var overtimeMinutes = 0
        /// Breaks that start past their window's latest start, and by how many minutes in all.
        public var lateBreaks = 0
        public var breakLateMinutes = 0
        public var strangerVisits = 0
        public var changedVisits = 0
        public var unplacedOptional = 0
        public var unplacedMustDo = 0
        public var total = 0.0

        public var explanation: String {
            var parts = ["\(driveMinutes) min driving (\(Int(miles.rounded())) mi)"]
            if lateMinutes > 0 { parts.append("\(lateMinutes) min late") }
            if overtimeMinutes > 0 { parts.append("\(overtimeMinutes) min overtime") }
            if lateBreaks > 0 { parts.append("\(lateBreaks) break\(lateBreaks == 1 ? "" : "s") missed its window (\(breakLateMinutes) min late)") }
            parts.append("\(strangerVisits) visit\(strangerVisits == 1 ? "" : "s") by someone new to the patient")
            if changedVisits > 0 { parts.append("\(changedVisits) moved from today's plan") }
            if unplacedOptional + unplacedMustDo > 0 { parts.append("\(unplacedOptional + unplacedMustDo) not placed") }
            return parts.joined(separator: ", ")
        }
    }

    public var date: CalendarDate
    public var routes: [Route]
    public var unplaced: [Unplaced]
    public var cost: Cost
    public var iterations: Int

    /// The clinician planned for each visit.
    public var clinicianOf: [String: String] {
        var owner: [String: String] = [:]
        for route in routes { for stop in route.stops { owner[stop.visitID] = route.clinicianID } }
        return owner
    }
}
