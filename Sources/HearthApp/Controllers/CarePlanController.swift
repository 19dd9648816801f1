import Fluent
import Foundation
import HearthCore
import Vapor

/// The care plan of the patient's current episode: every change is checked by HearthCore and saved as a new version.
struct CarePlanController {
    struct ProblemForm: Content { var finding: String?; var title: String? }
    struct GoalForm: Content { var problemID: String?; var what: String?; var measure: String?; var targetDate: String? }
    struct GoalStatusForm: Content { var status: String?; var reason: String? }
    struct GoalReviseForm: Content { var measure: String?; var targetDate: String?; var reason: String? }
    struct InterventionForm: Content {
        var problemID: String?; var discipline: String?; var action: String?; var frequency: String?; var prnTrigger: String?
    }
    struct FrequencyForm: Content { var frequency: String?; var prnTrigger: String? }
    struct InputForm: Content {
        var ownGoals: String?; var preferences: String?; var agreedBy: String?; var relationship: String?; var agreedOn: String?
    }
    struct DetailsForm: Content {
        var prognosis: String?
        var medications: String?
        var equipmentAndSupplies: String?
        var safetyMeasures: String?
        var nutrition: String?
        var rehabilitationPotential: String?
        var dischargePlans: String?
        var hospitalizationRisk: String?
        var functionalLimitations: [String]?
        var activitiesPermitted: [String]?
        var mentalStatus: [String]?
    }

    /// What a change handler works on: the patient, the plan, its period and today.
    struct Editing {
        var patient: Patient
        var plan: CarePlanStore.Plan
        var period: CertificationPeriod
        var today: CalendarDate
    }

    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: req.agencyToday, on: req.db)
        try await req.auditRead("careplan.read", patientID: patient.id, resourceType: "CarePlan", resourceID: plan?.record?.id?.uuidString)
        return try await page(patient, plan, CarePlanForms(), req).html
    }

    func addProblem(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(ProblemForm.self)
        var content = editing.plan.content
        let finding = try await CarePlanStore.suggestedProblems(for: editing.plan, today: editing.today, on: req.db).first { $0.problem == form.finding }
        let draft = finding.map(ProblemDraft.init(finding:)) ?? ProblemDraft(title: form.title ?? "")
        do {
            content.problems.append(try draft.problem(id: CarePlanStore.newID("p")))
        } catch {
            return try await refuse(editing, CarePlanForms(problem: error.problems, typed: ["title": form.title ?? ""]), req)
        }
        return try await commit(editing, content: content, action: "careplan.problem.add", req)
    }

    func addGoal(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(GoalForm.self)
        let draft = GoalDraft(problemID: form.problemID ?? "", what: form.what ?? "", measure: form.measure ?? "", targetDate: form.targetDate ?? "")
        var content = editing.plan.content
        do {
            content.goals.append(try draft.goal(id: CarePlanStore.newID("g"), in: editing.period, problemIDs: Set(content.problems.map(\.id))))
        } catch {
            let typed = ["goal.problemID": form.problemID ?? "", "what": draft.what, "measure": draft.measure, "targetDate": draft.typedTargetDate]
            return try await refuse(editing, CarePlanForms(goal: error.problems, typed: typed), req)
        }
        return try await commit(editing, content: content, action: "careplan.goal.add", req)
    }

    func changeGoalStatus(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(GoalStatusForm.self)
        return try await changeGoal(editing, req) { goal in
            guard let status = GoalStatus(rawValue: form.status ?? "") else { throw GoalChangeRefused("Choose the goal's new status.") }
            do { try goal.changeStatus(to: status, reason: form.reason ?? "") } catch let error as GoalError { throw GoalChangeRefused(error.description) }
        }
    }

    func reviseGoal(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(GoalReviseForm.self)
        return try await changeGoal(editing, req) { goal in
            let typedDate = (form.targetDate ?? "").trimmingCharacters(in: .whitespaces)
            let date = CalendarDate(typedDate)
            if !typedDate.isEmpty && date == nil { throw GoalChangeRefused("Enter the new target date as YYYY-MM-DD.") }
            let measure = (form.measure ?? "").trimmingCharacters(in: .whitespaces)
            do {
                try goal.revise(measure: measure.isEmpty ? nil : measure, targetDate: date, reason: form.reason ?? "", in: editing.period)
            } catch let error as GoalError { throw GoalChangeRefused(error.description) }
        }
    }

    func addIntervention(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(InterventionForm.self)
        let draft = InterventionDraft(discipline: form.discipline ?? "", action: form.action ?? "", frequency: form.frequency ?? "",
                                      prnTrigger: form.prnTrigger ?? "", problemID: form.problemID ?? "")
        var content = editing.plan.content
        do {
            var intervention = try draft.intervention(id: CarePlanStore.newID("i"), startingOnDay: startDay(editing),
                                                      problemIDs: Set(content.problems.map(\.id)))
            intervention.effectiveOn = try await interimEffectiveDay(editing, req)
            content.interventions.append(intervention)
        } catch let error as CarePlanFormError {
            let typed = ["intervention.problemID": draft.problemID, "discipline": draft.typedDiscipline, "action": draft.action,
                         "frequency": draft.typedFrequency, "prnTrigger": draft.prnTrigger]
            return try await refuse(editing, CarePlanForms(intervention: error.problems, typed: typed), req)
        }
        return try await commit(editing, content: content, action: "careplan.intervention.add", req)
    }

    /// A new frequency for one intervention: the change a physician must sign as an interim order.
    func changeFrequency(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(FrequencyForm.self)
        var content = editing.plan.content
        guard let id = req.parameters.get("itemID"), let index = content.interventions.firstIndex(where: { $0.id == id }) else { throw AppError.notFound() }
        let old = content.interventions[index]
        let draft = InterventionDraft(discipline: old.discipline.rawValue, action: old.action, frequency: form.frequency ?? "",
                                      prnTrigger: form.prnTrigger ?? "", problemID: old.problemID ?? "")
        do {
            var changed = try draft.intervention(id: id, startingOnDay: startDay(editing), problemIDs: Set(content.problems.map(\.id)))
            changed.effectiveOn = try await interimEffectiveDay(editing, req) ?? old.effectiveOn
            content.interventions[index] = changed
        } catch let error as CarePlanFormError {
            return try await refuse(editing, CarePlanForms(itemErrors: [id: error.description]), req)
        }
        return try await commit(editing, content: content, action: "careplan.frequency.change", req)
    }

    func removeIntervention(req: Request) async throws -> Response {
        let editing = try await editable(req)
        var content = editing.plan.content
        guard let id = req.parameters.get("itemID"), content.interventions.contains(where: { $0.id == id }) else { throw AppError.notFound() }
        content.interventions.removeAll { $0.id == id }
        return try await commit(editing, content: content, action: "careplan.intervention.remove", req)
    }

    func saveInput(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(InputForm.self)
        let draft = PatientInputDraft(ownGoals: form.ownGoals ?? "", preferences: form.preferences ?? "", agreedBy: form.agreedBy ?? "",
                                      relationship: form.relationship ?? "", agreedOn: form.agreedOn ?? "")
        var content = editing.plan.content
        do {
            content.patientInput = try draft.applied(to: content.patientInput, today: editing.today)
        } catch {
            let typed = ["ownGoals": draft.ownGoals, "preferences": draft.preferences, "agreedBy": draft.agreedBy,
                         "relationship": draft.relationship, "agreedOn": draft.typedAgreedOn]
            return try await refuse(editing, CarePlanForms(input: error.problems, typed: typed), req)
        }
        return try await commit(editing, content: content, action: "careplan.input.save", req)
    }

    /// The rest of the CMS-485: prognosis, mental status, limitations, activities, equipment, safety, nutrition, discharge plans.
    func saveDetails(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(DetailsForm.self)
        var problems: [String: String] = [:]
        func parse<T: RawRepresentable<String>>(_ values: [String]?, _ key: String) -> [T] {
            let parsed = (values ?? []).compactMap(T.init(rawValue:))
            if parsed.count != (values ?? []).count { problems[key] = "Tick only the choices listed." }
            return parsed
        }
        var details = PlanOfCareFields(
            functionalLimitations: parse(form.functionalLimitations, "functionalLimitations"),
            activitiesPermitted: parse(form.activitiesPermitted, "activitiesPermitted"),
            mentalStatus: parse(form.mentalStatus, "mentalStatus"))
        details.prognosis = PlanOfCareFields.Prognosis(rawValue: form.prognosis ?? "")
        if !(form.prognosis ?? "").isEmpty && details.prognosis == nil { problems["prognosis"] = "Choose a prognosis from the list." }
        let texts: [(WritableKeyPath<PlanOfCareFields, String>, String, String?)] = [
            (\.medications, "medications", form.medications), (\.equipmentAndSupplies, "equipmentAndSupplies", form.equipmentAndSupplies),
            (\.safetyMeasures, "safetyMeasures", form.safetyMeasures), (\.nutrition, "nutrition", form.nutrition),
            (\.rehabilitationPotential, "rehabilitationPotential", form.rehabilitationPotential),
            (\.dischargePlans, "dischargePlans", form.dischargePlans), (\.hospitalizationRisk, "hospitalizationRisk", form.hospitalizationRisk),
        ]
        var typed: [String: String] = ["prognosis": form.prognosis ?? ""]
        for (path, key, value) in texts {
            let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count > 4_000 { problems[key] = "Use at most 4,000 characters." }
            details[keyPath: path] = text
            typed[key] = text
        }
        guard problems.isEmpty else { return try await refuse(editing, CarePlanForms(details: problems, typed: typed), req) }
        return try await commit(editing, content: editing.plan.content, details: details, action: "careplan.details.save", req)
    }

    /// `GET …/care-plan/versions/:number`: what that version changed from the one before, and its content.
    func version(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        guard let number = req.parameters.get("number", as: Int.self),
              let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: req.agencyToday, on: req.db),
              let version = try await CarePlanStore.version(number, of: plan, on: req.db)
        else { throw AppError.notFound("There is no such version of this care plan.") }
        let new = try CarePlanStore.decode(version)
        let old = try await CarePlanStore.version(number - 1, of: plan, on: req.db).map(CarePlanStore.decode) ?? (CarePlanContent(), PlanOfCareFields())
        try await req.auditRead("careplan.version.read", patientID: patient.id, resourceType: "CarePlan", resourceID: plan.record?.id?.uuidString, detail: "version \(number)")
        let diff = CarePlanDiff(from: old.0, to: new.0)
        return CarePlanVersionPage(
            shell: PageShell(request: req, title: "Care plan version \(number): \(patient.listName)"),
            name: patient.displayName, planHref: SiteURL.patient(try patient.requireID(), .carePlan).path, number: number,
            savedBy: version.createdBy?.displayName ?? "", savedOn: CarePlanPages.day(version.createdAt, req),
            added: diff.changes.filter(\.isAddition).map(\.description), removed: diff.changes.filter(\.isRemoval).map(\.description),
            changed: diff.changes.filter { !$0.isAddition && !$0.isRemoval }.map(\.description) + old.1.changes(to: new.1),
            previousNumber: number - 1, previousHref: number > 1 ? SiteURL.patient(try patient.requireID(), .carePlan(.version(number - 1))).path : nil).html
    }

    struct VerbalOrderForm: Content { var order: String?; var readBackBy: String? }

    /// `POST …/care-plan/send`: the plan of care goes to the patient's physician for signature, once it is complete.
    func sendPlanOfCare(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let plan = editing.plan
        var missing = Array(plan.details.missingForSignature.values.sorted())
        if plan.content.goals.filter(\.status.isInForce).isEmpty { missing.insert("Add at least one measurable goal.", at: 0) }
        if plan.content.interventions.isEmpty { missing.insert("Add at least one intervention with its visit frequency.", at: 0) }
        guard let physician = try await editing.patient.$physician.get(on: req.db) else {
            return try await refuse(editing, CarePlanForms(formError: "The patient has no attending physician. Choose one on the chart (Physician, at the top: Choose physician) before sending the plan."), req)
        }
        guard missing.isEmpty else {
            return try await refuse(editing, CarePlanForms(formError: "The plan of care is not ready to sign: " + missing.joined(separator: " ")), req)
        }
        let episodeID = try plan.episode.requireID()
        let waiting = try await PhysicianOrderRecord.query(on: req.db).filter(\.$episode.$id == episodeID).filter(\.$periodNumber == editing.period.number)
            .filter(\.$kind ~~ [OrderKind.planOfCareStartOfCare.rawValue, OrderKind.planOfCareRecertification.rawValue])
            .filter(\.$status ~~ [OrderState.sent.rawValue, OrderState.signed.rawValue]).first()
        if let waiting {
            let state = waiting.status == OrderState.signed.rawValue ? "already signed" : "already waiting for signature"
            return try await refuse(editing, CarePlanForms(formError: "This period's plan of care is \(state). Changes to it are a draft: send them to the physician with \"Send the changes for signature\" at the top of the plan."), req)
        }
        let document = try await PlanOfCareDocument.make(patient: editing.patient, plan: plan, agency: req.application.settings.agencyName, today: req.agencyToday, on: req.db)
        let kind: OrderKind = editing.period.number == 1 ? .planOfCareStartOfCare : .planOfCareRecertification
        var order = try PhysicianOrder(id: UUID().uuidString, kind: kind, physician: try OrderStore.physician(physician), document: document.text)
        try order.send(at: req.now)
        let user = try req.currentUser
        let record = try OrderStore.record(order, patientID: try editing.patient.requireID(), episodeID: episodeID, physicianID: try physician.requireID(),
                                           summary: "\(kind.title), period \(editing.period.number) (version \(plan.versionNumber))",
                                           periodNumber: editing.period.number, versionID: plan.current?.id, by: user.id)
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await RecordChange(patientID: editing.patient.requireID(), field: "Physician order", from: nil, to: "sent: \(record.summary)", by: user.id).create(on: db)
            try await audit("order.send", patientID: editing.patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
        }
        return req.redirect(to: SiteURL.patient(try editing.patient.requireID(), .carePlan).path + "#orders")
    }

    /// `POST …/care-plan/verbal-orders`: an order the physician gave by phone, read back, in effect now, sent for signature.
    func recordVerbalOrder(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let form = try req.content.decode(VerbalOrderForm.self)
        let user = try req.currentUser
        guard let physician = try await editing.patient.$physician.get(on: req.db) else {
            return try await refuse(editing, CarePlanForms(formError: "The patient has no attending physician. Choose one on the chart (Physician, at the top: Choose physician) before recording a verbal order."), req)
        }
        let text = (form.order ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var order: PhysicianOrder
        do {
            order = try PhysicianOrder.verbal(id: UUID().uuidString, physician: try OrderStore.physician(physician), document: text,
                                              takenBy: user.displayName, readBackBy: form.readBackBy ?? "", at: req.now)
            try order.send(at: req.now)
        } catch {
            let field = (error as? PhysicianOrderError) == .readBackRequired ? "readBackBy" : "order"
            return try await refuse(editing, CarePlanForms(verbal: [field: String(describing: error)], typed: ["order": text, "readBackBy": form.readBackBy ?? ""]), req)
        }
        let record = try OrderStore.record(order, patientID: try editing.patient.requireID(), episodeID: try editing.plan.episode.requireID(),
                                           physicianID: try physician.requireID(), summary: "Verbal: " + text, periodNumber: editing.period.number, by: user.id)
        let clock = req.application.regulatoryClock
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await RecordChange(patientID: editing.patient.requireID(), field: "Verbal order", from: nil, to: record.summary, by: user.id).create(on: db)
            try await audit("order.verbal", patientID: editing.patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString)
            try await OrderStore.refreshDeadlines(episodeID: record.$episode.id, clock: clock, now: req.now, on: db)
        }
        return req.redirect(to: SiteURL.patient(try editing.patient.requireID(), .carePlan).path + "#orders")
    }

    /// `GET …/care-plan/print`: the plan of care with every CMS-485 field, for paper and PDF (print stylesheet).
    func print(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        guard let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: req.agencyToday, on: req.db) else {
            throw AppError.notFound("This patient has no episode, so there is no plan of care to print.")
        }
        // The printable plan of care is the version in force (the signed one); draft changes print once they are signed.
        let document = try await PlanOfCareDocument.make(patient: patient, plan: plan.followed, agency: req.application.settings.agencyName, today: req.agencyToday, on: req.db)
        let orders = try await OrderStore.ofEpisode(try plan.episode.requireID(), on: req.db)
        let signed = try orders.first { $0.status == OrderState.signed.rawValue && $0.periodNumber == plan.period?.number
            && ($0.kind == OrderKind.planOfCareStartOfCare.rawValue || $0.kind == OrderKind.planOfCareRecertification.rawValue) }
            .map { try OrderStore.decode($0) }
        try await req.auditRead("careplan.print", patientID: patient.id, resourceType: "CarePlan", resourceID: plan.record?.id?.uuidString)
        let zone = req.application.settings.agencyTimeZone
        return PlanOfCarePrintPage(
            shell: PageShell(request: req, title: "Plan of care: \(patient.listName)"),
            planHref: SiteURL.patient(try patient.requireID(), .carePlan).path, document: document, version: plan.standing.followed,
            signature: signed?.signature?.text(in: zone),
            signedDocumentDiffers: signed.map { $0.document != document.text } ?? false,
            draftNote: plan.standing.isSigned ? plan.standing.draft.map { "Draft changes (version \($0)) are not on this plan until the physician signs them." } : nil).html
    }

    // MARK: - Shared steps

    /// The first day of the period an intervention added today can use.
    /// Once the physician has the plan of care, a new or changed frequency is an interim order: its weeks count from today.
    private func interimEffectiveDay(_ editing: Editing, _ req: Request) async throws -> CalendarDate? {
        try await OrderStore.planOfCareSent(episodeID: try editing.plan.episode.requireID(), on: req.db) ? editing.today : nil
    }

    private func startDay(_ editing: Editing) -> Int { editing.period.dayOfPeriod(max(editing.today, editing.period.start)) }

    /// The plan as the user may change it, or a refusal that says why it cannot change now.
    func editable(_ req: Request) async throws -> Editing {
        let patient = try await req.patient(.write)
        let today = req.agencyToday
        let plan = try await CarePlanStore.load(patientID: try patient.requireID(), today: today, on: req.db)
        guard let plan, let period = plan.period, CarePlanPages.notice(plan) == nil else {
            throw AppError.conflict(CarePlanPages.notice(plan) ?? "This care plan cannot be changed now.")
        }
        return Editing(patient: patient, plan: plan, period: period, today: today)
    }

    struct GoalChangeRefused: Error { var message: String; init(_ message: String) { self.message = message } }

    private func changeGoal(_ editing: Editing, _ req: Request, _ change: (inout CarePlanGoal) throws -> Void) async throws -> Response {
        var content = editing.plan.content
        guard let id = req.parameters.get("itemID"), let index = content.goals.firstIndex(where: { $0.id == id }) else { throw AppError.notFound() }
        do { try change(&content.goals[index]) } catch let refused as GoalChangeRefused {
            return try await refuse(editing, CarePlanForms(itemErrors: [id: refused.message]), req)
        }
        return try await commit(editing, content: content, action: "careplan.goal.change", req)
    }

    /// Saves the next version, or re-renders the page with what stands in the way.
    private func commit(_ editing: Editing, content: CarePlanContent, details: PlanOfCareFields? = nil, action: String, _ req: Request) async throws -> Response {
        let issues = content.issues(in: editing.period)
        guard issues.isEmpty else {
            return try await refuse(editing, CarePlanForms(formError: issues.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")), req)
        }
        let user = try req.currentUser
        let plan = editing.plan
        do {
            // A new version is a draft: the signed version stays in force until the changes are sent and signed (Send changes).
            try await CarePlanStore.save(plan, content: content, details: details ?? plan.details, action: action, by: user, on: req)
        } catch AppError.conflict(let message) {
            return try await refuse(editing, CarePlanForms(formError: message), req, status: .conflict)
        }
        return req.redirect(to: SiteURL.patient(try editing.patient.requireID(), .carePlan).path)
    }

    func refuse(_ editing: Editing, _ forms: CarePlanForms, _ req: Request, status: HTTPStatus = .unprocessableEntity) async throws -> Response {
        try await page(editing.patient, editing.plan, forms, req).html.encodeResponse(status: status, for: req)
    }

    private func page(_ patient: Patient, _ plan: CarePlanStore.Plan?, _ forms: CarePlanForms, _ req: Request) async throws -> CarePlanPage {
        let user = try req.currentUser
        let permissions = try await req.permissions(on: patient)
        let canWrite = permissions.allows(.write)
        return try await CarePlanPages.page(patient, plan, forms: forms, canWrite: canWrite, req: req)
    }
}

/// One version of the plan against the one before: added, removed and changed, in sentences.
struct CarePlanVersionPage: Encodable, Sendable {
    var shell: PageShell
    var name: String
    var planHref: String
    var number: Int
    var savedBy: String
    var savedOn: String
    var added: [String]
    var removed: [String]
    var changed: [String]
    var previousNumber: Int
    var previousHref: String?
}

extension CarePlanDiff.Change {
    var isAddition: Bool {
        switch self {
        case .problemAdded, .goalAdded, .interventionAdded, .agreementAdded: true
        default: false
        }
    }

    var isRemoval: Bool {
        switch self {
        case .problemRemoved, .goalRemoved, .interventionRemoved: true
        default: false
        }
    }
}
