import Fluent
import Foundation
import HearthCore
import Vapor

/// The scheduler's board: a week of visits by clinician, and scheduling, moving, reassigning and cancelling a visit
/// with every conflict explained (wrong discipline, credential, hours, double booking).
struct ScheduleController {
    struct ScheduleForm: Content {
        var date: String?
        var time: String?
        var minutes: String?
        var clinicianID: String?
        var discipline: String?
        var kind: String?
        var override: String?
        /// Ticked: planning the day keeps this visit's clinician and time.
        var locked: String?
    }

    /// Clinicians a page of the board shows: a phone can hold a page of them, not an agency's hundreds.
    static let cliniciansPerPage = 20

    /// `GET /schedule?week=YYYY-MM-DD[&team=T][&page=N|all]`: Monday to Sunday, one row per clinician with visits that
    /// week. A case manager sees her caseload's; a supervisor the agency's, twenty clinicians a page (`page=all`: all at
    /// once), or one field team's.
    func board(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let today = req.agencyToday
        let asked = (try? req.query.get(String.self, at: "week")).flatMap(CalendarDate.init) ?? today
        let monday = asked.adding(days: 1 - asked.isoWeekday)
        let days = (0..<7).map { monday.adding(days: $0) }
        let agencyWide = user.may(.viewAllCaseloads)
        // A case manager schedules for her own caseload; a supervisor sees the agency, or one team of it.
        let teams = agencyWide ? try await DayPlanStore.teams(on: req.db) : []
        let team = req.query[String.self, at: "team"].flatMap { asked in teams.first { $0 == asked } }
        let scope = ScheduleQueries.Scope(caseManagerID: agencyWide ? nil : user.id, team: team)
        let everyone = try await ScheduleQueries.clinicians(from: monday, to: days[6], scope: scope, on: req.db)
        // A case manager's caseload fits one page; the agency's hundreds of clinicians come a page at a time.
        let allAtOnce = !agencyWide || req.query[String.self, at: "page"] == "all"
        let pages = max(1, (everyone.count + Self.cliniciansPerPage - 1) / Self.cliniciansPerPage)
        let page = allAtOnce ? 1 : min(req.pageNumber, pages)
        let shown = allAtOnce ? everyone[...] : everyone.dropFirst((page - 1) * Self.cliniciansPerPage).prefix(Self.cliniciansPerPage)
        let visits = shown.isEmpty ? [] : try await ScheduleQueries.visits(
            from: monday, to: days[6], clinicians: allAtOnce ? nil : shown.compactMap(\.id), unassigned: shown.contains { $0.id == nil },
            scope: scope, on: req.db)
        try await req.auditRead("visit.board", detail: "week of \(monday)\(team.map { ", team \($0)" } ?? ""), \(visits.count) visits")
        let byClinician = Dictionary(grouping: visits, by: \.clinicianID)
        func href(week: CalendarDate = monday, team: String? = team, page: String? = nil) -> String {
            var items = [URLQueryItem(name: "week", value: week.description)]
            if let team { items.append(URLQueryItem(name: "team", value: team)) }
            if let page { items.append(URLQueryItem(name: "page", value: page)) }
            var components = URLComponents()
            components.queryItems = items
            return SiteURL.schedule.path + (components.string ?? "")
        }
        let first = (page - 1) * Self.cliniciansPerPage + 1
        return ScheduleBoardPage(
            shell: PageShell(request: req, title: "Schedule, week of \(monday)"), week: monday.description,
            previousHref: href(week: monday.adding(days: -7)), nextHref: href(week: monday.adding(days: 7)),
            days: days.map { "\(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][$0.isoWeekday - 1]) \($0.month)/\($0.day)" },
            rows: shown.map { clinician in
                let mine = byClinician[clinician.id] ?? []
                return .init(clinician: clinician.name, days: days.map { day in
                    mine.filter { $0.scheduledOn == day.description }.map(Self.line)
                })
            },
            planHref: user.may(.planDay) ? SiteURL.schedulePlan.path : nil,
            notice: (try? req.query.get(Int.self, at: "applied")).map { "Applied \($0) visit\($0 == 1 ? "" : "s") from the day's plan. Each clinician's day now follows the new route." },
            teams: teams.isEmpty ? [] : [.init(label: "Whole agency", href: href(team: nil), current: team == nil)]
                + teams.map { .init(label: "Team \($0)", href: href(team: $0), current: $0 == team) },
            clinicianCount: everyone.count,
            showing: allAtOnce || pages == 1 ? nil : "Clinicians \(first)–\(first + shown.count - 1) of \(everyone.count)",
            previousPageHref: !allAtOnce && page > 1 ? href(page: String(page - 1)) : nil,
            nextPageHref: !allAtOnce && page < pages ? href(page: String(page + 1)) : nil,
            allHref: !allAtOnce && pages > 1 ? href(page: "all") : nil,
            pagedHref: agencyWide && allAtOnce && pages > 1 ? href() : nil).html
    }

    /// One visit on the board, as the day and visit pages write it.
    static func line(_ visit: ScheduleQueries.Visit) -> VisitLine {
        let status = VisitStatus(rawValue: visit.status)
        return VisitLine(href: SiteURL.visit(visit.id).path, date: visit.scheduledOn, time: visit.startTime,
                         patient: "\(visit.familyName), \(visit.givenName)", address: "",
                         discipline: Discipline(rawValue: visit.discipline)?.title ?? visit.discipline, clinician: "",
                         status: visit.status, statusTitle: status?.title(checkedIn: visit.checkedInAt != nil) ?? visit.status, todo: [])
    }

    /// `POST /patients/:id/visits`: a new visit; `POST /visits/:visitID/schedule`: move or reassign one.
    func schedule(req: Request) async throws -> Response {
        let form = try req.content.decode(ScheduleForm.self)
        let existing = try await req.parameters.get("visitID", as: UUID.self).asyncMap { id in
            try await VisitRecord.query(on: req.db).filter(\.$id == id).with(\.$patient).first()
        } ?? nil
        let patientID = existing?.$patient.id ?? req.parameters.get("patientID", as: UUID.self)
        let patient = try await PatientAccess.authorize(.write, patientID: patientID, on: req)
        if let existing, !existing.isNotYetStarted {
            throw AppError.conflict("This visit has started or ended; only a scheduled visit can be moved or reassigned.")
        }
        var problems: [String] = []
        let date = CalendarDate(form.date ?? "")
        if date == nil { problems.append("Give the visit's date.") }
        let time = ClockTime(form.time ?? "")
        if time == nil { problems.append("Give the start time as HH:MM, e.g. 09:30.") }
        let minutes = Int(form.minutes ?? "") ?? VisitStore.defaultMinutes
        // Moving a visit keeps its discipline and kind; the conflict page posts them back empty.
        let discipline = Discipline(code: form.discipline?.nilIfEmpty ?? existing?.discipline ?? "")
        if discipline == nil { problems.append("Choose the discipline of the visit.") }
        let clinician = try await form.clinicianID.flatMap(UUID.init(uuidString:)).asyncMap { try await User.find($0, on: req.db) } ?? nil
        if clinician == nil { problems.append("Choose the clinician who makes the visit.") }
        // The visit puts the patient's name and address on the clinician's day: only someone on the care team may have it.
        if let clinician, !(try await PatientAccess.may(.document, user: clinician, on: patient, db: req.db)) {
            problems.append("\(clinician.displayName) is not on this patient's care team. Add them to the care team first, then give them the visit.")
        }
        var warnings: [String] = []
        if problems.isEmpty, let date, let time, let discipline, let clinician {
            let check = try await conflicts(patient: patient, visitID: existing?.id, date: date, time: time, minutes: minutes,
                                            discipline: discipline, kind: VisitKind(rawValue: form.kind?.nilIfEmpty ?? existing?.kind ?? "") ?? .routine,
                                            clinician: clinician, req: req)
            problems += check.blocking
            warnings = check.warnings
        }
        if !problems.isEmpty || (!warnings.isEmpty && !form.override.isTicked) {
            let page = ScheduleConflictPage(
                shell: PageShell(request: req, title: "Scheduling refused"), patient: patient.displayName, blocking: problems, warnings: warnings,
                action: req.url.path, form: form, backHref: existing.map { SiteURL.visit($0.id ?? UUID()).path } ?? SiteURL.patient(patient.id ?? UUID()).path + "#visits").html
            return try await page.encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let date, let time, let discipline, let clinician else { throw AppError.badRequest("Incomplete visit.") }
        let visit = existing ?? VisitRecord()
        if existing == nil {
            visit.$patient.id = try patient.requireID()
            visit.$episode.id = try await EpisodeStore.latest(patientID: try patient.requireID(), on: req.db)?.id
            visit.kind = (VisitKind(rawValue: form.kind ?? "") ?? .routine).rawValue
            visit.visitStatus = .scheduled
            try VisitStore.store(VisitNoteContent(), in: visit)
        }
        visit.discipline = discipline.rawValue
        visit.minutes = minutes
        visit.locked = form.locked.isTicked ? true : nil
        let clinicianID = try clinician.requireID()
        let overridden = warnings.isEmpty ? nil : "overridden: " + warnings.joined(separator: " ")
        let supervision = req.application.aideSupervision, now = req.now, isNew = existing == nil
        try await req.auditedWrite { db, audit in
            try await VisitStore.place(visit, on: date, at: time, clinicianID: clinicianID, isNew: isNew, detail: overridden,
                                       supervision: supervision, now: now, db: db, audit: audit)
        }
        return req.redirect(to: SiteURL.visit(try visit.requireID()).path)
    }

    /// `POST /visits/:visitID/cancel`.
    func cancel(req: Request) async throws -> Response {
        guard let id = req.parameters.get("visitID", as: UUID.self), let visit = try await VisitRecord.find(id, on: req.db) else { throw AppError.notFound() }
        let patient = try await PatientAccess.authorize(.write, patientID: visit.$patient.id, on: req)
        do { visit.visitStatus = try visit.visitStatus.cancelled(checkedIn: visit.checkedInAt != nil) } catch { throw AppError.conflict(error.description) }
        let supervision = req.application.aideSupervision
        try await req.auditedWrite { db, audit in
            try await visit.save(on: db)
            try await ObligationStore.refreshSupervision(episodeID: visit.$episode.id, patientID: visit.$patient.id, supervision: supervision, now: req.now, on: db)
            try await audit("visit.cancel", patientID: patient.id, resourceType: "Appointment", resourceID: id.uuidString)
        }
        return req.redirect(to: SiteURL.patient(visit.$patient.id).path + "#visits")
    }

    /// What `SchedulingCheck` says of this visit: blocking problems, and warnings a scheduler may override.
    func conflicts(patient: Patient, visitID: UUID?, date: CalendarDate, time: ClockTime, minutes: Int, discipline: Discipline, kind: VisitKind, clinician: User,
                   req: Request) async throws -> (blocking: [String], warnings: [String]) {
        guard let profile = try await StaffStore.profile(of: clinician, on: req.db) else {
            return (["\(clinician.displayName) has no discipline on file. Record it on the staff page before scheduling visits."], [])
        }
        let patientID = try patient.requireID()
        let clinicianID = try clinician.requireID()
        let sameDay = try await VisitRecord.query(on: req.db).filter(\.$scheduledOn == date.description).filter(\.$status != VisitStatus.cancelled.rawValue)
            .group(.or) { $0.filter(\.$clinician.$id == clinicianID).filter(\.$patient.$id == patientID) }.all()
        let slots = sameDay.compactMap { visit -> VisitSlot? in
            guard let start = ClockTime(visit.startTime), let discipline = Discipline(rawValue: visit.discipline) else { return nil }
            return VisitSlot(id: visit.id?.uuidString ?? "", date: date, start: start, minutes: visit.minutes, patientID: visit.$patient.id.uuidString,
                             discipline: discipline, clinicianID: visit.$clinician.id?.uuidString ?? "")
        }
        let slot = VisitSlot(id: visitID?.uuidString ?? "new", date: date, start: time, minutes: minutes, patientID: patientID.uuidString,
                             discipline: discipline, kind: kind, clinicianID: clinicianID.uuidString)
        let problems = SchedulingCheck(requirements: req.application.credentialRequirements)
            .problems(for: slot, clinician: profile, existing: slots, patientState: patient.state ?? "")
        return (problems.filter(\.isBlocking).map(\.description), problems.filter { !$0.isBlocking }.map(\.description))
    }
}

extension Optional {
    /// Maps the wrapped value with an async function.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
