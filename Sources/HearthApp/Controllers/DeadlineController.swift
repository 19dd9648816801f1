import Fluent
import Foundation
import HearthCore
import Vapor

/// Recording what meets a deadline (a Notice of Admission, a face-to-face encounter) and waiving one, from the chart.
struct DeadlineController {
    struct DocumentForm: Content {
        var kind: String?
        var date: String?
        var note: String?
    }

    func recordDocument(req: Request) async throws -> Response {
        let (patient, episode) = try await load(.manageEpisode, req)
        let form = try req.content.decode(DocumentForm.self)
        var state = DocumentFormState(form)
        let today = req.agencyToday
        guard let kind = ComplianceRecord.Kind(key: form.kind ?? ""), [.noticeOfAdmission, .faceToFaceEncounter, .dischargeSummary, .transferSummary].contains(kind) else {
            state.kind.error = "Choose what was done: Notice of Admission, face-to-face encounter, transfer or discharge summary."
            return try await refuse(patient, document: state, req)
        }
        guard let day = CalendarDate(form.date ?? ""), day <= today else {
            state.date.error = "Enter the date as YYYY-MM-DD, no later than today."
            return try await refuse(patient, document: state, req)
        }
        let problem = day.isPlausible ? kind.problem(dated: day, in: try EpisodeStore.episode(from: try await EpisodeStore.events(of: episode, on: req.db)))
            : CalendarDate.implausibleProblem
        if let problem {
            state.date.error = problem
            return try await refuse(patient, document: state, req)
        }
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 250 else {
            state.note.error = "Keep the note to 250 characters."
            return try await refuse(patient, document: state, req)
        }
        let user = try req.currentUser
        let document = ComplianceDocument()
        document.$patient.id = try patient.requireID()
        document.$episode.id = try episode.requireID()
        document.kind = kind.key
        document.onDate = day.description
        document.note = note.isEmpty ? nil : note
        document.$recordedBy.id = user.id
        try await save(patient, episode, history: ("Deadline record", "\(kind.description.capitalized) on \(day)"), action: "compliance.document.create", req: req) { db in
            try await document.create(on: db)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#deadlines")
    }

    struct SubmissionForm: Content {
        var assessment: String?
        var status: String?
        var date: String?
        var reason: String?
    }

    /// Records a transmission of a signed OASIS assessment to CMS: submitted, accepted, or rejected with CMS's reason
    /// [42 CFR 484.45(a)]. Only an acceptance meets the 30-day deadline; a rejection stays owed.
    func recordSubmission(req: Request) async throws -> Response {
        let (patient, episode) = try await load(.manageEpisode, req)
        let form = try req.content.decode(SubmissionForm.self)
        var state = SubmissionFormState(form)
        guard let assessmentID = UUID(uuidString: form.assessment ?? ""),
              let assessment = try await AssessmentRecord.query(on: req.db).filter(\.$id == assessmentID)
                .filter(\.$episode.$id == episode.requireID()).filter(\.$patient.$id == patient.requireID()).first(),
              let completed = OASISStore.completedOn(assessment, zone: req.application.settings.agencyTimeZone)
        else {
            state.error = "Choose a signed OASIS assessment of this episode to record its transmission."
            return try await refuse(patient, submission: state, req)
        }
        guard let status = OASISSubmission.Status(rawValue: form.status ?? "") else {
            state.status.error = "Choose what happened to the transmission: submitted, accepted or rejected."
            return try await refuse(patient, submission: state, req)
        }
        guard let day = CalendarDate(form.date ?? ""), day.isPlausible else {
            state.date.error = "Enter the date of the transmission as YYYY-MM-DD."
            return try await refuse(patient, submission: state, req)
        }
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= 250 else {
            state.reason.error = "Keep the rejection reason to 250 characters."
            return try await refuse(patient, submission: state, req)
        }
        let submission = OASISSubmission(assessmentID: assessmentID.uuidString.lowercased(), status: status, on: day, reason: reason.isEmpty ? nil : reason)
        if let problem = submission.problem(completedOn: completed, today: req.agencyToday) {
            state.set(problem.field, problem.message)
            return try await refuse(patient, submission: state, req)
        }
        let row = OASISSubmissionRecord()
        row.$patient.id = try patient.requireID()
        row.$episode.id = try episode.requireID()
        row.$assessment.id = assessmentID
        row.status = status.rawValue
        row.onDate = day.description
        row.reason = submission.reason
        row.$recordedBy.id = try req.currentUser.id
        let what = "OASIS \(AssessmentKind(rawValue: assessment.kind)?.title.lowercased() ?? assessment.kind) of \(assessment.assessedOn): \(status.title.lowercased()) \(day)"
        try await save(patient, episode, history: ("OASIS transmission", what + (submission.reason.map { " (\($0))" } ?? "")),
                       action: "oasis.submission.create", req: req) { db in
            try await row.create(on: db)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#deadlines")
    }

    struct WaiverForm: Content {
        var key: String?
        var reason: String?
    }

    func waive(req: Request) async throws -> Response {
        let (patient, episode) = try await load(.waive, req)
        let form = try req.content.decode(WaiverForm.self)
        let user = try req.currentUser
        let waiver = Waiver(obligationKey: form.key ?? "", reason: form.reason ?? "", waivedBy: user.displayName)
        if let problem = waiver.problem { return try await refuse(patient, waiver: WaiverFormState(form, error: problem), req) }
        let row = ObligationWaiver()
        row.$episode.id = try episode.requireID()
        row.obligationKey = waiver.obligationKey
        row.reason = waiver.reason
        row.$waivedBy.id = user.id
        do {
            try await save(patient, episode, history: ("Deadline waived", "\(waiver.obligationKey): \(waiver.reason)"), action: "obligation.waive", req: req) { db in
                try await row.create(on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await refuse(patient, waiver: WaiverFormState(form, error: "That deadline is already waived."), req)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path + "#deadlines")
    }

    /// Saves the change with its history line and audit record, and recomputes the episode's deadlines, in one transaction.
    func save(_ patient: Patient, _ episode: EpisodeRecord, history: (String, String), action: String, req: Request,
                      change: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let user = try req.currentUser
        let patientID = try patient.requireID()
        let clock = req.application.regulatoryClock
        try await req.auditedWrite { db, audit in
            try await change(db)
            try await RecordChange(patientID: patientID, field: history.0, from: nil, to: history.1, by: user.id).create(on: db)
            try await audit(action, patientID: patientID, resourceType: "EpisodeOfCare", resourceID: episode.id?.uuidString)
            let domain = try EpisodeStore.episode(from: try await EpisodeStore.events(of: episode, on: db))
            try await ObligationStore.refresh(domain, record: episode, clock: clock, now: req.now, on: db)
        }
    }

    func load(_ action: PatientAction, _ req: Request) async throws -> (Patient, EpisodeRecord) {
        let patient = try await req.patient(action)
        guard let episodeID = req.parameters.get("episodeID", as: UUID.self),
              let episode = try await EpisodeRecord.query(on: req.db).filter(\.$id == episodeID).filter(\.$patient.$id == patient.requireID()).first()
        else { throw AppError.notFound() }
        return (patient, episode)
    }

    /// The chart again (422) with the refused form's typing kept and the message by the field that is wrong.
    private func refuse(_ patient: Patient, document: DocumentFormState = .init(), submission: SubmissionFormState = .init(),
                        waiver: WaiverFormState = .init(), _ req: Request) async throws -> Response {
        var page = try await ChartBuilder.page(for: patient, req: req)
        page.deadlineActions.documentForm = document
        page.deadlineActions.submissionForm = submission
        page.deadlineActions.waiverForm = waiver
        return page.html.response(status: .unprocessableEntity)
    }
}
