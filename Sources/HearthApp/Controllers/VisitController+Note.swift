import Fluent
import Foundation
import HearthCore
import Vapor

extension VisitController {
    /// `GET /visits/:visitID`.
    func show(req: Request) async throws -> HTML {
        let visit = try await load(.read, req)
        try await req.auditRead("visit.read", patientID: visit.$patient.id, resourceType: "Encounter", resourceID: visit.id?.uuidString)
        return try await page(visit, note: try VisitStore.note(visit), error: nil, typed: nil, req).html
    }

    /// `POST /visits/:visitID/check-in` and `…/check-out`: server time, and the device's location or why there is none.
    func stamp(req: Request) async throws -> Response {
        let visit = try await load(.document, req)
        let checkingIn = req.url.path.hasSuffix("check-in")
        let form = try req.content.decode(StampForm.self)
        var note = try VisitStore.note(visit)
        let location = Double(form.latitude ?? "").flatMap { lat in Double(form.longitude ?? "").flatMap { GeoPoint(latitude: lat, longitude: $0) } }
            .map { DeviceLocation(point: $0, accuracyMeters: Double(form.accuracy ?? "") ?? 50) }
        let reason = form.noLocationReason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        do {
            if checkingIn { try note.times.checkIn(at: req.now, location: location, noLocationReason: reason) }
            else { try note.times.checkOut(at: req.now, location: location, noLocationReason: reason) }
        } catch {
            return try await refuse(visit, note, String(describing: error), req)
        }
        if !checkingIn { visit.visitStatus = visit.visitStatus.checkedOut() }
        try VisitStore.store(note, in: visit)
        let supervision = req.application.aideSupervision
        try await req.auditedWrite { db, audit in
            try await visit.save(on: db)
            if !checkingIn { try await ObligationStore.refreshSupervision(episodeID: visit.$episode.id, patientID: visit.$patient.id, supervision: supervision, now: req.now, on: db) }
            try await audit(checkingIn ? "visit.check_in" : "visit.check_out", patientID: visit.$patient.id, resourceType: "Encounter",
                                resourceID: visit.id?.uuidString, detail: location == nil ? "no location: \(reason ?? "")" : "with location")
        }
        return req.redirect(to: SiteURL.visit(try visit.requireID()).path)
    }

    /// `POST /visits/:visitID/note`: vitals (impossible values refused, unusual ones flagged), what was done, the response, teaching.
    func saveNote(req: Request) async throws -> Response {
        let visit = try await load(.document, req)
        var note = try VisitStore.note(visit)
        let form = try req.content.decode(NoteForm.self)
        if case .signed(let by, let at) = note.state {
            return try await refuse(visit, note, VisitNoteError.alreadySigned(by: by, at: at).description, req)
        }
        let typed: [String: String] = ["systolic": form.systolic, "diastolic": form.diastolic, "pulse": form.pulse, "temperature": form.temperature,
                                       "respiration": form.respiration, "spo2": form.spo2, "weight": form.weight, "pain": form.pain, "glucose": form.glucose]
            .compactMapValues { $0?.trimmingCharacters(in: .whitespaces).nilIfEmpty }
        var draft = note
        draft.vitals = typed
        draft.temperatureUnit = form.temperatureUnit ?? "F"
        draft.weightUnit = form.weightUnit ?? "lb"
        draft.performed = form.performed ?? []
        draft.response = form.response ?? ""
        draft.teaching = form.teaching ?? ""
        if visit.kind == VisitKind.aideSupervision.rawValue {
            draft.aidePresent = form.aidePresent.isTicked
            draft.supervisedAideID = try await CareTeamMember.query(on: req.db).filter(\.$patient.$id == visit.$patient.id)
                .join(User.self, on: \CareTeamMember.$user.$id == \User.$id).filter(User.self, \.$role == Role.aide.rawValue).first()?.$user.id.uuidString
        }
        if case .failure(let refusal) = draft.vitalsDraft.vitals() {
            return try await refuse(visit, draft, "Nothing was saved: " + refusal.description, req, typed: refusal.problems)
        }
        note = draft
        try VisitStore.store(note, in: visit)
        let user = try req.currentUser, saved = note
        try await req.auditedWrite { db, audit in
            try await visit.save(on: db)
            try await audit("visit.note", patientID: visit.$patient.id, resourceType: "Encounter", resourceID: visit.id?.uuidString)
            // Dangerous values are saved (they are real) and raise a safety alert at once, not at signing.
            try await VitalSignAlertStore.raise(for: visit, note: saved, by: user, now: req.now, req: req, on: db, audit: audit)
        }
        return req.redirect(to: SiteURL.visit(try visit.requireID()).path + "#note")
    }

    /// `POST /visits/:visitID/sign`: once checked in (before or after check-out), once; a signed note is locked.
    func sign(req: Request) async throws -> Response {
        let visit = try await load(.document, req)
        var note = try VisitStore.note(visit)
        let reason = String((try? req.content.get(String.self, at: "shortVisitReason"))?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200) ?? "")
        do { try note.state.sign(by: try req.currentUser.displayName, at: req.now, times: note.times, shortVisitReason: reason) } catch {
            return try await refuse(visit, note, String(describing: error), req)
        }
        if VisitNoteState.isShort(note.times) { note.shortVisitReason = reason }
        try VisitStore.store(note, in: visit)
        let user = try req.currentUser, signed = note
        try await req.auditedWrite { db, audit in
            try await visit.save(on: db)
            try await audit("visit.sign", patientID: visit.$patient.id, resourceType: "Encounter", resourceID: visit.id?.uuidString)
            try await VitalSignAlertStore.raise(for: visit, note: signed, by: user, now: req.now, req: req, on: db, audit: audit)
        }
        return req.redirect(to: SiteURL.visit(try visit.requireID()).path)
    }

    /// `POST /visits/:visitID/missed`: why, and whether the physician was told; it counts against the frequency.
    func missed(req: Request) async throws -> Response {
        let visit = try await load(.document, req)
        var note = try VisitStore.note(visit)
        let form = try req.content.decode(MissedForm.self)
        let missed: VisitStatus
        do { missed = try visit.visitStatus.missed(checkedIn: note.times.checkIn != nil) } catch {
            return try await refuse(visit, note, error.description, req)
        }
        guard let reason = MissedVisitReason(rawValue: form.reason ?? "") else {
            return try await refuse(visit, note, "Choose why the visit was missed.", req, typed: ["reason": "Choose why the visit was missed."])
        }
        let explanation = (form.explanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason == .other && explanation.isEmpty {
            return try await refuse(visit, note, "Say what happened.", req, typed: ["explanation": "Say what happened when the reason is other."])
        }
        visit.visitStatus = missed
        visit.missedReason = reason.rawValue
        visit.physicianNotified = form.physicianNotified.isTicked
        note.missedExplanation = explanation
        try VisitStore.store(note, in: visit)
        let supervision = req.application.aideSupervision
        try await req.auditedWrite { db, audit in
            try await visit.save(on: db)
            try await ObligationStore.refreshSupervision(episodeID: visit.$episode.id, patientID: visit.$patient.id, supervision: supervision, now: req.now, on: db)
            try await audit("visit.missed", patientID: visit.$patient.id, resourceType: "Encounter", resourceID: visit.id?.uuidString, detail: reason.rawValue)
        }
        await req.syncWorklist(patientID: visit.$patient.id)
        return req.redirect(to: SiteURL.patient(visit.$patient.id).path + "#visits")
    }

    private func load(_ action: PatientAction, _ req: Request) async throws -> VisitRecord {
        guard let id = req.parameters.get("visitID", as: UUID.self),
              let visit = try await VisitRecord.query(on: req.db).filter(\.$id == id).with(\.$patient).with(\.$clinician).first()
        else { throw AppError.notFound() }
        _ = try await PatientAccess.authorize(action, patientID: visit.$patient.id, on: req)
        return visit
    }

    private func refuse(_ visit: VisitRecord, _ note: VisitNoteContent, _ error: String, _ req: Request, typed: [String: String]? = nil) async throws -> Response {
        try await page(visit, note: note, error: error, typed: typed, req).html.encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func page(_ visit: VisitRecord, note: VisitNoteContent, error: String?, typed: [String: String]?, _ req: Request) async throws -> VisitPage {
        let today = req.agencyToday
        let plan = try await CarePlanStore.load(patientID: visit.$patient.id, today: today, on: req.db)?.followed // what is signed
        let interventions = plan?.content.interventions.filter { $0.discipline.rawValue == visit.discipline } ?? []
        let problems = typed ?? [:]
        let v = note.vitals
        let vitals = try? note.vitalsDraft.vitals().get()
        let mayWrite = try await PatientAccess.may(.write, visit.patient, req)
        let movable = visit.isNotYetStarted && mayWrite
        let discipline = Discipline(rawValue: visit.discipline)
        let choices = movable ? try await VisitStore.clinicians(for: discipline, patientID: visit.$patient.id, on: req.db) : []
        let alerts = try await VitalSignAlertStore.notice(note, visit: visit, req: req)
        let flags = vitals?.flags.filter { !alerts.signs.contains($0.reading.sign) }.map(\.description) ?? []
        func time(_ date: Date?) -> String? { date.map { req.agencyClock($0) } }
        return VisitPage(
            shell: PageShell(request: req, title: "Visit \(visit.scheduledOn): \(visit.patient.familyName)"),
            line: try line(visit, todo: interventions.map(\.action)), chartHref: SiteURL.patient(visit.$patient.id).path,
            codeStatus: visit.patient.codeStatus.flatMap(CodeStatus.init(rawValue:))?.title,
            allergySummary: Allergy.summary(try await Allergy.query(on: req.db).filter(\.$patient.$id == visit.$patient.id).sort(\.$substance).all()),
            safetyAlerts: try await SafetyAlertStore.open(.patient(visit.$patient.id), now: req.now, req: req),
            canDocument: try await PatientAccess.may(.document, visit.patient, req),
            checkedIn: time(note.times.checkIn?.at), checkedOut: time(note.times.checkOut?.at),
            shortVisit: VisitNoteState.isShort(note.times) ? ShortVisit(minutes: note.times.minutes ?? 0, reason: note.shortVisitReason) : nil,
            signed: { if case .signed(let by, let at) = note.state { "by \(by) at \(time(at) ?? "")" } else { nil } }(),
            missed: visit.missedReason.flatMap(MissedVisitReason.init(rawValue:)).map { $0.title + (visit.physicianNotified == true ? "; physician notified" : "") },
            readings: vitals?.readings.map { "\($0.sign.title) \($0.text)" } ?? [], flags: flags, error: error, visitID: try visit.requireID(),
            vitals: alerts.mark([
                .text("systolic", "Blood pressure, systolic (mmHg)", v["systolic"], problems, prefix: "v-", inputMode: "decimal"),
                .text("diastolic", "Diastolic (mmHg)", v["diastolic"], problems, prefix: "v-", inputMode: "decimal"),
                .text("pulse", "Pulse (/min)", v["pulse"], problems, prefix: "v-", inputMode: "decimal"),
                .text("temperature", "Temperature", v["temperature"], problems, prefix: "v-", inputMode: "decimal"),
                .select("temperatureUnit", "Unit", note.temperatureUnit, [("F", "°F"), ("C", "°C")], problems, prefix: "v-"),
                .text("respiration", "Respirations (/min)", v["respiration"], problems, prefix: "v-", inputMode: "decimal"),
                .text("spo2", "SpO2 (%)", v["spo2"], problems, prefix: "v-", inputMode: "decimal"),
                .text("weight", "Weight", v["weight"], problems, prefix: "v-", inputMode: "decimal"),
                .select("weightUnit", "Unit", note.weightUnit, [("lb", "lb"), ("kg", "kg")], problems, prefix: "v-"),
                .text("pain", "Pain (0–10)", v["pain"], problems, prefix: "v-", inputMode: "decimal"),
                .text("glucose", "Blood glucose (mg/dL)", v["glucose"], problems, prefix: "v-", inputMode: "decimal"),
            ]),
            interventions: interventions.map { FieldOption(value: $0.id, label: $0.action, selected: note.performed.contains($0.id)) },
            response: note.response, teaching: note.teaching,
            supervisory: visit.kind == VisitKind.aideSupervision.rawValue, aidePresent: note.aidePresent,
            missedFields: [
                .select("reason", "Why it was missed", nil, MissedVisitReason.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "miss-"),
                .text("explanation", "What happened", nil, problems, prefix: "miss-", wide: true),
                .checkbox("physicianNotified", "Physician notified", checked: false, prefix: "miss-"),
            ],
            reschedule: movable ? PageForm(action: SiteURL.visit(try visit.requireID(), .schedule).path, fields: [
                .text("date", "Date", visit.scheduledOn, [:], prefix: "r-", type: "date"),
                .text("time", "Time", visit.startTime, [:], prefix: "r-", type: "time"),
                .text("minutes", "Minutes", String(visit.minutes), [:], prefix: "r-", type: "number"),
                .select("clinicianID", "Clinician", visit.$clinician.id?.uuidString, choices, [:], prefix: "r-"),
                .checkbox("locked", "Keep this visit where it is when the day is planned", checked: visit.locked == true, prefix: "r-"),
            ], error: nil) : nil,
            cancelAction: movable ? SiteURL.visit(try visit.requireID(), .cancel).path : nil, vitalAlert: alerts.banner,
            vitalThresholds: VitalSignAlertStore.clientThresholds(req.application.vitalSignAlerts))
    }
}
