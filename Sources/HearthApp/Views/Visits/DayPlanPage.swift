/// "Plan this day": the form (day, team, time limit), and once planned the proposal: what it changes from today's plan,
/// each clinician's route in order with its times, the routes drawn over a plain box, every visit that cannot be
/// placed and why, and the moves to apply (all, or those ticked).
struct DayPlanPage: Sendable {
    struct Fact: Sendable {
        var label: String
        var value: String
        var id: String
    }

    struct Stop: Sendable {
        /// Lower-case, as the visit's address has it.
        var visitID: String
        var time: String
        var patient: String
        var address: String
        var discipline: String
        var drive: String
        /// "was 10:30 with Ann Lee", "late 12 min", "new to the patient".
        var notes: [String]
        var moved: Bool
    }

    struct Route: Sendable {
        var clinician: String
        var color: String
        var summary: String
        var stops: [Stop]
        var overHours: Bool
        /// The clinician's break, shown in the timeline just before stop `before` (`stops.count`: before the drive home).
        var lunch: Lunch? = nil
    }

    struct Lunch: Sendable {
        var before: Int
        var time: String
        /// "30 min break" or "30 min break, 20 min past its window".
        var text: String
        var late: Bool
    }

    struct Change: Sendable {
        var visitID: String
        var posted: String
        var patient: String
        var from: String
        var to: String
    }

    struct Unplaced: Sendable {
        var patient: String
        var reason: String
        var mustDo: Bool
    }

    struct Proposal: Sendable {
        var heading: String
        var facts: [Fact]
        var routes: [Route]
        var map: DayPlanMap
        var changes: [Change]
        var unplaced: [Unplaced]
        /// What the independent checker found wrong; the apply buttons are hidden unless empty.
        var violations: [String]
        var applyAction: String
        var date: String
        var team: String
        var seconds: String
        /// The field staff called out (user ids), carried to the apply form so a refused apply plans the same day again.
        var out: [String] = []
    }

    var shell: PageShell
    var form: PageForm
    var proposal: Proposal?
    /// Why the moves asked were not applied (nothing was).
    var refusals: [String] = []
    var backHref: String
}
