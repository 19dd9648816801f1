import Fluent
import Foundation
import HearthCore
import Vapor

/// Scheduling the care plan's frequencies: what is already on the calendar counts, what is missing is booked on days and
/// hours the clinician works, from now on, clear of their other visits; what cannot be booked is said, with why.
extension VisitStore {
    /// What scheduling from the care plan will do: visits to book, its own earlier bookings to cancel, and the outcome.
    struct Generation {
        var booking: [VisitRecord] = []
        var cancelling: [(visit: VisitRecord, reason: String)] = []
        var outcome = Generated()
    }

    /// The care team as the scheduler sees it: each clinician with their profile and their visits over the rest of the period.
    struct Team {
        var members: [(user: User, profile: StaffProfile)] = []
        /// Visits of the team and of the patient from today on, not cancelled, by clinician id ("" for the patient's own).
        var busy: [String: [VisitSlot]] = [:]
        var patientBusy: [VisitSlot] = []
        var lastBy: [Discipline: String] = [:]
        var load: [String: Int] = [:]

        /// A clinician's visits plus the patient's: a new visit overlaps neither.
        func calendar(of clinicianID: String) -> [VisitSlot] { (busy[clinicianID] ?? []) + patientBusy }

        mutating func add(_ slot: VisitSlot) {
            busy[slot.clinicianID, default: []].append(slot)
            patientBusy.append(slot)
            load[slot.clinicianID + slot.date.description, default: 0] += 1
        }

        mutating func remove(id: String) {
            for key in busy.keys { busy[key]?.removeAll { $0.id == id } }
            patientBusy.removeAll { $0.id == id }
        }
    }

    /// Works out the rest of the period from the care plan: each frequency's ordered visits, less those already on the
    /// calendar (made, missed, under way, or booked by hand are kept whatever happens), booked with a care-team clinician
    /// of the discipline whose credentials are valid in the patient's state. Nothing is written here.
    static func generate(for patient: Patient, plan: CarePlanStore.Plan, now: Date, zone: TimeZone, requirements: StateCredentialRequirements,
                         holidays: HolidayCalendar, on db: any Database) async throws -> Generation {
        guard let period = plan.period else { throw AppError.conflict("The patient is not admitted: there is no certification period to schedule.") }
        let placement = VisitPlacement(now: now, timeZone: zone, closedDays: holidays.days(from: period.start, through: period.end), minutes: defaultMinutes)
        let patientID = try patient.requireID()
        var team = try await team(of: patientID, from: placement.today, through: period.end, on: db)
        let onCalendar = try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$status != VisitStatus.cancelled.rawValue)
            .filter(\.$scheduledOn >= period.start.description).filter(\.$scheduledOn <= period.end.description).all()
        var generation = Generation()
        for intervention in plan.content.interventions {
            // Who may make the discipline's visits; a day their credential does not cover (lapsed, not yet valid) is a day off here.
            let days = (0...max(0, placement.today.days(until: period.end))).map { placement.today.adding(days: $0) }
            let fitting: [(user: User, profile: StaffProfile)] = team.members.compactMap { member in
                let barred = days.filter {
                    requirements.assignmentProblem(staff: member.profile, discipline: intervention.discipline, visitDate: $0, patientState: patient.state ?? "") != nil
                }
                guard barred.count < days.count else { return nil }
                var profile = member.profile
                profile.workingHours.daysOff.formUnion(barred)
                return (member.user, profile)
            }
            // Weekly visits spread over the weekdays someone who may make them works (Monday to Friday when no one may yet).
            let worked = fitting.isEmpty ? Set(StaffStore.workingHours(nil).shifts.keys) : Set(fitting.flatMap { $0.profile.workingHours.shifts.keys })
            // Weeks count from the order's effective day: an interim order added mid-period owes no visits before it.
            let generator = VisitPlanGenerator(periodStart: period.start, startDay: period.dayOfPeriod(intervention.frequencyStart(in: period)),
                                               skippedWeekdays: Set(1...7).subtracting(worked), closedDays: placement.closedDays)
            let planned: DisciplineVisitPlan
            do { planned = try generator.plan(for: intervention.discipline, frequency: intervention.frequency) } catch {
                generation.outcome.refused += 1
                continue
            }
            for gap in planned.unplaced {
                generation.outcome.notBooked(intervention.discipline, week: generator.days(ofWeek: gap.week).first, reason: "closed", count: gap.count)
            }
            let mine = onCalendar.filter { $0.discipline == intervention.discipline.rawValue }
            // Continuity: once a clinician has made this discipline's visit, earlier bookings with someone else go to them.
            let preferred = team.lastBy[intervention.discipline].flatMap { last in fitting.contains { $0.profile.id == last } ? last : nil }
            let kept = keepOrCancel(mine, fitting: fitting, preferred: preferred, placement: placement, team: &team, generation: &generation)
            let reconciled = generator.reconcile(planned, with: kept)
            for id in reconciled.surplus {
                guard let visit = mine.first(where: { $0.id?.uuidString == id }) else { continue }
                team.remove(id: id)
                generation.cancel(visit, reason: "surplus")
            }
            var taken = Set(kept.filter { !reconciled.surplus.contains($0.id) }.map(\.date))
            for visit in reconciled.toBook {
                try book(visit, of: intervention.discipline, generator: generator, fitting: fitting, placement: placement, taken: &taken,
                         team: &team, patient: patient, plan: plan, into: &generation)
            }
        }
        return generation
    }

    /// The patient's care-team clinicians with profiles, who last made each discipline's visit, and everyone's calendar.
    static func team(of patientID: UUID, from today: CalendarDate, through end: CalendarDate, on db: any Database) async throws -> Team {
        var team = Team()
        for member in try await CareTeamMember.query(on: db).filter(\.$patient.$id == patientID).with(\.$user).all() {
            if let profile = try await StaffStore.profile(of: member.user, on: db), !team.members.contains(where: { $0.profile.id == profile.id }) {
                team.members.append((member.user, profile))
            }
        }
        let made = try await VisitRecord.query(on: db).filter(\.$patient.$id == patientID).filter(\.$status == VisitStatus.completed.rawValue).sort(\.$scheduledOn).all()
        for visit in made {
            if let discipline = Discipline(rawValue: visit.discipline), let id = visit.$clinician.id { team.lastBy[discipline] = id.uuidString }
        }
        let ids = team.members.compactMap { $0.user.id }
        let visits = try await VisitRecord.query(on: db).filter(\.$status != VisitStatus.cancelled.rawValue).filter(\.$scheduledOn >= today.description)
            .filter(\.$scheduledOn <= end.description)
            .group(.or) { group in
                group.filter(\.$patient.$id == patientID)
                if !ids.isEmpty { group.filter(\.$clinician.$id ~~ ids) }
            }.all()
        for visit in visits {
            guard let slot = slot(visit) else { continue }
            if let clinician = visit.$clinician.id { team.busy[clinician.uuidString, default: []].append(slot) }
            if visit.$patient.id == patientID { team.patientBusy.append(slot) }
            if visit.$patient.id != patientID { team.load[slot.clinicianID + slot.date.description, default: 0] += 1 }
        }
        return team
    }

    static func slot(_ visit: VisitRecord) -> VisitSlot? {
        guard let date = CalendarDate(visit.scheduledOn), let start = ClockTime(visit.startTime), let discipline = Discipline(rawValue: visit.discipline) else { return nil }
        return VisitSlot(id: visit.id?.uuidString ?? "", date: date, start: start, minutes: visit.minutes, patientID: visit.$patient.id.uuidString,
                         discipline: discipline, clinicianID: visit.$clinician.id?.uuidString ?? "")
    }

    /// The discipline's visits on the calendar as the plan counts them. An earlier booking from the care plan that is still
    /// ahead is kept only while its clinician may still make it then; otherwise it is cancelled, to be booked again.
    static func keepOrCancel(_ visits: [VisitRecord], fitting: [(user: User, profile: StaffProfile)], preferred: String?, placement: VisitPlacement,
                             team: inout Team, generation: inout Generation) -> [BookedVisit] {
        var kept: [BookedVisit] = []
        for visit in visits {
            guard let id = visit.id?.uuidString, let slot = slot(visit) else { continue }
            let replaceable = visit.origin == VisitRecord.fromCarePlan && visit.isNotYetStarted
                && placement.isAhead(slot.date, slot.start)
            if replaceable {
                let profile = fitting.first { $0.profile.id == slot.clinicianID }?.profile
                let shift = profile?.workingHours.shift(on: slot.date)
                let clash = team.calendar(of: slot.clinicianID).contains { $0.id != id && $0.overlaps(slot) }
                let works = shift.map { $0.covers(from: slot.startMinute, to: slot.endMinute) } == true && !placement.closedDays.contains(slot.date)
                // Booked with no clinician: kept while still no one may make it, else booked again with someone who may.
                let unassigned = slot.clinicianID.isEmpty
                if unassigned ? !fitting.isEmpty : (profile == nil || !works || clash) {
                    team.remove(id: id)
                    generation.cancel(visit, reason: unassigned ? "unassigned" : profile == nil ? "team" : !works ? "hours" : "busy")
                    continue
                }
                if let preferred, preferred != slot.clinicianID, !unassigned {
                    team.remove(id: id)
                    generation.cancel(visit, reason: "continuity")
                    continue
                }
            }
            kept.append(BookedVisit(id: id, date: slot.date, replaceable: replaceable))
        }
        return kept
    }

    /// Books one ordered visit with the best-ranked clinician who has room in its week, or records why it was not booked.
    static func book(_ visit: PlannedVisit, of discipline: Discipline, generator: VisitPlanGenerator, fitting: [(user: User, profile: StaffProfile)],
                     placement: VisitPlacement, taken: inout Set<CalendarDate>, team: inout Team, patient: Patient, plan: CarePlanStore.Plan,
                     into generation: inout Generation) throws {
        let week = generator.days(ofWeek: visit.week)
        let days = visit.isDaily ? (visit.date >= placement.today ? [visit.date] : []) : placement.candidateDays(planned: visit.date, week: week, taken: taken)
        // Continuity: the clinician who saw the patient last for this discipline, then the one with the lightest day.
        let ranked = ContinuityRanking.rank(candidates: fitting.map {
            ContinuityCandidate(clinicianID: $0.profile.id, visitsThatDay: team.load[$0.profile.id + visit.date.description, default: 0])
        }, lastVisitBy: team.lastBy[discipline])
        // With no one on the team who may make it, the visit is booked unassigned in the agency's usual hours.
        let nobody = StaffProfile(id: "", name: "", discipline: .registeredNurse, workingHours: StaffStore.workingHours(nil))
        let candidates = fitting.isEmpty ? [(user: User?.none, profile: nobody)]
            : ranked.compactMap { best in fitting.first { $0.profile.id == best.clinicianID }.map { (user: Optional($0.user), profile: $0.profile) } }
        var refusal: VisitPlacement.Refusal = .weekOver
        for (index, candidate) in candidates.enumerated() {
            switch placement.book(on: days, clinician: candidate.profile, busy: team.calendar(of: candidate.profile.id)) {
            case .success(let booking):
                let row = try generation.newVisit(discipline, booking, patient: patient, plan: plan, clinician: candidate.user)
                team.add(VisitSlot(id: UUID().uuidString, date: booking.date, start: booking.start, minutes: row.minutes,
                                   patientID: row.$patient.id.uuidString, discipline: discipline, clinicianID: candidate.profile.id))
                taken.insert(booking.date)
                return
            case .failure(let why):
                if index == 0 { refusal = why }
            }
        }
        generation.outcome.notBooked(discipline, week: week.first, reason: refusal.code, count: 1)
    }
}

extension VisitStore.Generation {
    /// Cancels an earlier booking from the care plan; `reason` is a `Generated.cancelledBecause` code.
    mutating func cancel(_ visit: VisitRecord, reason: String) {
        cancelling.append((visit, VisitStore.Generated.cancelledBecause[reason, default: reason]))
        outcome.cancelled.append(.init(discipline: visit.discipline, date: visit.scheduledOn, time: visit.startTime, reason: reason))
    }

    mutating func newVisit(_ discipline: Discipline, _ place: VisitPlacement.Booking, patient: Patient, plan: CarePlanStore.Plan, clinician: User?) throws -> VisitRecord {
        let row = VisitRecord()
        row.$patient.id = try patient.requireID()
        row.$episode.id = try plan.episode.requireID()
        row.discipline = discipline.rawValue
        row.kind = VisitKind.routine.rawValue
        row.scheduledOn = place.date.description
        row.startTime = place.start.description
        row.minutes = VisitStore.defaultMinutes
        row.visitStatus = .scheduled
        row.origin = VisitRecord.fromCarePlan
        try VisitStore.store(VisitNoteContent(), in: row)
        row.$clinician.id = try clinician?.requireID()
        if clinician == nil { outcome.unassigned += 1 }
        outcome.created += 1
        booking.append(row)
        return row
    }
}
