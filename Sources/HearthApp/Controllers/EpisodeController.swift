import Fluent
import Foundation
import HearthCore
import Vapor

/// Opening an episode and recording its moves from the chart.
struct EpisodeController {
    struct MoveForm: Content {
        var kind: String?
        var date: String?
        var reason: String?
        /// The time it happened (optional): the referral's arrival, or a move's, which the 48-hour rules count from.
        var time: String?
        /// A return home only: the physician-ordered resumption date (optional) [42 CFR 484.55(d)(2)].
        var orderedResumption: String?
        /// A discharge that was a death at home, a transfer for diagnostic tests only (optional; changes which OASIS is owed).
        var circumstance: String?
        // The referral form only:
        var source: String?
        var orderedStartOfCare: String?
    }

    /// `POST /patients/:patientID/episodes`: a new referral.
    func open(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageEpisode)
        let form = try req.content.decode(MoveForm.self)
        let draft = ReferralDraft(date: form.date ?? "", time: form.time ?? "", source: form.source ?? "", orderedStartOfCare: form.orderedStartOfCare ?? "")
        let referral: Referral
        switch draft.referral(now: req.now, in: req.application.settings.agencyTimeZone) {
        case .success(let valid): referral = valid
        case .failure(let problems): return try await refuse(patient, form, problems.byField, req)
        }
        do {
            _ = try await EpisodeStore.open(patientID: try patient.requireID(), referral: referral, by: try req.currentUser, on: req)
        } catch let error as EpisodeMoveError {
            return try await refuse(patient, form, error, req)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#episode")
    }

    /// `POST /patients/:patientID/episodes/:episodeID/events`: start of care, transfer, resumption, recertification, discharge.
    func move(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageEpisode)
        let patientID = try patient.requireID()
        guard let episodeID = req.parameters.get("episodeID", as: UUID.self),
              let record = try await EpisodeRecord.query(on: req.db).filter(\.$id == episodeID).filter(\.$patient.$id == patientID).first()
        else { throw AppError.notFound() }
        let form = try req.content.decode(MoveForm.self)
        guard let kind = EpisodeEvent.Kind(rawValue: form.kind ?? ""), kind != .referral else {
            return try await refuse(patient, form, EpisodeMoveError(field: "kind", message: "Choose what happened."), req)
        }
        guard let date = CalendarDate(form.date ?? "") else {
            return try await refuse(patient, form, EpisodeMoveError(field: "date", message: "Enter the date as YYYY-MM-DD."), req)
        }
        let today = req.agencyToday
        guard date <= today else {
            return try await refuse(patient, form, EpisodeMoveError(field: "date", message: "The date cannot be in the future; record the \(kind.title.lowercased()) when it happens."), req)
        }
        // Optional: without a time the 48-hour rules count calendar days [42 CFR 484.55(d)(2); HearthCore RegulatoryClock].
        var instant: Date?
        if !(form.time ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            instant = ReferralDraft.instant(date, time: form.time ?? "", in: req.application.settings.agencyTimeZone)
            guard let instant else {
                return try await refuse(patient, form, EpisodeMoveError(field: "time", message: "Enter the time as HH:MM (24-hour), or leave it empty."), req)
            }
            guard instant <= req.now else {
                return try await refuse(patient, form, EpisodeMoveError(field: "time", message: "The time cannot be later than now."), req)
            }
        }
        var ordered: CalendarDate?
        let orderedText = (form.orderedResumption ?? "").trimmingCharacters(in: .whitespaces)
        if kind == .resumption && !orderedText.isEmpty {
            ordered = CalendarDate(orderedText)
            guard let ordered, ordered >= date else {
                return try await refuse(patient, form, EpisodeMoveError(field: "orderedResumption",
                    message: "Enter the physician-ordered resumption date as YYYY-MM-DD, on or after the return home, or leave it empty."), req)
            }
        }
        let circumstanceText = form.circumstance ?? ""
        let circumstance = EpisodeEventCircumstance(rawValue: circumstanceText)
        guard circumstanceText.isEmpty || circumstance != nil else {
            return try await refuse(patient, form, EpisodeMoveError(field: "circumstance", message: "Choose a circumstance from the list, or leave it empty."), req)
        }
        if kind.needsReason && (form.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            return try await refuse(patient, form, EpisodeMoveError(field: "reason", message: "Give the reason."), req)
        }
        do {
            try await EpisodeStore.record(EpisodeEvent(kind: kind, on: date, reason: form.reason), at: instant, ordered: ordered, circumstance: circumstance, in: record, by: try req.currentUser, on: req)
        } catch let error as EpisodeMoveError {
            return try await refuse(patient, form, error, req)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#episode")
    }

    /// Re-renders the chart with the message beside the field and what the user typed.
    private func refuse(_ patient: Patient, _ form: MoveForm, _ error: EpisodeMoveError, _ req: Request) async throws -> Response {
        try await refuse(patient, form, [error.field: error.message], req)
    }

    private func refuse(_ patient: Patient, _ form: MoveForm, _ problems: [String: String], _ req: Request) async throws -> Response {
        let state = EpisodeForm(kind: form.kind ?? "", date: FormField(form.date, error: problems["date"]),
                                reason: FormField(form.reason, error: problems["reason"]), error: problems["kind"],
                                time: FormField(form.time, error: problems["time"]),
                                orderedResumption: FormField(form.orderedResumption, error: problems["orderedResumption"]), circumstance: FormField(form.circumstance, error: problems["circumstance"]), source: FormField(form.source, error: problems["source"]),
                                orderedStartOfCare: FormField(form.orderedStartOfCare, error: problems["orderedStartOfCare"]))
        let page = try await ChartBuilder.page(for: patient, episodeForm: state, req: req)
        return page.html.response(status: .unprocessableEntity)
    }
}
