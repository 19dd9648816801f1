import Fluent
import Foundation
import HearthCore
import Vapor

/// Builds the medication pages from the stored profile and the forms as typed.
enum MedicationPageBuilder {
    /// Weeks each adherence point sums, so a weekly check draws a trend rather than single observations.
    static let adherenceWindowWeeks = 4
    /// Weeks of adherence the chart draws.
    static let adherenceWeeks = 12

    static func page(_ patient: Patient, forms: MedicationController.Forms, req: Request) async throws -> MedicationsPage {
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let catalog = req.application.medicationCatalog
        let profile = try await MedicationStore.profile(of: patientID, on: req.db)
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        let lines = try profile.map { try line($0.0, $0.1, patientID: patientID, catalog: catalog, today: today, gate: gate, req: req) }
        let current = zip(profile, lines).filter { $0.0.1.isActive(on: today) || $0.0.1.start > today }.map(\.1)
        let stopped = zip(profile, lines).filter { !($0.0.1.isActive(on: today) || $0.0.1.start > today) }.map(\.1)
        let choices = profile.filter { $0.1.isActive(on: today) }.map { (value: $0.0.id?.uuidString ?? "", label: $0.1.name) }
        let selfGiven = profile.filter { $0.1.isActive(on: today) && !$0.1.administeredBy.usesMAR }
            .map { (value: $0.0.id?.uuidString ?? "", label: $0.1.name) }
        let names = Dictionary(uniqueKeysWithValues: profile.compactMap { row in row.0.id.map { ($0, row.1.name) } })

        let reconciliations = try await MedicationReconciliationRecord.query(on: req.db).filter(\.$patient.$id == patientID)
            .sort(\.$createdAt, .descending).all()
        let from = today.adding(days: -7 * adherenceWeeks + 1)
        let checks = try await AdherenceCheckRecord.query(on: req.db).filter(\.$patient.$id == patientID)
            .filter(\.$checkedOn >= from.description).sort(\.$checkedOn, .descending).all()
        let given = try await MedicationAdministrationRecord.query(on: req.db).filter(\.$patient.$id == patientID)
            .filter(\.$givenOn >= from.description).all()
        let trend = adherenceTrend(checks: checks, given: given, from: from, to: today)
        let sideEffects = try await SideEffectRecord.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$reportedOn, .descending).limit(50).all()
        let teaching = try await TeachingLog.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$taughtOn, .descending).limit(50).all()

        let canWrite = try await PatientAccess.may(.write, patient, req)
        let canDocument = try await PatientAccess.may(.document, patient, req)
        var add = forms.add
        if add.start == nil { add.start = today.description }
        var adherenceForm = forms.adherence
        if adherenceForm.checkedOn == nil { adherenceForm.checkedOn = today.description }
        var sideEffectForm = forms.sideEffect
        if sideEffectForm.reported == nil { sideEffectForm.reported = today.description }
        var teachingForm = forms.teaching
        if teachingForm.taughtOn == nil { teachingForm.taughtOn = today.description }
        return MedicationsPage(
            shell: PageShell(request: req, title: "Medications: \(patient.listName)"),
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#medications",
            marHref: SiteURL.patient(patientID, .medications(.administrations)).path, canWrite: canWrite, canDocument: canDocument,
            current: current, stopped: stopped, highAlertCount: current.filter { $0.highAlert != nil }.count,
            allergyConflicts: current.filter { !$0.allergyWarnings.isEmpty }.count,
            refillsDue: current.filter { $0.refillState == "due" || $0.refillState == "overdue" }.count,
            add: PageForm(action: SiteURL.patient(patientID, .medications).path, fields: add.fields(forms.addProblems), error: PageForm.refusal(forms.addProblems)),
            safetyWarning: forms.addWarning,
            reconciliations: reconciliations.map { row in
                let open = row.status == "open"
                return .init(href: SiteURL.patient(patientID, .medications(.reconciliation(row.id ?? UUID()))).path,
                             title: "\(TransitionKind(rawValue: row.transition)?.title ?? row.transition): \(row.source)",
                             status: open ? "open" : "finished", statusTitle: open ? "To decide" : "Finished",
                             when: CarePlanPages.day(row.createdAt, req))
            },
            reconcile: PageForm(action: SiteURL.patient(patientID, .medications(.reconciliations)).path, fields: MedicationForms.reconcileFields(forms.reconcile, forms.reconcileProblems),
                                error: PageForm.refusal(forms.reconcileProblems)),
            adherence: trend.chart, adherenceSummary: trend.summary,
            adherenceChecks: checks.prefix(10).map { check in
                let result = AdherenceResult(rawValue: check.result)
                return .init(when: check.checkedOn, text: result?.title ?? check.result,
                             detail: [names[check.$medication.id], check.note].compactMap { $0 }.joined(separator: " — "),
                             state: result == .takenAsPrescribed ? "met" : "overdue")
            },
            adherenceForm: canDocument && !selfGiven.isEmpty
                ? PageForm(action: SiteURL.patient(patientID, .medications(.adherence)).path,
                           fields: MedicationForms.adherenceFields(adherenceForm, choices: selfGiven, forms.adherenceProblems), error: PageForm.refusal(forms.adherenceProblems))
                : nil,
            sideEffects: sideEffects.map { row in
                .init(when: row.reportedOn, text: "\(row.symptom) (\(row.severity))",
                      detail: [row.$medication.id.flatMap { names[$0] }, row.actionTaken].compactMap { $0 }.joined(separator: " — "),
                      state: row.severity == "severe" ? "overdue" : "open")
            },
            sideEffectForm: PageForm(action: SiteURL.patient(patientID, .medications(.sideEffects)).path,
                                     fields: MedicationForms.sideEffectFields(sideEffectForm, choices: choices, forms.sideEffectProblems),
                                     error: PageForm.refusal(forms.sideEffectProblems)),
            teaching: teaching.map { row in
                let result = TeachBackResult(rawValue: row.result)
                return .init(when: row.taughtOn, text: result?.title ?? row.result,
                             detail: "\(row.$medication.id.flatMap { names[$0] }.map { $0 + ": " } ?? "")\(row.topic) — \(TeachingStore.learner(row)), \(TeachingMethod(rawValue: row.method)?.title.lowercased() ?? row.method)",
                             state: result == .understood ? "met" : "open")
            },
            teachingForm: PageForm(action: SiteURL.patient(patientID, .medications(.teaching)).path,
                                   fields: MedicationForms.teachingFields(teachingForm, choices: choices, forms.teachingProblems),
                                   error: PageForm.refusal(forms.teachingProblems)))
    }

    static func medicationPage(_ patient: Patient, _ record: MedicationRecord, _ medication: Medication, edit: MedicationForm, editProblems: [String: String],
                               discontinue: MedicationForms.Discontinue, discontinueProblems: [String: String], req: Request) async throws -> MedicationPage {
        let patientID = try patient.requireID()
        let medicationID = try record.requireID()
        let today = req.agencyToday
        let history = try await MedicationStore.history(of: medicationID, on: req.db)
        let base = SiteURL.patient(patientID, .medications(.medication(medicationID))).path
        let gate = try await MedicationSafetyGate(patientID: patientID, req: req)
        return MedicationPage(
            shell: PageShell(request: req, title: "\(medication.name): \(patient.listName)"),
            patientName: patient.displayName, backHref: SiteURL.patient(patientID, .medications).path,
            line: try line(record, medication, patientID: patientID, catalog: req.application.medicationCatalog, today: today, gate: gate, req: req),
            stopped: medication.stop.map { $0 < today } ?? false,
            canWrite: try await PatientAccess.may(.write, patient, req),
            edit: PageForm(action: base, fields: edit.fields(editProblems, prefix: "edit-"), error: PageForm.refusal(editProblems)),
            discontinue: PageForm(action: SiteURL.patient(patientID, .medications(.medication(medicationID, .discontinue))).path, fields: [
                .text("stop", "Last day taken", discontinue.stop ?? today.description, discontinueProblems, prefix: "dc-", type: "date"),
                .text("reason", "Why it is stopped", discontinue.reason, discontinueProblems, prefix: "dc-", wide: true),
            ], error: PageForm.refusal(discontinueProblems)),
            history: history.map { change in
                .init(when: CarePlanPages.day(change.changedAt, req), who: change.changedBy?.displayName ?? "",
                      what: change.oldValue.map { "\(change.field): \($0) → \(change.newValue ?? "")" } ?? "\(change.field): \(change.newValue ?? "")")
            })
    }

    static func line(_ record: MedicationRecord, _ medication: Medication, patientID: UUID, catalog: MedicationCatalog, today: CalendarDate,
                     gate: MedicationSafetyGate, req: Request) throws -> MedicationRow {
        let status = medication.supply?.status(on: today)
        let refill: (String, String) = switch status {
        case .none: ("", "")
        case .ok(let days)?: ("\(days) days left", "ok")
        case .due(let days)?: ("Refill due: \(days) day(s) left", "due")
        case .overdue(let days)?: ("Ran out \(days) day(s) ago", "overdue")
        }
        return MedicationRow(
            id: record.id?.uuidString.lowercased() ?? "", href: SiteURL.patient(patientID, .medications(.medication(record.id ?? UUID()))).path,
            name: [medication.name, medication.strength].compactMap { $0 }.joined(separator: " "),
            highAlert: catalog.isHighAlert(medication.name)?.title,
            sig: "\(medication.dose) \(medication.route.sigPhrase) \(medication.schedule)",
            administeredBy: medication.administeredBy.title, prescriber: medication.prescriber ?? "",
            dates: "since \(medication.start)" + (medication.stop.map { " · last day \($0)" } ?? ""),
            refill: refill.0, refillState: refill.1,
            allergyWarnings: medication.isActive(on: today) || medication.start > today
                ? gate.check.allergyFindings(for: medication.name, allergens: gate.allergens).map(\.text) : [],
            overrides: try MedicationSafetyGate.overrides(record).map { override in
                "Saved despite a safety warning by \(override.byName), \(CarePlanPages.day(override.at, req)): \(override.reason)"
            })
    }

    /// Weekly adherence over the chart's weeks, drawn as a percentage, with one line that says where it stands.
    static func adherenceTrend(checks: [AdherenceCheckRecord], given: [MedicationAdministrationRecord], from: CalendarDate,
                               to: CalendarDate) -> (chart: TrendChart?, summary: String) {
        let points = AdherenceTrend.weekly(
            checks: checks.compactMap { row in
                guard let day = CalendarDate(row.checkedOn), let result = AdherenceResult(rawValue: row.result) else { return nil }
                return AdherenceCheck(date: day, medicationName: "", result: result, note: row.note)
            },
            administrations: given.compactMap { row in
                guard let day = CalendarDate(row.givenOn), let status = AdministrationStatus(rawValue: row.status) else { return nil }
                return (date: day, status: status)
            }, from: from, to: to)
        // Four weeks rolling: one check a week would otherwise draw a 100/0 sawtooth from single observations.
        let rolling = AdherenceTrend.rolling(points, weeks: adherenceWindowWeeks)
        let readings = rolling.compactMap { point in point.rate.map { (day: point.weekStart.description, value: ($0 * 100).rounded()) } }
        guard let last = readings.last, let window = rolling.last(where: { $0.rate != nil }) else {
            return (nil, "No adherence recorded in the last \(adherenceWeeks) weeks. Check self-administered medicines at each visit; aides and nurses record the MAR.")
        }
        let taken = window.checksTaken + window.given
        return (TrendChart(title: "Doses taken as prescribed (%), \(adherenceWindowWeeks) weeks rolling", readings: readings, top: 100),
                "\(adherenceWindowWeeks) weeks to the week of \(last.day): \(TrendChart.text(last.value))% as prescribed "
                    + "(\(taken) of \(window.counted) \(window.counted == 1 ? "check or dose" : "checks and doses")).")
    }
}
