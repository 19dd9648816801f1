import Fluent
import Foundation
import HearthCore
import Vapor

/// The medications tab: the profile (add, change, discontinue), adherence checks, side effects and teaching.
struct MedicationController {
    /// What the page's forms hold after a refused post: the form as typed and its problems.
    struct Forms {
        var add = MedicationForm()
        var addProblems: [String: String] = [:]
        /// Allergy or duplicate-therapy findings that stopped the add, shown at the top of the page.
        var addWarning: SafetyWarning?
        var reconcile = MedicationForms.Reconcile()
        var reconcileProblems: [String: String] = [:]
        var adherence = MedicationForms.Adherence()
        var adherenceProblems: [String: String] = [:]
        var sideEffect = MedicationForms.SideEffect()
        var sideEffectProblems: [String: String] = [:]
        var teaching = MedicationForms.Teaching()
        var teachingProblems: [String: String] = [:]
    }

    /// `GET /patients/:id/medications`.
    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("medication.list", patientID: patient.id, resourceType: "MedicationStatement")
        return try await MedicationPageBuilder.page(patient, forms: Forms(), req: req).html
    }

    /// `POST /patients/:id/medications`: adds a medication, or shows the form again with what is wrong.
    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let form = try req.content.decode(MedicationForm.self)
        let draft = form.draft
        guard let medication = draft.medication() else {
            return try await refuse(patient, Forms(add: form, addProblems: draft.problems), req)
        }
        let patientID = try patient.requireID()
        let user = try req.currentUser
        let catalog = req.application.medicationCatalog
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        let current = try await MedicationStore.profile(of: patientID, on: req.db).map(\.1)
        let findings = gate.check.findings(for: medication, allergies: gate.allergies, current: current, on: gate.today)
        var override: MedicationSafetyOverride?
        switch gate.verdict(findings, reason: form.overrideReason, by: user) {
        case .clear: break
        case .overridden(let decision): override = decision
        case .refused(let findings, let problem):
            let warning = MedicationSafetyGate.warning(findings, drug: medication.name, reason: form.overrideReason, problem: problem,
                                                       formID: "add-medication-form", button: "Add \(medication.name) anyway, with this reason")
            return try await refuse(patient, Forms(add: form, addWarning: warning), req)
        }
        let decided = override
        try await req.auditedWrite { db, audit in
            let record = try await MedicationStore.add(medication, patientID: patientID, by: user.id, override: decided, catalog: catalog, on: db)
            try await audit("medication.create", patientID: patientID, resourceType: "MedicationStatement", resourceID: record.id?.uuidString,
                                detail: decided.map(MedicationSafetyGate.summary))
        }
        return req.redirect(to: SiteURL.patient(patientID, .medications).path + "#profile")
    }

    /// `GET /patients/:id/medications/:medicationID`: one medication, its edit form and its history.
    func showOne(req: Request) async throws -> HTML {
        let (patient, record) = try await load(.read, req)
        try await req.auditRead("medication.read", patientID: patient.id, resourceType: "MedicationStatement", resourceID: record.id?.uuidString)
        let medication = try MedicationStore.decode(record)
        return try await MedicationPageBuilder.medicationPage(
            patient, record, medication, edit: MedicationForm(medication), editProblems: [:], discontinue: .init(), discontinueProblems: [:], req: req).html
    }

    /// `POST /patients/:id/medications/:medicationID`: saves a change; each changed field joins the history.
    func update(req: Request) async throws -> Response {
        let (patient, record) = try await load(.write, req)
        let old = try MedicationStore.decode(record)
        let form = try req.content.decode(MedicationForm.self)
        let draft = form.draft
        guard let new = draft.medication() else {
            return try await MedicationPageBuilder.medicationPage(
                patient, record, old, edit: form, editProblems: draft.problems, discontinue: .init(), discontinueProblems: [:], req: req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let user = try req.currentUser
        let catalog = req.application.medicationCatalog
        let patientID = try patient.requireID()
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        let others = try await MedicationStore.profile(of: patientID, on: req.db).filter { $0.0.id != record.id }.map(\.1)
        let findings = gate.check.findings(for: new, allergies: gate.allergies, current: others, on: gate.today)
        var override: MedicationSafetyOverride?
        switch gate.verdict(findings, earlier: try MedicationSafetyGate.overrides(record), reason: form.overrideReason, by: user) {
        case .clear: break
        case .overridden(let decision): override = decision
        case .refused(let findings, let problem):
            var page = try await MedicationPageBuilder.medicationPage(
                patient, record, old, edit: form, editProblems: [:], discontinue: .init(), discontinueProblems: [:], req: req)
            page.safetyWarning = MedicationSafetyGate.warning(findings, drug: "the change to \(new.name)", reason: form.overrideReason, problem: problem,
                                                              formID: "edit-medication-form", button: "Save \(new.name) anyway, with this reason")
            return page.html.response(status: .unprocessableEntity)
        }
        let decided = override
        try await req.auditedWrite { db, audit in
            try await MedicationStore.update(record, from: old, to: new, by: user.id, override: decided, catalog: catalog, on: db)
            try await audit("medication.update", patientID: patient.id, resourceType: "MedicationStatement", resourceID: record.id?.uuidString,
                                detail: decided.map(MedicationSafetyGate.summary))
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications(.medication(try record.requireID()))).path)
    }

    /// `POST /patients/:id/medications/:medicationID/discontinue`: the last day taken and why.
    func discontinue(req: Request) async throws -> Response {
        let (patient, record) = try await load(.write, req)
        let old = try MedicationStore.decode(record)
        let form = try req.content.decode(MedicationForms.Discontinue.self)
        let today = req.agencyToday
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [String: String] = [:]
        let stop = (form.stop ?? "").isEmpty ? today : CalendarDate(form.stop ?? "")
        if stop == nil { problems["stop"] = "Give the last day as a date, e.g. \(today)." }
        if let stop, stop < old.start { problems["stop"] = "The last day cannot be before the medication started (\(old.start))." }
        if reason.isEmpty { problems["reason"] = "Say why it is stopped, e.g. discontinued by Dr. Patel at the hospital." }
        guard problems.isEmpty, let stop else {
            return try await MedicationPageBuilder.medicationPage(
                patient, record, old, edit: MedicationForm(old), editProblems: [:], discontinue: form, discontinueProblems: problems, req: req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        var stopped = old
        stopped.stop = stop
        let new = stopped
        let user = try req.currentUser
        let catalog = req.application.medicationCatalog
        try await req.auditedWrite { db, audit in
            try await MedicationStore.update(record, from: old, to: new, by: user.id, note: reason, catalog: catalog, on: db)
            try await audit("medication.discontinue", patientID: patient.id, resourceType: "MedicationStatement", resourceID: record.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications).path + "#stopped")
    }

    /// `POST /patients/:id/medications/adherence`: how a self-administered medicine is being taken.
    func recordAdherence(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let form = try req.content.decode(MedicationForms.Adherence.self)
        let today = req.agencyToday
        var problems: [String: String] = [:]
        let medication = try await medication(form.medicationID, of: patient, req)
        if medication == nil { problems["medicationID"] = "Choose the medication you checked." }
        let result = AdherenceResult(rawValue: form.result ?? "")
        if result == nil { problems["result"] = "Choose how it is being taken." }
        let day = (form.checkedOn ?? "").isEmpty ? today : CalendarDate(form.checkedOn ?? "")
        if day == nil || day! > today { problems["checkedOn"] = "Give the day of the check: today or earlier." }
        if result != nil, result != .takenAsPrescribed, (form.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems["note"] = "Say what was missed or wrong, so the next visit can follow up."
        }
        guard problems.isEmpty, let medication, let result, let day else {
            return try await refuse(patient, Forms(adherence: form, adherenceProblems: problems), req)
        }
        let check = AdherenceCheckRecord()
        check.$patient.id = try patient.requireID()
        check.$medication.id = try medication.requireID()
        check.checkedOn = day.description
        check.result = result.rawValue
        check.note = form.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        check.$recordedBy.id = try req.currentUser.id
        check.recordedAt = req.now
        try await req.auditedWrite { db, audit in
            try await check.create(on: db)
            try await audit("medication.adherence", patientID: patient.id, resourceType: "Observation", resourceID: check.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications).path + "#adherence")
    }

    /// `POST /patients/:id/medications/side-effects`.
    func reportSideEffect(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let form = try req.content.decode(MedicationForms.SideEffect.self)
        let today = req.agencyToday
        let medication = try await medication(form.medicationID, of: patient, req)
        let draft = SideEffectReportDraft(symptom: form.symptom ?? "", severity: form.severity ?? "", medication: medication?.name ?? "unknown",
                                          reported: form.reported ?? "", actionTaken: form.actionTaken ?? "")
        var problems = draft.problems(today: today)
        if !(form.medicationID ?? "").isEmpty, medication == nil { problems["medicationID"] = "Choose a medication from the list, or none." }
        guard problems.isEmpty, let report = draft.report(today: today) else {
            return try await refuse(patient, Forms(sideEffect: form, sideEffectProblems: problems), req)
        }
        let row = SideEffectRecord()
        row.$patient.id = try patient.requireID()
        row.$medication.id = try medication?.requireID()
        row.symptom = report.symptom
        row.severity = report.severity.rawValue
        row.reportedOn = report.reported.description
        row.actionTaken = report.actionTaken
        row.$recordedBy.id = try req.currentUser.id
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("medication.side_effect", patientID: patient.id, resourceType: "AdverseEvent", resourceID: row.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications).path + "#side-effects")
    }

    /// `POST /patients/:id/medications/teaching`: what was taught about a medication, to whom, and the teach-back.
    func recordTeaching(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let form = try req.content.decode(MedicationForms.Teaching.self)
        let today = req.agencyToday
        let medication = try await medication(form.medicationID, of: patient, req)
        let draft = TeachingDraft(topic: form.topic ?? "", learner: form.learner ?? "", method: form.method ?? "", result: form.result ?? "",
                                  materialGiven: form.materialGiven ?? "", note: form.note ?? "")
        var problems = draft.problems
        if medication == nil { problems["medicationID"] = "Choose the medication this teaching was about." }
        let taughtOn = (form.taughtOn ?? "").isEmpty ? today : CalendarDate(form.taughtOn ?? "")
        if taughtOn.map({ $0 > today }) ?? true { problems["taughtOn"] = "Give the day it was taught: today or earlier." }
        guard problems.isEmpty, let teaching = draft.teaching(), let medication, let taughtOn else {
            return try await refuse(patient, Forms(teaching: form, teachingProblems: problems), req)
        }
        let row = TeachingStore.row(teaching, learnerName: form.learnerName, on: taughtOn, patientID: try patient.requireID(), by: try req.currentUser.id)
        row.$medication.id = try medication.requireID()
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("medication.teaching", patientID: patient.id, resourceType: "Procedure", resourceID: row.id?.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications).path + "#teaching")
    }

    /// The page again with the refused form open and its errors: 422, nothing saved.
    func refuse(_ patient: Patient, _ forms: Forms, _ req: Request) async throws -> Response {
        try await MedicationPageBuilder.page(patient, forms: forms, req: req).html
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func load(_ action: PatientAction, _ req: Request) async throws -> (Patient, MedicationRecord) {
        let patient = try await req.patient(action)
        guard let id = req.parameters.get("medicationID", as: UUID.self), let record = try await MedicationRecord.find(id, on: req.db),
              record.$patient.id == patient.id else { throw AppError.notFound() }
        return (patient, record)
    }

    /// A medication of this patient named by a form, or nil (a medication of another patient is never found).
    private func medication(_ id: String?, of patient: Patient, _ req: Request) async throws -> MedicationRecord? {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await MedicationRecord.query(on: req.db).filter(\.$id == id).filter(\.$patient.$id == patient.requireID()).first()
    }
}

extension String {
    /// nil for an empty string, so optional columns stay NULL rather than "".
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
