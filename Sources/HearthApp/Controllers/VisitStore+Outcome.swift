import Foundation
import HearthCore
import Vapor

extension VisitStore {
    /// What scheduling from the care plan did, for the message on the chart: every ordered visit is booked, or the page
    /// says which was not and why; every visit it cancelled is listed.
    struct Generated: Equatable {
        /// Ordered visits of one discipline and week that were not booked, and why (a `VisitPlacement.Refusal` code,
        /// or "closed" when the week had no open day at all).
        struct NotBooked: Equatable {
            var discipline: String
            var week: String
            var reason: String
            var count: Int
        }

        /// A visit booked earlier from the care plan that this scheduling cancelled, and why (a `cancelledBecause` code).
        struct Cancelled: Equatable {
            var discipline: String
            var date: String
            var time: String
            var reason: String
        }

        var created = 0
        var unassigned = 0
        var refused = 0
        var notBooked: [NotBooked] = []
        var cancelled: [Cancelled] = []

        /// Ordered visits whose week was over when the plan was scheduled.
        var past: Int { notBooked.filter { $0.reason == "over" }.reduce(0) { $0 + $1.count } }
        /// Ordered visits a week had no day or hour for.
        var unplaced: Int { notBooked.filter { $0.reason != "over" }.reduce(0) { $0 + $1.count } }

        mutating func notBooked(_ discipline: Discipline, week: CalendarDate?, reason: String, count: Int) {
            let week = week?.description ?? ""
            if let index = notBooked.firstIndex(where: { $0.discipline == discipline.rawValue && $0.week == week && $0.reason == reason }) {
                notBooked[index].count += count
            } else {
                notBooked.append(NotBooked(discipline: discipline.rawValue, week: week, reason: reason, count: count))
            }
        }

        /// What happened, in the scheduler's words.
        var summary: String {
            var parts = ["Scheduled \(created) visit\(created == 1 ? "" : "s")" + (unassigned > 0 ? " (\(unassigned) with no clinician yet: assign them below)" : "") + "."]
            if past > 0 { parts.append("\(past) ordered visit\(past == 1 ? " was" : "s were") on days already past and not booked: record them as made, or as missed with the physician told.") }
            if unplaced > 0 { parts.append("\(unplaced) ordered visit\(unplaced == 1 ? "" : "s") could not be booked in \(unplaced == 1 ? "its" : "their") week (listed below with why): book by hand or ask for a changed order.") }
            if !cancelled.isEmpty { parts.append("Cancelled \(cancelled.count) visit\(cancelled.count == 1 ? "" : "s") booked earlier from the care plan (listed below).") }
            if refused > 0 { parts.append("\(refused) frequenc\(refused == 1 ? "y does" : "ies do") not fit the rest of the period and were not scheduled: change \(refused == 1 ? "it" : "them") on the care plan.") }
            return parts.joined(separator: " ")
        }

        /// One line per week with visits not booked and per cancelled visit, each with why and what to do.
        var details: [String] {
            notBooked.filter { $0.reason != "over" }.map { gap in
                "\(gap.discipline), week of \(gap.week): \(gap.count) not booked, " + Self.why[gap.reason, default: "no day or hour fit."]
            } + cancelled.map { visit in
                "Cancelled the \(visit.discipline) visit of \(visit.date) at \(visit.time): " + Self.cancelledBecause[visit.reason, default: "it was booked again."]
            }
        }

        static let cancelledBecause = [
            "surplus": "the order no longer asks for it that week.",
            "continuity": "the clinician who saw the patient last takes the visits now, for continuity; it was booked again with them.",
            "team": "its clinician is no longer on the care team, or no longer qualified for it; it was booked again where it fit.",
            "hours": "its clinician no longer works then (working hours, day off or agency holiday); it was booked again where it fit.",
            "busy": "its clinician or the patient has another visit then; it was booked again where it fit.",
            "unassigned": "it had no clinician; it was booked again with a care-team clinician who may make it.",
        ]

        static let why = [
            "closed": "no open day that week (declined days, an agency holiday, or no one who may make the visit works those weekdays). Book it by hand or ask for a changed order.",
            "off": "the clinician does not work, or is not credentialed for the visit, the rest of that week. Book it with another clinician, or see their working days and credentials on the staff page.",
            "full": "the clinician's hours the rest of that week are taken by other visits. Book it by hand at another time or with another clinician.",
        ]

        /// The outcome as it travels in the chart's address: counts, disciplines, weeks and times, never a name.
        var query: String {
            let gaps = notBooked.prefix(40).map { "\($0.discipline).\($0.week).\($0.reason).\($0.count)" }.joined(separator: ",")
            let gone = cancelled.prefix(40).map { "\($0.discipline).\($0.date).\($0.time.replacingOccurrences(of: ":", with: "")).\($0.reason)" }.joined(separator: ",")
            return "scheduled=\(created)&unassigned=\(unassigned)&past=\(past)&unplaced=\(unplaced)&refused=\(refused)"
                + (gaps.isEmpty ? "" : "&notBooked=\(gaps)") + (gone.isEmpty ? "" : "&cancelled=\(gone)")
        }

        /// Reads the outcome back from the address; nil when the page was not opened by scheduling.
        init?(query req: Request) {
            guard let created = req.query[Int.self, at: "scheduled"] else { return nil }
            self.created = created
            unassigned = req.query[Int.self, at: "unassigned"] ?? 0
            refused = req.query[Int.self, at: "refused"] ?? 0
            notBooked = (req.query[String.self, at: "notBooked"] ?? "").split(separator: ",").compactMap { item in
                let parts = item.split(separator: ".").map(String.init)
                guard parts.count == 4, let count = Int(parts[3]), CalendarDate(parts[1]) != nil, parts[0].allSatisfy(\.isLetter) else { return nil }
                return NotBooked(discipline: parts[0], week: parts[1], reason: parts[2], count: count)
            }
            cancelled = (req.query[String.self, at: "cancelled"] ?? "").split(separator: ",").compactMap { item in
                let parts = item.split(separator: ".").map(String.init)
                guard parts.count == 4, CalendarDate(parts[1]) != nil, parts[2].count == 4, let time = ClockTime(parts[2].prefix(2) + ":" + parts[2].suffix(2)),
                      parts[0].allSatisfy(\.isLetter) else { return nil }
                return Cancelled(discipline: parts[0], date: parts[1], time: time.description, reason: parts[3])
            }
        }

        init() {}
    }
}
