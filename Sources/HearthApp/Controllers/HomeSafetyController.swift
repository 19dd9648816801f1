import Fluent
import Foundation
import HearthCore
import Vapor

/// The home safety tab: a room-by-room walk-through, then one finding per hazard (who fixes it, by when), tracked
/// until resolved or the risk is accepted. Open moderate and high hazards suggest the care plan's
/// "Home safety / fall risk" problem.
struct HomeSafetyController {
    /// `GET /patients/:id/home-safety`.
    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("home_safety.read", patientID: patient.id, resourceType: "HomeSafety")
        return try await page(patient, refused: nil, req).html
    }

    /// `GET /patients/:id/home-safety/evaluate`: the checklist, area by area.
    func evaluateForm(req: Request) async throws -> HTML {
        let patient = try await req.patient(.document)
        let today = req.agencyToday
        return try evaluationPage(patient, answers: [:], day: today.description, problems: [:], req).html
    }

    /// `POST /patients/:id/home-safety/evaluate`: saves a complete walk-through, then asks for the findings.
    func evaluate(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        let fields = FormBody.parse(req.body.string).compactMapValues(\.last)
        let checklist = req.application.homeSafetyChecklist
        let today = req.agencyToday
        let day = CalendarDate(fields["evaluatedOn"] ?? "")
        var evaluation = HomeSafetyEvaluation(checklistVersion: checklist.version, evaluatedOn: day ?? today,
                                              roomNotes: Dictionary(uniqueKeysWithValues: HomeSafetyArea.allCases.map { ($0.rawValue, fields["room.\($0.rawValue)"] ?? "") }))
        for item in checklist.items {
            if let answer = fields["answer.\(item.id)"].flatMap(HomeSafetyAnswer.init(rawValue:)) {
                evaluation.answer(item.id, answer, note: fields["note.\(item.id)"] ?? "")
            }
        }
        var problems = evaluation.problems(against: checklist, today: today)
        if day == nil { problems["evaluatedOn"] = "Enter the day of the walk-through as YYYY-MM-DD." }
        guard problems.isEmpty else {
            return try await evaluationPage(patient, answers: fields, day: fields["evaluatedOn"] ?? "", problems: problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let hazards = evaluation.hazards(in: checklist).count
        let row = HomeSafetyEvaluationRecord()
        row.$patient.id = try patient.requireID()
        row.$evaluatedBy.id = try req.currentUser.id
        row.findingsRecorded = hazards == 0
        try HomeSafetyStore.store(evaluation, hazards: hazards, in: row)
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("home_safety.evaluate", patientID: patient.id, resourceType: "HomeSafetyEvaluation", resourceID: row.id?.uuidString,
                                detail: "\(hazards) hazards")
        }
        let page: HomeSafetyURL = hazards == 0 ? .overview : .findings(evaluation: try row.requireID())
        return req.redirect(to: .patient(try patient.requireID(), .homeSafety(page)))
    }

    /// `GET /patients/:id/home-safety/evaluations/:evaluationID/findings`: one finding form per hazard, filled in from the checklist.
    func findingsForm(req: Request) async throws -> HTML {
        let (patient, row, evaluation) = try await evaluation(req)
        try await req.auditRead("home_safety.read", patientID: patient.id, resourceType: "HomeSafetyEvaluation", resourceID: row.id?.uuidString)
        let drafts = evaluation.findingDrafts(in: req.application.homeSafetyChecklist)
        return try findingsPage(patient, row, drafts: drafts, problems: [:], req).html
    }

    /// `POST …/findings`: every hazard's finding at once; any problem re-renders the form and saves nothing.
    func recordFindings(req: Request) async throws -> Response {
        let (patient, row, evaluation) = try await evaluation(req)
        guard !row.findingsRecorded else { throw AppError.conflict("The findings of this evaluation are already recorded.") }
        let fields = FormBody.parse(req.body.string).compactMapValues(\.last)
        let checklist = req.application.homeSafetyChecklist
        let today = req.agencyToday
        let drafts = evaluation.hazards(in: checklist).map { item in
            let value = { (field: String) in fields["\(item.id).\(field)"] ?? "" }
            return HomeSafetyFindingDraft(itemID: item.id, severity: value("severity"), modification: value("modification"), responsible: value("responsible"),
                                          responsibleName: value("responsibleName"), followUpOn: value("followUpOn"), note: value("note"))
        }
        var problems: [String: String] = [:]
        for draft in drafts {
            for (field, message) in draft.problems(in: checklist, today: today) { problems["\(draft.itemID).\(field)"] = message }
        }
        let findings = drafts.compactMap { $0.finding(id: UUID().uuidString, in: checklist, foundOn: evaluation.evaluatedOn, today: today) }
        guard problems.isEmpty, findings.count == drafts.count else {
            return try await findingsPage(patient, row, drafts: drafts, problems: problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let rows = try findings.map { finding in
            let record = HomeSafetyFindingRecord()
            record.id = UUID(uuidString: finding.id)
            record.$patient.id = try patient.requireID()
            record.$evaluation.id = row.id
            try HomeSafetyStore.store(finding, in: record)
            return record
        }
        row.findingsRecorded = true
        try await req.auditedWrite { db, audit in
            try await rows.create(on: db)
            try await row.save(on: db)
            try await audit("home_safety.findings", patientID: patient.id, resourceType: "HomeSafetyEvaluation", resourceID: row.id?.uuidString,
                                detail: "\(rows.count) findings")
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .homeSafety).path + "#open-findings")
    }

    /// `POST /patients/:id/home-safety/findings/:findingID`: resolve, accept the risk, or move the follow-up day.
    func changeFinding(req: Request) async throws -> Response {
        let patient = try await req.patient(.document)
        guard let id = req.parameters.get("findingID", as: UUID.self), let row = try await HomeSafetyFindingRecord.find(id, on: req.db),
              row.$patient.id == patient.id else { throw AppError.notFound("That finding does not exist.") }
        struct Form: Content { var action: String?; var note: String?; var photoDescription: String?; var followUpOn: String? }
        let form = try req.content.decode(Form.self)
        var finding = try HomeSafetyStore.finding(row)
        let today = req.agencyToday
        let who = try req.currentUser.displayName
        do {
            switch form.action {
            case "resolve": try finding.resolve(note: form.note ?? "", photoDescription: form.photoDescription ?? "", on: today, by: who)
            case "accept_risk": try finding.acceptRisk(reason: form.note ?? "", on: today, by: who)
            case "reschedule":
                guard let day = CalendarDate(form.followUpOn ?? "") else { throw AppError.invalidInput("Enter the new follow-up date as YYYY-MM-DD.") }
                try finding.reschedule(to: day, today: today)
            default: throw AppError.badRequest("Choose resolve, accept the risk, or a new follow-up date.")
            }
        } catch let error as HomeSafetyFindingError {
            let typed = HomeSafetyPage.Refused(message: error.description, action: form.action ?? "", note: form.note ?? "",
                                               photoDescription: form.photoDescription ?? "", followUpOn: form.followUpOn ?? "")
            return try await page(patient, refused: (id.uuidString.lowercased(), typed), req).html.encodeResponse(status: .unprocessableEntity, for: req)
        }
        try HomeSafetyStore.store(finding, in: row)
        let change = RecordChange(patientID: row.$patient.id, field: "Home hazard: \(finding.hazard)", from: HomeSafetyFindingState.open.title,
                                  to: finding.state == .open ? "follow-up \(finding.followUpOn)" : finding.state.title, by: try req.currentUser.id)
        try await req.auditedWrite { db, audit in
            try await row.save(on: db)
            try await change.create(on: db)
            try await audit("home_safety.\(form.action ?? "")", patientID: patient.id, resourceType: "HomeSafetyFinding", resourceID: id.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .homeSafety).path + "#open-findings")
    }

    private func evaluation(_ req: Request) async throws -> (Patient, HomeSafetyEvaluationRecord, HomeSafetyEvaluation) {
        let patient = try await req.patient(.document)
        guard let id = req.parameters.get("evaluationID", as: UUID.self), let row = try await HomeSafetyEvaluationRecord.find(id, on: req.db),
              row.$patient.id == patient.id else { throw AppError.notFound("That evaluation does not exist.") }
        return (patient, row, try HomeSafetyStore.evaluation(row))
    }

    /// `refused`: a refused change to one finding (its id), with the message and what was typed, shown again on it.
    private func page(_ patient: Patient, refused: (findingID: String, form: HomeSafetyPage.Refused)?, _ req: Request) async throws -> HomeSafetyPage {
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let findings = try await HomeSafetyStore.findings(patientIDs: [patientID], on: req.db)
        let summary = HomeSafetySummary(findings: findings.map(\.1), on: today)
        let evaluations = try await HomeSafetyEvaluationRecord.query(on: req.db).filter(\.$patient.$id == patientID).with(\.$evaluatedBy)
            .sort(\.$evaluatedOn, .descending).sort(\.$createdAt, .descending).limit(50).all()
        let checklist = req.application.homeSafetyChecklist
        let base: (HomeSafetyURL) -> String = { SiteURL.patient(patientID, .homeSafety($0)).path }
        let line = { (finding: HomeSafetyFinding) in
            HomeSafetyPage.Finding(
                id: finding.id.lowercased(), action: base(.finding(finding.id.lowercased())), area: finding.area.title, hazard: finding.hazard,
                severity: finding.severity.title, severityClass: finding.severity == .high ? "overdue" : finding.severity == .moderate ? "due_soon" : "met",
                modification: finding.modification,
                responsible: finding.responsibleName.map { "\(finding.responsible.title): \($0)" } ?? finding.responsible.title,
                followUp: finding.followUpOn.description, overdue: finding.isOverdue(on: today), note: finding.note,
                closure: finding.closure.map { "\(finding.state.title) on \($0.on) by \($0.by): \($0.note)" + ($0.photoDescription.map { " (photo: \($0))" } ?? "") },
                refused: refused?.findingID == finding.id.lowercased() ? refused?.form : nil)
        }
        let closed = findings.map(\.1).filter { $0.state != .open }.sorted { ($0.closure?.on ?? $0.foundOn) > ($1.closure?.on ?? $1.foundOn) }
        return HomeSafetyPage(
            shell: PageShell(request: req, title: "Home safety: \(patient.listName)"),
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path(anchor: "safety"), evaluateHref: base(.evaluate),
            // A closed finding has no form to show the refusal beside, so it goes at the top.
            error: refused.flatMap { r in summary.open.contains { $0.id.lowercased() == r.findingID } ? nil : r.form.message },
            canDocument: try await PatientAccess.may(.document, patient, req), headline: summary.headline, today: today.description,
            carePlan: summary.carePlanProblem.map { "Open moderate and high hazards suggest the care plan problem “\(HomeSafetyProblemSuggestion.title)”: "
                + $0.hazards.joined(separator: ", ") + "." },
            carePlanHref: SiteURL.patient(patientID, .carePlan).path,
            open: summary.open.map(line), closed: closed.map(line),
            evaluations: try evaluations.map { row in
                let evaluation = try HomeSafetyStore.evaluation(row)
                let counts = evaluation.counts(in: checklist)
                return .init(day: row.evaluatedOn, by: row.evaluatedBy?.displayName ?? "",
                             counts: "\(counts[.safe] ?? 0) safe, \(counts[.hazard] ?? 0) hazards, \(counts[.notApplicable] ?? 0) not applicable",
                             pending: row.findingsRecorded ? nil : base(.findings(evaluation: try row.requireID())))
            })
    }

    private func evaluationPage(_ patient: Patient, answers: [String: String], day: String, problems: [String: String], _ req: Request) throws -> HomeSafetyEvaluationPage {
        let patientID = try patient.requireID()
        let checklist = req.application.homeSafetyChecklist
        return HomeSafetyEvaluationPage(
            shell: PageShell(request: req, title: "Home safety evaluation: \(patient.listName)"),
            name: patient.displayName, backHref: SiteURL.patient(patientID, .homeSafety).path, action: SiteURL.patient(patientID, .homeSafety(.evaluate)).path,
            day: day, dayError: problems["evaluatedOn"], version: checklist.version,
            error: problems.isEmpty ? nil : "\(problems.count) answer\(problems.count == 1 ? " needs" : "s need") attention; each is marked below.",
            areas: HomeSafetyArea.allCases.map { area in
                .init(id: area.rawValue, title: area.title, note: answers["room.\(area.rawValue)"] ?? "", noteError: problems["roomNotes.\(area.rawValue)"],
                      items: checklist.items(in: area).map { item in
                          .init(id: item.id, question: item.question, hazard: item.hazard, severity: item.severity.title,
                                answer: answers["answer.\(item.id)"] ?? "", note: answers["note.\(item.id)"] ?? "",
                                error: problems["answers.\(item.id)"] ?? problems["itemNotes.\(item.id)"])
                      })
            })
    }

    private func findingsPage(_ patient: Patient, _ row: HomeSafetyEvaluationRecord, drafts: [HomeSafetyFindingDraft], problems: [String: String],
                              _ req: Request) throws -> HomeSafetyFindingsPage {
        let patientID = try patient.requireID()
        let checklist = req.application.homeSafetyChecklist
        let parties = ResponsibleParty.allCases.map { (value: $0.rawValue, label: $0.title) }
        let severities = HazardSeverity.allCases.map { (value: $0.rawValue, label: $0.title) }
        return HomeSafetyFindingsPage(
            shell: PageShell(request: req, title: "Home hazards found: \(patient.listName)"),
            name: patient.displayName, backHref: SiteURL.patient(patientID, .homeSafety).path, day: row.evaluatedOn,
            action: SiteURL.patient(patientID, .homeSafety(.findings(evaluation: try row.requireID()))).path,
            error: problems.isEmpty ? nil : "Some findings need attention; each is marked below. Nothing was saved.",
            hazards: drafts.map { draft in
                let item = checklist.item(draft.itemID)
                let p = Dictionary(uniqueKeysWithValues: problems.compactMap { key, value in
                    key.hasPrefix(draft.itemID + ".") ? (String(key.dropFirst(draft.itemID.count + 1)), value) : nil
                })
                let prefix = draft.itemID + "-"
                var fields: [InputField] = [
                    .select("severity", "Severity", draft.severity, severities, p, prefix: prefix),
                    .select("responsible", "Who makes the change", draft.responsible, parties, p, prefix: prefix),
                    .text("responsibleName", "Name (person or company)", draft.responsibleName, p, prefix: prefix, hint: "e.g. daughter Maria, Acme Medical Supply"),
                    .text("followUpOn", "Follow up by", draft.followUpOn, p, prefix: prefix, type: "date"),
                    .text("modification", "Recommended modification", draft.modification, p, prefix: prefix, wide: true),
                    .text("note", "Where and what you saw", draft.note, p, prefix: prefix, wide: true),
                ]
                for index in fields.indices { fields[index].name = draft.itemID + "." + fields[index].name }
                return .init(id: draft.itemID, area: item?.area.title ?? "", hazard: item?.hazard ?? draft.itemID, fields: fields)
            })
    }
}

struct HomeSafetyPage: Encodable, Sendable {
    struct Finding: Encodable, Sendable {
        var id: String
        var action: String
        var area: String
        var hazard: String
        var severity: String
        var severityClass: String
        var modification: String
        var responsible: String
        var followUp: String
        var overdue: Bool
        var note: String?
        var closure: String?
        var refused: Refused?
    }

    struct Refused: Encodable, Sendable {
        var message: String
        var action: String
        var note: String
        var photoDescription: String
        var followUpOn: String
    }

    struct Evaluation: Encodable, Sendable {
        var day: String
        var by: String
        var counts: String
        var pending: String?
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var evaluateHref: String
    var error: String?
    var canDocument: Bool
    var headline: String
    var today: String
    var carePlan: String?
    var carePlanHref: String
    var open: [Finding]
    var closed: [Finding]
    var evaluations: [Evaluation]
}

struct HomeSafetyEvaluationPage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var id: String
        var question: String
        var hazard: String
        var severity: String
        var answer: String
        var note: String
        var error: String?
    }

    struct Area: Encodable, Sendable {
        var id: String
        var title: String
        var note: String
        var noteError: String?
        var items: [Item]
    }

    var shell: PageShell
    var name: String
    var backHref: String
    var action: String
    var day: String
    var dayError: String?
    var version: String
    var error: String?
    var areas: [Area]
}

struct HomeSafetyFindingsPage: Encodable, Sendable {
    struct Hazard: Encodable, Sendable {
        var id: String
        var area: String
        var hazard: String
        var fields: [InputField]
    }

    var shell: PageShell
    var name: String
    var backHref: String
    var day: String
    var action: String
    var error: String?
    var hazards: [Hazard]
}
