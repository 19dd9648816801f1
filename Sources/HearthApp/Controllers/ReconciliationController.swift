import Fluent
import Foundation
import HearthCore
import Vapor

/// Medication reconciliation at a transition: compare another list with the profile, decide each line, then apply the
/// decisions to the profile and send the reconciled list to the physician for signature.
struct ReconciliationController {
    struct DecideForm: Content {
        var decision: [String: String]?
        var note: [String: String]?
    }

    /// Finishing: the override reason, once allergy or duplicate-therapy findings were shown.
    struct FinishForm: Content {
        var overrideReason: String?
    }

    /// `POST /patients/:id/medications/reconciliations`: reads the other list (typed or a FHIR Bundle) and pairs it with the profile.
    func start(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let patientID = try patient.requireID()
        let form = try req.content.decode(MedicationForms.Reconcile.self)
        let today = req.agencyToday
        var problems: [String: String] = [:]
        let transition = TransitionKind(rawValue: form.transition ?? "")
        if transition == nil { problems["transition"] = "Choose the transition: start of care, resumption of care or discharge." }
        let source = (form.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if source.isEmpty { problems["source"] = "Say where the list comes from, e.g. Discharge list, Mercy General Hospital." }
        let list = (form.list ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var incoming: [Medication] = []
        if list.isEmpty {
            problems["list"] = "Type or paste the other list: one medicine per line."
        } else if list.hasPrefix("{") {
            do { incoming = try FHIRMedicationImport.medications(json: Data(list.utf8), start: today) } catch {
                problems["list"] = String(describing: error)
            }
        } else {
            let parsed = IncomingMedicationList(text: list, start: today)
            if !parsed.problems.isEmpty { problems["list"] = parsed.problems.map(\.description).joined(separator: " ") }
            incoming = parsed.medications
        }
        if problems["list"] == nil, incoming.isEmpty { problems["list"] = "The list has no medicines. Type one per line." }
        guard problems.isEmpty, let transition else {
            var forms = MedicationController.Forms()
            forms.reconcile = form
            forms.reconcileProblems = problems
            return try await MedicationController().refuse(patient, forms, req)
        }
        let reconciliation = try await Self.reconciliation(patientID: patientID, incoming: incoming, transition: transition, today: today, req: req)
        let record = MedicationReconciliationRecord()
        record.$patient.id = patientID
        record.$episode.id = try await PatientQueries.latestEpisodes(for: [patientID], on: req.db)[patientID]?.requireID()
        record.transition = transition.rawValue
        record.source = String(source.prefix(200))
        record.status = "open"
        record.reconciliationJSON = try Self.encode(reconciliation)
        record.$createdBy.id = try req.currentUser.id
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await audit("medication.reconciliation.start", patientID: patientID, resourceType: "List", resourceID: record.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(patientID, .medications(.reconciliation(try record.requireID()))).path)
    }

    /// The profile as it stands today against the other list.
    static func reconciliation(patientID: UUID, incoming: [Medication], transition: TransitionKind, today: CalendarDate,
                               req: Request, on db: (any Database)? = nil) async throws -> Reconciliation {
        let home = try await MedicationStore.profile(of: patientID, on: db ?? req.db).filter { $0.1.isActive(on: today) }
            .map { MedicationLine(medication: $0.1, id: $0.0.id?.uuidString.lowercased() ?? "") }
        let other = incoming.enumerated().map { MedicationLine(medication: $0.element, id: "in-\($0.offset + 1)") }
        return Reconciliation(transition: transition, date: today, home: home, incoming: other, catalog: req.application.medicationCatalog)
    }

    /// `GET /patients/:id/medications/reconciliations/:reconciliationID`.
    func show(req: Request) async throws -> HTML {
        let (patient, record) = try await load(.read, req)
        try await req.auditRead("medication.reconciliation.read", patientID: patient.id, resourceType: "List", resourceID: record.id?.uuidString)
        return try await page(patient, record, try Self.decode(record), error: nil, req).html
    }

    /// `POST …/decide`: saves the decisions made so far; undecided lines stay undecided.
    func decide(req: Request) async throws -> Response {
        let (patient, record) = try await load(.write, req)
        guard record.status == "open" else { throw AppError.conflict("This reconciliation is finished; start a new one to change the list again.") }
        var reconciliation = try Self.decode(record)
        let form = try req.content.decode(DecideForm.self)
        var refused: [String] = []
        for (lineID, value) in form.decision ?? [:] {
            guard let decision = ReconciliationDecision(rawValue: value) else { refused.append("\"\(value)\" is not a decision."); continue }
            let note = form.note?[lineID]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            do { try reconciliation.decide(lineID: lineID, decision, note: note) } catch { refused.append(String(describing: error)) }
        }
        record.reconciliationJSON = try Self.encode(reconciliation)
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("medication.reconciliation.decide", patientID: patient.id, resourceType: "List", resourceID: record.id?.uuidString)
        }
        guard refused.isEmpty else {
            return try await page(patient, record, reconciliation, error: refused.joined(separator: " "), req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .medications(.reconciliation(try record.requireID()))).path)
    }

    /// `POST …/finish`: refuses while a line is undecided; otherwise changes the profile and sends the order in one transaction.
    func finish(req: Request) async throws -> Response {
        let (patient, record) = try await load(.write, req)
        guard record.status == "open" else { throw AppError.conflict("This reconciliation is already finished.") }
        let reconciliation = try Self.decode(record)
        let result: ReconciledList
        do { result = try reconciliation.finish() } catch {
            return try await page(patient, record, reconciliation, error: String(describing: error), req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let physician = try await patient.$physician.get(on: req.db) else {
            return try await page(patient, record, reconciliation,
                error: "The patient has no physician on the profile. Add the physician first: the reconciled list goes to them for signature.", req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let user = try req.currentUser
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        let reason = try req.content.decode(FinishForm.self).overrideReason
        var overrides: [String: MedicationSafetyOverride] = [:]
        for (line, findings) in Self.safetyFindings(reconciliation, gate) {
            switch gate.verdict(findings, reason: reason, by: user) {
            case .clear: continue
            case .overridden(let decision): overrides[line.id] = decision
            case .refused(_, let problem):
                var page = try await page(patient, record, reconciliation, error: nil, req)
                let all = Self.safetyFindings(reconciliation, gate).flatMap(\.1)
                page.safetyWarning = MedicationSafetyGate.warning(all, drug: "The reconciled list", reason: reason, problem: problem,
                                                                  formID: "finish-reconciliation-form", button: "Finish anyway, with this reason",
                                                                  advice: "Change the decision below (Stop instead of taking it) and save the decisions, or, if the prescriber confirms it, give the reason and finish anyway.")
                return page.html.response(status: .unprocessableEntity)
            }
        }
        let decided = overrides
        let header = "Patient: \(patient.listName)  MRN: \(patient.mrn)\n\n"
        var order = try PhysicianOrder(id: UUID().uuidString, kind: .medicationReconciliation, physician: try OrderStore.physician(physician),
                                       document: header + result.orderText)
        try order.send(at: req.now)
        let title = TransitionKind(rawValue: record.transition)?.title ?? record.transition
        let orderRecord = try OrderStore.record(order, patientID: patientID, episodeID: record.$episode.id, physicianID: try physician.requireID(),
                                                summary: "Medication reconciliation: \(title)", by: user.id)
        let catalog = req.application.medicationCatalog
        try await req.auditedWrite { db, audit in
            try await ReconciliationApplier(patientID: patientID, userID: user.id, today: today, catalog: catalog, db: db)
                .apply(reconciliation, overrides: decided)
            try await orderRecord.create(on: db)
            record.$order.id = try orderRecord.requireID()
            record.status = "finished"
            record.finishedAt = req.now
            try await record.save(on: db)
            try await audit("medication.reconciliation.finish", patientID: patientID, resourceType: "List", resourceID: record.id?.uuidString,
                                detail: decided.isEmpty ? nil : decided.values.map(MedicationSafetyGate.summary).sorted().joined(separator: " | "))
        }
        return req.redirect(to: SiteURL.patient(patientID, .medications(.reconciliation(try record.requireID()))).path)
    }

    /// Each medication the decisions take from the other list, with its allergy findings and the duplicates it makes
    /// on the list as it will stand (lines kept or taken, not stopped).
    static func safetyFindings(_ reconciliation: Reconciliation, _ gate: MedicationSafetyGate) -> [(ReconciliationLine, [MedicationSafetyFinding])] {
        let kept: [(id: String, line: MedicationLine)] = reconciliation.lines.compactMap { line in
            switch line.decision {
            case .keepHome?: line.home.map { (line.id, $0) }
            case .takeIncoming?: line.incoming.map { (line.id, $0) }
            default: nil
            }
        }
        return reconciliation.lines.compactMap { line in
            guard line.decision == .takeIncoming, let incoming = line.incoming else { return nil }
            let others = kept.filter { $0.id != line.id }.map { (name: $0.line.name, strength: $0.line.strength) }
            let findings = gate.check.allergyFindings(for: incoming.name, allergens: gate.allergens)
                + gate.check.duplicateFindings(for: incoming.name, others: others)
            return findings.isEmpty ? nil : (line, findings)
        }
    }

    private func load(_ action: PatientAction, _ req: Request) async throws -> (Patient, MedicationReconciliationRecord) {
        let patient = try await req.patient(action)
        guard let id = req.parameters.get("reconciliationID", as: UUID.self), let record = try await MedicationReconciliationRecord.find(id, on: req.db),
              record.$patient.id == patient.id else { throw AppError.notFound() }
        return (patient, record)
    }

    static func encode(_ reconciliation: Reconciliation) throws -> String {
        try StoredJSON.encode(reconciliation)
    }

    static func decode(_ record: MedicationReconciliationRecord) throws -> Reconciliation {
        try StoredJSON.decode(Reconciliation.self, from: record.reconciliationJSON, what: "reconciliation")
    }

    private func page(_ patient: Patient, _ record: MedicationReconciliationRecord, _ reconciliation: Reconciliation, error: String?,
                      _ req: Request) async throws -> ReconciliationPage {
        let patientID = try patient.requireID()
        let base: (MedicationsURL.ReconciliationAction) -> String = { [id = try record.requireID()] in SiteURL.patient(patientID, .medications(.reconciliation(id, $0))).path }
        let order = try await record.$order.get(on: req.db)
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        return ReconciliationPage(
            shell: PageShell(request: req, title: "Medication reconciliation: \(patient.listName)"),
            patientName: patient.displayName, backHref: SiteURL.patient(patientID, .medications).path + "#reconciliation",
            title: "Medication reconciliation, \(TransitionKind(rawValue: record.transition)?.title.lowercased() ?? record.transition)",
            source: record.source, finished: record.status != "open", canWrite: try await PatientAccess.may(.write, patient, req),
            lines: reconciliation.lines.map { line in
                ReconciliationPage.Line(
                    id: line.id, kind: line.kind.code, kindTitle: line.kind.title,
                    home: line.home?.summary, incoming: line.incoming?.summary, changes: line.kind.changes,
                    flags: line.incoming.map { gate.check.allergyFindings(for: $0.name, allergens: gate.allergens).map(\.text) } ?? []
                        + line.flags.map(\.description),
                    decisions: line.kind.allowedDecisions.map { FieldOption(value: $0.rawValue, label: $0.title, selected: $0 == line.decision) },
                    decisionTitle: line.decision?.title, note: line.note ?? "")
            },
            undecided: reconciliation.lines.filter { $0.decision == nil }.count,
            decideAction: base(.decide), finishAction: base(.finish), error: error,
            orderHref: order.map { SiteURL.order($0.id ?? UUID()).path }, orderStatus: order.flatMap { OrderState(rawValue: $0.status)?.title.lowercased() })
    }
}

extension ReconciliationKind {
    /// A stable word for the page's classes and the tests: unchanged, changed, new, discontinued.
    var code: String {
        switch self {
        case .unchanged: "unchanged"
        case .changed: "changed"
        case .new: "new"
        case .discontinued: "discontinued"
        }
    }

    /// What differs, one sentence each, for a changed line.
    var changes: [String] {
        if case .changed(let changes) = self { return changes }
        return []
    }
}
