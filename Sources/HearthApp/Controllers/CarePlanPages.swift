import Fluent
import Foundation
import HearthCore
import Vapor

/// Builds the care plan page from the stored plan and the forms as typed.
enum CarePlanPages {
    static func page(_ patient: Patient, _ plan: CarePlanStore.Plan?, forms: CarePlanForms, canWrite: Bool, req: Request) async throws -> CarePlanPage {
        let patientID = try patient.requireID()
        let base: (CarePlanURL) -> String = { SiteURL.patient(patientID, .carePlan($0)).path }
        let content = plan?.content ?? CarePlanContent()
        var suggestions: [AssessmentFinding] = [], versions: [CarePlanVersionRecord] = [], orders: [PhysicianOrderRecord] = []
        if let plan {
            suggestions = try await CarePlanStore.suggestedProblems(for: plan, today: req.agencyToday, on: req.db)
            versions = try await CarePlanStore.versions(of: plan, on: req.db)
            orders = try await OrderStore.ofEpisode(try plan.episode.requireID(), on: req.db)
        }
        let zone = req.application.settings.agencyTimeZone
        let hazards = try await HomeSafetyStore.findings(patientIDs: [patientID], openOnly: true, on: req.db).map(\.1)
            .sorted { ($1.severity, $0.followUpOn) < ($0.severity, $1.followUpOn) }
            .map { "\($0.hazard) (\($0.severity.rawValue); \($0.responsible.title.lowercased()) to fix; follow-up \($0.followUpOn))" }
        let physician = try await patient.$physician.get(on: req.db)
        let notice = notice(plan)
        let editable = canWrite && notice == nil
        let problemChoices = content.problems.map { (value: $0.id, label: $0.title) }
        let t = forms.typed
        let shell = PageShell(request: req, title: "Care plan: \(patient.listName)")
        let csrf = editable ? shell.csrfToken : nil
        var standing = CarePlanPage.Standing(physician: physician?.displayName ?? "the physician")
        if let plan { standing = try await Self.standing(plan, physician: standing.physician, base: base, canSend: editable, req: req) }
        var page = CarePlanPage(
            shell: shell,
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#care-plan", printHref: SiteURL.patient(patientID, .carePlan(.print)).path,
            physician: physician?.displayName ?? "none assigned",
            period: plan?.period.map { "Period \($0.number) · \($0.start) – \($0.end)" },
            notice: notice, canWrite: editable, version: plan?.versionNumber ?? 0,
            savedBy: versions.first.map { "\($0.createdBy?.displayName ?? "someone") on \(Self.day($0.createdAt, req))" },
            problems: content.problems.map { problem in
                let isHomeSafety = problem.source == .finding(code: HomeSafetyProblemSuggestion.problemCode, instrumentID: "home-safety-checklist")
                    || problem.title == HomeSafetyProblemSuggestion.title
                return CarePlanPage.Problem(id: problem.id, title: problem.title, source: source(problem.source),
                      hazards: isHomeSafety ? hazards : [], hazardsHref: isHomeSafety ? SiteURL.patient(patientID, .homeSafety).path + "#open-findings" : nil,
                      goals: content.goals(for: problem.id).map { goal($0, base: base, error: forms.itemErrors[$0.id]) },
                      interventions: content.interventions.filter { $0.problemID == problem.id }
                          .map { intervention($0, base: base, error: forms.itemErrors[$0.id], csrf: csrf) })
            },
            generalInterventions: content.interventions.filter { $0.problemID == nil }.map { intervention($0, base: base, error: forms.itemErrors[$0.id], csrf: csrf) },
            weekNumbers: Array(1...9), visits: visits(content),
            patientInput: content.patientInput,
            versions: versions.map { version in
                .init(number: version.version, when: Self.day(version.createdAt, req), who: version.createdBy?.displayName ?? "",
                      summary: version.changeSummary.split(separator: "\n").map(String.init), href: SiteURL.patient(patientID, .carePlan(.version(version.version))).path)
            },
            hasErrors: forms.hasErrors, formError: forms.formError,
            actions: .init(problems: base(.problems), goals: base(.goals), interventions: base(.interventions),
                           input: base(.input), details: base(.details)),
            problemFields: [
                .select("finding", "Suggested by an assessment", t["finding"],
                        suggestions.map { (value: $0.problem, label: "\($0.title) — \($0.reason)") }, forms.problem, prefix: "problem-"),
                .text("title", "Or name the problem", t["title"], forms.problem, prefix: "problem-", wide: true),
            ],
            goalFields: [
                .select("problemID", "Problem", t["goal.problemID"], problemChoices, forms.goal, prefix: "goal-"),
                .text("what", "What the patient will achieve", t["what"], forms.goal, prefix: "goal-", wide: true),
                .text("measure", "How it is measured (target value or behaviour)", t["measure"], forms.goal, prefix: "goal-", wide: true),
                .text("targetDate", "Target date", t["targetDate"], forms.goal, prefix: "goal-", type: "date",
                      hint: plan?.period.map { "By \($0.end), the end of this certification period." }),
            ],
            interventionFields: [
                .select("problemID", "Problem (optional)", t["intervention.problemID"], problemChoices, forms.intervention, prefix: "intervention-"),
                .select("discipline", "Discipline", t["discipline"], Discipline.allCases.map { (value: $0.rawValue, label: "\($0.rawValue) — \($0.title)") },
                        forms.intervention, prefix: "intervention-"),
                .text("action", "What will be done", t["action"], forms.intervention, prefix: "intervention-", wide: true),
                .text("frequency", "Frequency", t["frequency"], forms.intervention, prefix: "intervention-",
                      hint: "Agency notation: 2w4, 1w5, 3prn (visits a week × weeks; a cap of PRN visits)."),
                .text("prnTrigger", "PRN visits are for (signs or symptoms)", t["prnTrigger"], forms.intervention, prefix: "intervention-", wide: true),
            ],
            inputFields: [
                InputField(id: "input-ownGoals", name: "ownGoals", label: "The patient's goals in their own words", type: "textarea",
                           value: t["ownGoals"] ?? content.patientInput.ownGoals, error: forms.input["ownGoals"], wide: true),
                InputField(id: "input-preferences", name: "preferences", label: "Preferences (times, language, who is present, what they decline)",
                           type: "textarea", value: t["preferences"] ?? content.patientInput.preferences, error: forms.input["preferences"], wide: true),
                .text("agreedBy", "Agreed by (name)", t["agreedBy"], forms.input, prefix: "input-"),
                .text("relationship", "Who they are", t["relationship"], forms.input, prefix: "input-", hint: "patient, daughter, health care proxy…"),
                .text("agreedOn", "Agreed on", t["agreedOn"], forms.input, prefix: "input-", type: "date"),
            ],
            detailFields: detailFields(plan?.details ?? PlanOfCareFields(), typed: t, problems: forms.details),
            detailChecks: detailChecks(plan?.details ?? PlanOfCareFields(), problems: forms.details),
            orders: try orders.map { record in
                let order = try OrderStore.decode(record)
                return .init(href: SiteURL.order(try record.requireID()).path, summary: record.summary, status: order.state.rawValue,
                             statusTitle: order.state.title, physician: record.physician.displayName,
                             sent: order.sentAt.map { CalendarDate($0, in: zone).description } ?? "",
                             returned: order.state == .rejected ? order.rejections.last?.comment : nil)
            },
            sendAction: base(.send), verbalAction: base(.verbalOrders),
            verbalFields: [
                InputField(id: "verbal-order", name: "order", label: "The order as the physician gave it", type: "textarea",
                           value: t["order"] ?? "", error: forms.verbal["order"], wide: true),
                .text("readBackBy", "Read back to (the physician or their nurse)", t["readBackBy"], forms.verbal, prefix: "verbal-"),
            ],
            verbalOpen: !forms.verbal.isEmpty
        )
        page.standing = standing
        return page
    }

    /// The lines at the top of the plan: the signed version in force, the one awaiting signature, the draft's unsent changes.
    static func standing(_ plan: CarePlanStore.Plan, physician: String, base: (CarePlanURL) -> String, canSend: Bool, req: Request) async throws -> CarePlanPage.Standing {
        let zone = req.application.settings.agencyTimeZone
        let s = plan.standing
        var standing = CarePlanPage.Standing(physician: physician)
        guard s.current > 0 else { return standing }
        func day(_ date: Date?) -> String { date.map { CalendarDate($0, in: zone).description } ?? "" }
        if let signed = s.inForce {
            standing.inForce = "Version \(signed.version), signed by \(signed.physicianName) on \(day(signed.signedAt)) — in force: visits, aide tasks and the printable plan follow it."
        } else {
            standing.notSigned = "Not yet signed by the physician: version \(s.current) is a draft. Until the plan of care is signed, visits are booked from this draft under the physician's referral and verbal orders."
        }
        if let awaiting = s.awaiting {
            standing.awaiting = "Version \(awaiting.version) sent to \(awaiting.physicianName) on \(day(awaiting.sentAt)) — awaiting signature"
                + (s.inForce.map { "; version \($0.version) stays in force until then." } ?? ".")
        }
        if s.hasUnsentChanges, let from = s.changesFrom {
            standing.draft = "Draft changes, not yet signed (version \(s.current)): send them to \(physician)."
                + (s.inForce.map { " Version \($0.version) stays in force until they are signed." } ?? "")
            standing.changes = try await OrderStore.changes(from: from, of: plan, on: req.db)
            standing.sendChangesAction = canSend ? base(.sendChanges) : nil
        }
        return standing
    }

    /// Why the plan cannot be changed now, or nil.
    static func notice(_ plan: CarePlanStore.Plan?) -> String? {
        guard let plan else { return "No episode yet. Record the referral and the start of care on the chart; the plan covers a certification period." }
        if !plan.domain.status.isOpen { return "This episode is \(plan.domain.status.title.lowercased()); its care plan can be read but not changed." }
        if plan.period == nil { return "Record the start of care on the chart first: the plan covers the certification period that starts then." }
        return nil
    }

    static func source(_ source: CarePlanProblem.Source) -> String {
        switch source {
        case .manual: "added by hand"
        case .finding(_, "home-safety-checklist"): "from the home safety evaluation"
        case .finding(_, let instrumentID): "from the \(instrumentID.uppercased()) assessment"
        }
    }

    static func goal(_ goal: CarePlanGoal, base: (CarePlanURL) -> String, error: String?) -> CarePlanPage.Goal {
        CarePlanPage.Goal(
            id: goal.id, what: goal.what, measure: goal.measure, targetDate: goal.targetDate.description,
            status: goal.status.rawValue, statusTitle: goal.status.title, statusReason: goal.statusReason,
            statusAction: base(.goal(goal.id, .status)), reviseAction: base(.goal(goal.id, .revise)),
            nextStatuses: goal.status.next.filter { $0 != .revised }.map { FieldOption(value: $0.rawValue, label: $0.title, selected: false) },
            canRevise: goal.status.next.contains(.revised), error: error)
    }

    static func intervention(_ item: CarePlanIntervention, base: (CarePlanURL) -> String, error: String?, csrf: String?) -> CarePlanPage.Intervention {
        CarePlanPage.Intervention(id: item.id, discipline: item.discipline.rawValue, action: item.action, frequency: item.frequency.description,
                                  prnTrigger: item.prnTrigger, frequencyAction: base(.intervention(item.id, .frequency)),
                                  removeAction: base(.intervention(item.id, .remove)), error: error, csrfToken: csrf)
    }

    /// Visits per week of the period, by discipline: what the schedule and the authorization will need.
    static func visits(_ content: CarePlanContent) -> [CarePlanPage.Visits] {
        Discipline.allCases.compactMap { discipline in
            let items = content.interventions.filter { $0.discipline == discipline }
            guard !items.isEmpty else { return nil }
            let weeks = (1...9).map { week in items.reduce(VisitCount.zero) { $0 + $1.frequency.visits(inWeek: week) } }
            let prn = items.compactMap(\.frequency.prnCap).reduce(0, +)
            return .init(discipline: discipline.rawValue, weeks: weeks.map { $0 == .zero ? "" : $0.description },
                         total: items.reduce(VisitCount.zero) { $0 + $1.frequency.scheduledVisits }.description,
                         prn: prn == 0 ? "" : "up to \(prn)")
        }
    }

    static func detailFields(_ details: PlanOfCareFields, typed t: [String: String], problems: [String: String]) -> [InputField] {
        func area(_ name: String, _ label: String, _ value: String) -> InputField {
            InputField(id: "details-" + name, name: name, label: label, type: "textarea", value: t[name] ?? value, error: problems[name], wide: true)
        }
        return [
            .select("prognosis", "Prognosis (box 20)", t["prognosis"] ?? details.prognosis?.rawValue,
                    PlanOfCareFields.Prognosis.allCases.map { (value: $0.rawValue, label: $0.title) }, problems, prefix: "details-"),
            area("medications", "Medications: dose, frequency, route (box 10)", details.medications),
            area("equipmentAndSupplies", "DME and supplies (box 14)", details.equipmentAndSupplies),
            area("safetyMeasures", "Safety measures (box 15)", details.safetyMeasures),
            area("nutrition", "Nutritional requirements (box 16)", details.nutrition),
            area("rehabilitationPotential", "Rehabilitation potential (box 22)", details.rehabilitationPotential),
            area("dischargePlans", "Discharge plans (box 22)", details.dischargePlans),
            area("hospitalizationRisk", "Risk of emergency visits and readmission, and what is done about it", details.hospitalizationRisk),
        ]
    }

    static func detailChecks(_ details: PlanOfCareFields, problems: [String: String]) -> [CarePlanPage.CheckGroup] {
        func options<T: RawRepresentable<String> & Equatable>(_ all: [T], _ chosen: [T], _ title: (T) -> String) -> [FieldOption] {
            all.map { FieldOption(value: $0.rawValue, label: title($0), selected: chosen.contains($0)) }
        }
        return [
            .init(name: "functionalLimitations[]", legend: "Functional limitations (box 18A)",
                  options: options(PlanOfCareFields.FunctionalLimitation.allCases, details.functionalLimitations, \.title), error: problems["functionalLimitations"]),
            .init(name: "activitiesPermitted[]", legend: "Activities permitted (box 18B)",
                  options: options(PlanOfCareFields.ActivityPermitted.allCases, details.activitiesPermitted, \.title), error: problems["activitiesPermitted"]),
            .init(name: "mentalStatus[]", legend: "Mental status (box 19)",
                  options: options(PlanOfCareFields.MentalStatus.allCases, details.mentalStatus, \.title), error: problems["mentalStatus"]),
        ]
    }

    static func day(_ date: Date?, _ req: Request) -> String {
        date.map { CalendarDate($0, in: req.application.settings.agencyTimeZone).description } ?? ""
    }
}
