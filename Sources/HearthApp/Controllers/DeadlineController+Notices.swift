import Fluent
import Foundation
import HearthCore
import Vapor

/// Recording, from the chart's Deadlines card, a planned discharge, a reduction of care or a significant change in
/// condition, and a notice delivered before a planned change (484.50(d) notice, NOMNC, HHABN): each moves the clock.
extension DeadlineController {
    struct CareEventForm: Content {
        var kind: String?
        var date: String?
        var detail: String?
        var exception: String?
    }

    func recordCareEvent(req: Request) async throws -> Response {
        let (patient, episode) = try await load(.manageEpisode, req)
        let form = try req.content.decode(CareEventForm.self)
        var state = CareEventFormState(form)
        let detail = (form.detail ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let kind = CareEvent.Kind(rawValue: form.kind ?? "") else {
            state.kind.error = "Choose what happened: a discharge planned, care reduced or stopped, or a significant change."
            return try await refuse(patient, careEvent: state, req)
        }
        guard let day = CalendarDate(form.date ?? ""), day.isPlausible else {
            state.date.error = "Enter \(kind.dateMeaning) as YYYY-MM-DD."
            return try await refuse(patient, careEvent: state, req)
        }
        let exception = (form.exception ?? "").isEmpty ? nil : CareEvent.Exception(rawValue: form.exception ?? "")
        if exception == nil && !(form.exception ?? "").isEmpty {
            state.exception.error = "Choose the exception from the list, or none."
            return try await refuse(patient, careEvent: state, req)
        }
        let events = try await EpisodeStore.events(of: episode, on: req.db)
        let event = CareEvent(id: "", kind: kind, on: day, detail: detail, exception: exception)
        if let problem = event.problem(today: req.agencyToday, episodeStart: try EpisodeStore.episode(from: events).events.first?.date) {
            state.set(problem.field, problem.message)
            return try await refuse(patient, careEvent: state, req)
        }
        let row = CareEventRecord()
        row.$patient.id = try patient.requireID()
        row.$episode.id = try episode.requireID()
        row.kind = kind.rawValue
        row.onDate = day.description
        row.detail = detail
        row.exception = exception?.rawValue
        row.$recordedBy.id = try req.currentUser.id
        try await save(patient, episode, history: (kind.title, "\(day): \(detail)"), action: "care_event.create", req: req) { db in
            try await row.create(on: db)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#deadlines")
    }

    struct NoticeForm: Content {
        var change: String?
        var kind: String?
        var date: String?
        var by: String?
        var response: String?
    }

    func recordNotice(req: Request) async throws -> Response {
        let (patient, episode) = try await load(.manageEpisode, req)
        let form = try req.content.decode(NoticeForm.self)
        var state = NoticeFormState(form)
        guard let changeID = UUID(uuidString: form.change ?? ""),
              let change = try await CareEventRecord.query(on: req.db).filter(\.$id == changeID).filter(\.$episode.$id == episode.requireID()).first(),
              let changeKind = CareEvent.Kind(rawValue: change.kind), let changeDay = CalendarDate(change.onDate)
        else {
            state.change.error = "Choose the planned discharge or reduction of care the notice was given for (record it first)."
            return try await refuse(patient, notice: state, req)
        }
        guard let kind = PatientNotice.Kind(rawValue: form.kind ?? "") else {
            state.kind.error = "Choose which notice was delivered: transfer or discharge notice, NOMNC or HHABN."
            return try await refuse(patient, notice: state, req)
        }
        guard let day = CalendarDate(form.date ?? ""), day.isPlausible else {
            state.date.error = "Enter the day the notice was delivered as YYYY-MM-DD."
            return try await refuse(patient, notice: state, req)
        }
        guard let response = PatientNotice.Response(rawValue: form.response ?? "") else {
            state.response.error = "Say whether the patient or representative signed it or refused to sign."
            return try await refuse(patient, notice: state, req)
        }
        let by = (form.by ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let notice = PatientNotice(id: "", kind: kind, careEventID: changeID.uuidString, deliveredOn: day, deliveredBy: by, response: response)
        let event = CareEvent(id: changeID.uuidString, kind: changeKind, on: changeDay, detail: change.detail)
        if let problem = notice.problem(for: event, today: req.agencyToday) {
            state.set(problem.field, problem.message)
            return try await refuse(patient, notice: state, req)
        }
        let row = PatientNoticeRecord()
        row.$patient.id = try patient.requireID()
        row.$episode.id = try episode.requireID()
        row.$careEvent.id = changeID
        row.kind = kind.rawValue
        row.deliveredOn = day.description
        row.deliveredBy = by
        row.response = response.rawValue
        row.$recordedBy.id = try req.currentUser.id
        let what = "\(kind.title) delivered \(day) by \(by) (\(response.title.lowercased())), before \(changeKind.title.lowercased()) \(changeDay)"
        try await save(patient, episode, history: ("Notice delivered", what), action: "notice.create", req: req) { db in
            try await row.create(on: db)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#deadlines")
    }

    /// The chart again with the form's typing kept and the message by the field that is wrong.
    private func refuse(_ patient: Patient, careEvent: CareEventFormState = .init(), notice: NoticeFormState = .init(), _ req: Request) async throws -> Response {
        var page = try await ChartBuilder.page(for: patient, req: req)
        page.deadlineActions.careEventForm = careEvent
        page.deadlineActions.noticeForm = notice
        return page.html.response(status: .unprocessableEntity)
    }
}

/// What the case manager typed in the care-event form, and what was wrong with it.
struct CareEventFormState: Encodable, Sendable {
    var kind = FormField()
    var date = FormField()
    var detail = FormField()
    var exception = FormField()

    init() {}

    init(_ form: DeadlineController.CareEventForm) {
        kind = FormField(form.kind)
        date = FormField(form.date)
        detail = FormField(form.detail)
        exception = FormField(form.exception)
    }

    mutating func set(_ field: String, _ message: String) {
        switch field {
        case "on": date.error = message
        case "exception": exception.error = message
        default: detail.error = message
        }
    }
}

/// What the case manager typed in the notice form, and what was wrong with it.
struct NoticeFormState: Encodable, Sendable {
    var change = FormField()
    var kind = FormField()
    var date = FormField()
    var by = FormField()
    var response = FormField()

    init() {}

    init(_ form: DeadlineController.NoticeForm) {
        change = FormField(form.change)
        kind = FormField(form.kind)
        date = FormField(form.date)
        by = FormField(form.by)
        response = FormField(form.response)
    }

    mutating func set(_ field: String, _ message: String) {
        switch field {
        case "kind": kind.error = message
        case "on": date.error = message
        default: by.error = message
        }
    }
}
