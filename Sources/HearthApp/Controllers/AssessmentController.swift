import Fluent
import Foundation
import HearthCore
import Vapor

/// Assessments from the chart: start one, fill it in section by section on a tablet (autosaved), review, sign, amend.
struct AssessmentController {
    struct StartForm: Content {
        var kind: String?
        var instrument: String?
        var assessedOn: String?
        /// The date and time of the visit the assessment records [42 CFR 484.55(a)(1), (d)(2)]; `visitDate` replaces `assessedOn`.
        var visitDate: String?
        var visitTime: String?
    }

    func start(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let patientID = try patient.requireID()
        let form = try req.content.decode(StartForm.self)
        let today = req.agencyToday
        guard let kind = AssessmentKind(rawValue: form.kind ?? "") else { throw AppError.invalidInput("Choose the kind of assessment.") }
        let instrumentID = (form.instrument ?? "").isEmpty ? (kind.defaultInstrumentIDs.first ?? "") : form.instrument ?? ""
        guard let instrument = req.application.instruments[instrumentID] else { throw AppError.invalidInput("Choose an instrument from the list.") }
        let dateText = (form.visitDate ?? "").isEmpty ? form.assessedOn ?? "" : form.visitDate ?? ""
        let day = dateText.isEmpty ? today : CalendarDate(dateText)
        guard let day, day <= today else { throw AppError.invalidInput("The date of the visit must be a date (YYYY-MM-DD) no later than today.") }
        let zone = req.application.settings.agencyTimeZone
        // The visit's time: as entered, now when neither date nor time was given, none (date only) when left empty.
        let timeText = (form.visitTime ?? "").trimmingCharacters(in: .whitespaces)
        var visitedAt: Date? = dateText.isEmpty && timeText.isEmpty ? req.now : nil
        if !timeText.isEmpty {
            guard let instant = ReferralDraft.instant(day, time: timeText, in: zone) else {
                throw AppError.invalidInput("Enter the time of the visit as HH:MM (24-hour), or leave it empty.")
            }
            guard instant <= req.now else { throw AppError.invalidInput("The visit cannot be later than now.") }
            visitedAt = instant
        }
        let user = try req.currentUser
        let record = AssessmentRecord()
        record.id = UUID()
        record.$patient.id = patientID
        // The episode whose span the assessment's date falls in, open or discharged [HearthCore AssessmentEpisode].
        let episodes = try await EpisodeRecord.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$createdAt).all()
            .compactMap { row in CalendarDate(row.referralDate).map { (id: row.id, referred: $0, received: row.referralReceivedAt) } }
        if let index = AssessmentEpisode.index(for: day, referralDates: episodes.map(\.referred)) {
            record.$episode.id = episodes[index].id
            if let visitedAt, let received = episodes[index].received, visitedAt < received {
                throw AppError.invalidInput("The visit cannot be before the referral arrived (\(AgencyTime.clock(received, in: zone)) on \(episodes[index].referred)).")
            }
        } else if !episodes.isEmpty {
            throw AppError.invalidInput("The visit cannot be before the patient's first referral (\(episodes[0].referred)).")
        }
        record.kind = kind.rawValue
        record.instrumentID = instrument.id
        record.instrumentVersion = instrument.version
        record.version = 1
        record.status = AssessmentStatus.draft.rawValue
        record.answers = "{}"
        // A recertification or resumption of care starts from the patient's last signed answers on the same instrument
        // (what still fits it), for the clinician to review and change, not to retype from a blank form.
        let last = [.recertification, .resumptionOfCare].contains(kind) ? try await AssessmentRecord.query(on: req.db)
            .filter(\.$patient.$id == patientID).filter(\.$instrumentID == instrument.id)
            .filter(\.$status ~~ [AssessmentStatus.signed.rawValue, AssessmentStatus.amended.rawValue])
            .sort(\.$signedAt, .descending).first() : nil
        if let last { record.answers = try AssessmentStore.encode(instrument.carryOver(AssessmentStore.answers(of: last)).kept) }
        let carried = last.map { "answers carried forward from the assessment of \($0.assessedOn)" }
        record.assessedOn = day.description
        record.visitedAt = visitedAt
        record.$startedBy.id = user.id
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await audit("assessment.create", patientID: patientID, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString,
                                detail: carried)
        }
        return req.redirect(to: SiteURL.patient(patientID, .assessment(try record.requireID())).path)
    }

    /// The form (one section) for a draft the user may edit; otherwise the read-only assessment.
    func show(req: Request) async throws -> Response {
        let (patient, record, instrument) = try await load(.read, req)
        try await req.auditRead("assessment.read", patientID: patient.id, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString)
        let canWrite = try await PatientAccess.may(.write, patient, req)
        if record.status == AssessmentStatus.draft.rawValue && canWrite {
            let section = req.query[String.self, at: "section"] ?? instrument.sections.first?.id ?? ""
            let page = try AssessmentPages.form(patient, record, instrument, sectionID: section, answers: AssessmentStore.answers(of: record), problems: [:], req: req)
            return page.html.response()
        }
        let page = try await AssessmentPages.review(patient, record, instrument, problems: [:], canWrite: canWrite, req: req)
        return page.html.response()
    }

    /// Saves one section; "go" says where to next: the next or previous section, or review.
    func saveSection(req: Request) async throws -> Response {
        let (patient, record, instrument) = try await load(.write, req)
        guard let sectionIndex = instrument.sections.firstIndex(where: { $0.id == req.parameters.get("sectionID") }) else { throw AppError.notFound() }
        let section = instrument.sections[sectionIndex]
        let fields = FormBody.parse(req.body.string)
        let reading = try await save(fields, section: section.id, record, instrument, req)
        let patientID = try patient.requireID()
        let recordID = try record.requireID()
        guard reading.problems.isEmpty else {
            let page = try AssessmentPages.form(patient, record, instrument, sectionID: section.id, answers: reading.answers, problems: reading.problems, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let go = fields["go"]?.first ?? "next"
        let target: Int? = go == "previous" ? sectionIndex - 1 : go == "review" ? nil : sectionIndex + 1
        if let target, instrument.sections.indices.contains(target) {
            return req.redirect(to: SiteURL.patient(patientID, .assessment(recordID)).path + "?section=\(instrument.sections[target].id)")
        }
        return req.redirect(to: .patient(patientID, .assessment(recordID, .review)))
    }

    /// The tablet's autosave: keeps whatever valid answers were typed, says nothing about the rest.
    func autosave(req: Request) async throws -> HTTPStatus {
        let (_, record, instrument) = try await load(.write, req)
        let fields = FormBody.parse(req.body.string)
        guard let section = fields["section"]?.first, instrument.sections.contains(where: { $0.id == section }) else {
            throw AppError.badRequest("Say which section is being saved.")
        }
        _ = try await save(fields, section: section, record, instrument, req)
        return .noContent
    }

    func review(req: Request) async throws -> HTML {
        let (patient, record, instrument) = try await load(.read, req)
        try await req.auditRead("assessment.read", patientID: patient.id, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString)
        let problems = record.status == AssessmentStatus.draft.rawValue ? instrument.problems(AssessmentStore.answers(of: record), forSigning: true) : [:]
        return try await AssessmentPages.review(patient, record, instrument, problems: problems,
                                                canWrite: try await PatientAccess.may(.write, patient, req), req: req).html
    }

    func sign(req: Request) async throws -> Response {
        let (patient, record, instrument) = try await load(.write, req)
        guard record.status == AssessmentStatus.draft.rawValue else {
            throw AppError.conflict("This assessment is already signed and locked. To correct it, amend it with a reason.")
        }
        let problems = try await AssessmentStore.sign(record, instrument: instrument, by: try req.currentUser, on: req)
        guard problems.isEmpty else {
            let page = try await AssessmentPages.review(patient, record, instrument, problems: problems, canWrite: true, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .assessment(try record.requireID())).path)
    }

    struct AmendForm: Content { var reason: String? }

    func amend(req: Request) async throws -> Response {
        let (patient, record, instrument) = try await load(.write, req)
        let reason = (try req.content.decode(AmendForm.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let chain = try await AssessmentStore.chain(of: record, on: req.db)
        var lifecycle = AssessmentStore.lifecycle(of: chain)
        let version: AssessmentVersion
        do { version = try lifecycle.amend(reason: reason) } catch {
            let page = try await AssessmentPages.review(patient, record, instrument, problems: [:], canWrite: true, amendError: error.description, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        let draft = AssessmentRecord()
        draft.id = UUID()
        draft.$patient.id = record.$patient.id
        draft.$episode.id = record.$episode.id
        (draft.kind, draft.instrumentID, draft.instrumentVersion) = (record.kind, record.instrumentID, instrument.version)
        (draft.version, draft.amendsID, draft.amendmentReason) = (version.number, chain.last { $0.status == AssessmentStatus.signed.rawValue }?.id, reason)
        (draft.status, draft.answers, draft.assessedOn, draft.visitedAt) = (AssessmentStatus.draft.rawValue, record.answers, record.assessedOn, record.visitedAt)
        draft.$startedBy.id = try req.currentUser.id
        do {
            try await req.auditedWrite { db, audit in
                try await draft.create(on: db)
                try await audit("assessment.amend", patientID: record.$patient.id, resourceType: "QuestionnaireResponse", resourceID: draft.id?.uuidString,
                                    detail: "amends version \(record.version)")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("Someone is already amending this assessment. Open the chart to find the draft.")
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .assessment(try draft.requireID())).path)
    }

    /// `POST …/upgrade`: moves a draft started on a retired instrument version to the version in use, keeping the
    /// answers that still fit (`InstrumentDefinition.carryOver`); a signed assessment keeps its version for good.
    func upgrade(req: Request) async throws -> Response {
        let (patient, record, instrument) = try await load(.write, req)
        guard record.status == AssessmentStatus.draft.rawValue else {
            throw AppError.conflict("This assessment is signed on version \(record.instrumentVersion) and keeps it. To correct it, amend it with a reason.")
        }
        guard !req.application.instruments.isCurrent(instrument), let current = req.application.instruments[record.instrumentID] else {
            throw AppError.conflict("This draft already uses the version of \(instrument.title) in use.")
        }
        let moved = current.carryOver(AssessmentStore.answers(of: record))
        let from = record.instrumentVersion
        (record.instrumentVersion, record.answers) = (current.version, try AssessmentStore.encode(moved.kept))
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("assessment.update", patientID: record.$patient.id, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString,
                                detail: "moved from version \(from) to \(current.version); \(moved.dropped.count) answers to give again")
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .assessment(try record.requireID())).path)
    }

    /// Reads a section into the draft, keeping answers only for questions that are still asked, and saves it.
    private func save(_ fields: [String: [String]], section: String, _ record: AssessmentRecord, _ instrument: InstrumentDefinition, _ req: Request) async throws -> FormReading {
        guard record.status == AssessmentStatus.draft.rawValue else {
            throw AppError.conflict("This assessment is signed and locked. To correct it, amend it with a reason.")
        }
        var reading = instrument.read(form: fields, section: section, into: AssessmentStore.answers(of: record))
        // A follow-up whose question is no longer asked ("wound type" after "no wound") is cleared, not kept.
        let visible = instrument.visibleItemIDs(given: reading.answers)
        reading.answers = AssessmentAnswers(reading.answers.values.filter { visible.contains($0.key) })
        record.answers = try AssessmentStore.encode(reading.answers)
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("assessment.update", patientID: record.$patient.id, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString,
                                detail: "section \(section)")
        }
        return reading
    }

    private func load(_ action: PatientAction, _ req: Request) async throws -> (Patient, AssessmentRecord, InstrumentDefinition) {
        let patient = try await req.patient(action)
        let record = try await AssessmentStore.find(req.parameters.get("assessmentID", as: UUID.self), patientID: try patient.requireID(), on: req.db)
        return (patient, record, try AssessmentStore.instrument(of: record, in: req.application.instruments))
    }
}
