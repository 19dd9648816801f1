import Fluent
import Foundation
import HearthCore
import Vapor

/// Visits: generating them from the care plan, a clinician's day, and one visit's EVV, note, signature or miss.
struct VisitController {
    struct StampForm: Content { var latitude: String?; var longitude: String?; var accuracy: String?; var noLocationReason: String? }
    struct NoteForm: Content {
        var systolic: String?; var diastolic: String?; var pulse: String?; var temperature: String?; var temperatureUnit: String?
        var respiration: String?; var spo2: String?; var weight: String?; var weightUnit: String?; var pain: String?; var glucose: String?
        var performed: [String]?; var response: String?; var teaching: String?; var aidePresent: String?
    }
    struct MissedForm: Content { var reason: String?; var explanation: String?; var physicianNotified: String? }

    /// `POST /patients/:id/visits/generate`: the rest of the period's visits from the care plan's frequencies.
    func generate(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let today = req.agencyToday
        // Visits follow the signed version (before any signature, the draft, and the chart says so).
        guard let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: today, on: req.db)?.followed, !plan.content.interventions.isEmpty else {
            throw AppError.conflict("The care plan has no interventions with visit frequencies yet. Add them on the care plan, then schedule.")
        }
        let generation = try await VisitStore.generate(for: patient, plan: plan, now: req.now, zone: req.application.settings.agencyTimeZone,
                                                       requirements: req.application.credentialRequirements,
                                                       holidays: req.application.regulatoryClock.rules.holidays, on: req.db)
        let result = generation.outcome, supervision = req.application.aideSupervision
        try await req.auditedWrite { db, audit in
            // Only its own earlier bookings, still ahead, are ever cancelled; each is kept as a record and audited.
            for (visit, reason) in generation.cancelling {
                visit.visitStatus = .cancelled
                try await visit.save(on: db)
                try await audit("visit.cancel", patientID: patient.id, resourceType: "Appointment", resourceID: visit.id?.uuidString,
                                    detail: "\(visit.discipline) \(visit.scheduledOn) \(visit.startTime), cancelled when scheduling from the care plan: \(reason)")
            }
            try await generation.booking.create(on: db)
            try await ObligationStore.refreshSupervision(episodeID: try plan.episode.requireID(), patientID: try patient.requireID(),
                                                         supervision: supervision, now: req.now, on: db)
            try await audit("visit.generate", patientID: patient.id, resourceType: "Appointment",
                                detail: "\(result.created) visits, \(result.unassigned) unassigned, \(result.past) past, \(result.unplaced) unplaced, "
                                    + "\(result.cancelled.count) cancelled, \(result.refused) refused")
        }
        // The outcome travels in the address (counts, weeks and times, no patient data), so the chart can say what was and was not booked.
        let outcome = result.query
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "?" + outcome + "#visits")
    }

    /// `GET /visits?date=`: the signed-in clinician's visits of the day in time order.
    func day(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let today = req.agencyToday
        let day = (try? req.query.get(String.self, at: "date")).flatMap(CalendarDate.init) ?? today
        let visits = try await Self.visits(of: user.id, on: day, db: req.db)
        var late: [VisitRecord] = []
        if user.may(.viewAllCaseloads) {
            // Notes still unsigned 24 hours after check-out go on the supervisor's list.
            late = try await Self.lateNotes(now: req.now, on: req.db).sort(\.$checkedOutAt).limit(50).all()
        }
        try await req.auditRead("visit.list", detail: "\(day), \(visits.count) visits")
        let todo = try await Self.tasks(for: visits, on: day, db: req.db)
        // Travel: from the clinician's home base, in the order of the day's appointments.
        let home = try await StaffStore.homeBase(of: user.id, on: req.db)
        let stops = try visits.map { visit in
            RouteStop(id: try visit.requireID().uuidString, start: ClockTime(visit.startTime), minutes: visit.minutes,
                      location: visit.patient.latitude.flatMap { lat in visit.patient.longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } })
        }
        let route = RoutePlanner.order(visits: stops, from: home)
        let legs = Dictionary(uniqueKeysWithValues: route.legs.map { ($0.toID, $0) })
        return VisitDayPage(
            shell: PageShell(request: req, title: "My visits \(day)"), heading: day == today ? "Today's visits" : "Visits on \(day)", date: day.description,
            previousHref: SiteURL.visits.path + "?date=\(day.adding(days: -1))", nextHref: SiteURL.visits.path + "?date=\(day.adding(days: 1))",
            visits: try visits.map { visit in
                var line = try line(visit, todo: todo[try visit.requireID()] ?? [])
                let leg = legs[try visit.requireID().uuidString]
                line.travel = leg?.estimate.map { ($0.description) + (leg!.minutesLate > 0 ? " · would arrive \(leg!.minutesLate) min late" : "") }
                return line
            },
            totalTravel: route.legs.isEmpty ? nil : String(format: "%.1f mi, about %d min of driving", route.totalMiles, route.totalMinutes),
            lateNotes: try late.map { try line($0, todo: []) }).html
    }

    /// What each visit is for: the care plan's interventions of the visit's discipline ("aide: Shower, skin check…"),
    /// by visit id; the day list and the home page show the same.
    static func tasks(for visits: [VisitRecord], on day: CalendarDate, db: any Database) async throws -> [UUID: [String]] {
        var plans: [UUID: [CarePlanIntervention]] = [:]
        var tasks: [UUID: [String]] = [:]
        for visit in visits {
            if plans[visit.$patient.id] == nil {
                plans[visit.$patient.id] = try await CarePlanStore.load(patientID: visit.$patient.id, today: day, on: db)?.inForce.interventions ?? []
            }
            tasks[try visit.requireID()] = (plans[visit.$patient.id] ?? []).filter { $0.discipline.rawValue == visit.discipline }
                .map { "\($0.discipline.rawValue): \($0.action)" }
        }
        return tasks
    }

    /// Visit notes still unsigned 24 hours after check-out, for the supervisor's list and home page.
    static func lateNotes(now: Date, on db: any Database) -> QueryBuilder<VisitRecord> {
        VisitRecord.query(on: db).filter(\.$status == VisitStatus.completed.rawValue).filter(\.$signedAt == nil)
            .filter(\.$checkedOutAt < now.addingTimeInterval(-VisitNoteState.signatureDeadline)).with(\.$patient).with(\.$clinician)
    }

    /// A clinician's visits of one day in time order: the home page and "My visits" read the same list.
    static func visits(of clinicianID: UUID, on day: CalendarDate, db: any Database) async throws -> [VisitRecord] {
        try await VisitRecord.query(on: db).filter(\.$clinician.$id == clinicianID).filter(\.$scheduledOn == day.description)
            .with(\.$patient).with(\.$clinician).sort(\.$startTime).all()
    }

    func line(_ visit: VisitRecord, todo: [String]) throws -> VisitLine {
        let patient = visit.patient
        let address = [patient.addressLine, patient.city].compactMap { $0 }.joined(separator: ", ")
        return VisitLine(href: SiteURL.visit(try visit.requireID()).path, date: visit.scheduledOn, time: visit.startTime,
                         patient: "\(patient.listName)", address: address,
                         discipline: Discipline(rawValue: visit.discipline)?.title ?? visit.discipline, clinician: visit.clinician?.displayName ?? "unassigned",
                         status: visit.status, statusTitle: Self.statusTitle(visit), todo: todo)
    }

    /// "Scheduled", "In progress" once checked in (it read "Scheduled" while the nurse was in the home), "Completed", "Missed".
    static func statusTitle(_ visit: VisitRecord) -> String {
        visit.visitStatus.title(checkedIn: visit.checkedInAt != nil)
    }
}
