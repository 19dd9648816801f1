import Foundation
import HearthCore
import Vapor

/// The stay review page's forms, each with its typing kept and its reasons by the fields when refused.
extension StayReviewPageBuilder {
    func reviewForm(_ forms: StayReviewForms, id: UUID, suggestion: NextReviewSuggestion, latest: StayReview?) -> PageForm {
        let nowValue = HospitalController.formValue(req.now, zone: zone)
        let f = forms.review ?? .init(kind: latest == nil ? ReviewKind.admission.rawValue : ReviewKind.concurrent.rawValue, reviewedAt: nowValue,
                                      levelOfCare: stay.facts.currentStatus.rawValue, criteriaSource: latest?.criteriaSource ?? "hearth-cms",
                                      drg: latest?.drg, procedureCodes: latest?.procedureCodes, nextReview: suggestion.day.description)
        let p = forms.problems(for: "review")
        return PageForm(action: SiteURL.stayReview(id, .reviews).path, fields: [
            .select("kind", "Review", f.kind, ReviewKind.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "r-"),
            .text("reviewedAt", "Reviewed at", f.reviewedAt, p, prefix: "r-", type: "datetime-local"),
            .select("levelOfCare", "Level of care reviewed", f.levelOfCare, StayStatus.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "r-"),
            .select("criteriaSource", "Criteria", f.criteriaSource, rules.criteriaSources.map { ($0.id, $0.name) }, p, prefix: "r-"),
            .select("criteriaMet", "Criteria met?", f.criteriaMet, [("met", "Met"), ("not_met", "Not met")], p, prefix: "r-"),
            .text("drg", "Working MS-DRG", f.drg, p, prefix: "r-", hint: "e.g. 291; sets LOS vs GMLOS", inputMode: "numeric"),
            .text("procedureCodes", "Procedures (CPT)", f.procedureCodes, p, prefix: "r-", hint: "Checked against the inpatient-only list"),
            .text("nextReview", "Next review", f.nextReview, p, prefix: "r-", type: "date"),
            InputField(id: "r-evidence", name: "evidence", label: "Evidence", type: "textarea", value: f.evidence ?? "", error: p["evidence"],
                       hint: "What the finding rests on: vital signs, treatments, the physician's documented expectation", wide: true),
        ], error: PageForm.refusal(p))
    }

    func payerForm(_ forms: StayReviewForms, id: UUID) -> PageForm {
        let f = forms.payer ?? .init(communicatedAt: HospitalController.formValue(req.now, zone: zone), method: PayerContactMethod.portal.rawValue, clinicalsSent: "yes")
        let p = forms.problems(for: "payer")
        var clinicals = InputField.checkbox("clinicalsSent", "Clinicals sent", checked: f.clinicalsSent.isTicked, prefix: "p-")
        clinicals.error = p["clinicalsSent"]
        return PageForm(action: SiteURL.stayReview(id, .payer).path, fields: [
            .text("communicatedAt", "When", f.communicatedAt, p, prefix: "p-", type: "datetime-local"),
            .select("method", "How", f.method, PayerContactMethod.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "p-"),
            .text("contact", "Payer contact", f.contact, p, prefix: "p-", hint: "The reviewer's name or the portal queue"),
            clinicals,
            .text("daysApproved", "Days approved", f.daysApproved, p, prefix: "p-", inputMode: "numeric"),
            .text("approvedThrough", "Approved through", f.approvedThrough, p, prefix: "p-", type: "date"),
            .text("nextReview", "Payer's next review", f.nextReview, p, prefix: "p-", type: "date"),
            .text("reference", "Reference number", f.reference, p, prefix: "p-"),
            .text("note", "Note", f.note, p, prefix: "p-", wide: true),
        ], error: PageForm.refusal(p))
    }

    func denialForm(_ forms: StayReviewForms, id: UUID) -> PageForm {
        let f = forms.denial ?? .init(receivedOn: CalendarDate(req.now, in: zone).description)
        let p = forms.problems(for: "denial")
        return PageForm(action: SiteURL.stayReview(id, .denials).path, fields: [
            .select("kind", "What was denied", f.kind, DenialKind.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "dn-"),
            .text("receivedOn", "Denial received", f.receivedOn, p, prefix: "dn-", type: "date", hint: "The appeal clock starts here"),
            .text("daysDenied", "Days denied", f.daysDenied, p, prefix: "dn-", inputMode: "numeric"),
            .text("reference", "Reference number", f.reference, p, prefix: "dn-"),
            .text("reason", "The payer's specific reason", f.reason, p, prefix: "dn-", wide: true),
        ], error: PageForm.refusal(p))
    }

    func avoidableForm(_ forms: StayReviewForms, id: UUID, today: CalendarDate) -> PageForm {
        let f = forms.avoidable ?? .init(from: today.description)
        let p = forms.problems(for: "avoidable")
        return PageForm(action: SiteURL.stayReview(id, .avoidableDays).path, fields: [
            .select("reason", "Reason", f.reason, AvoidableDayReason.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "av-"),
            .select("owner", "Owner", f.owner, AvoidableDayOwner.allCases.map { ($0.rawValue, $0.title) }, p, prefix: "av-", hint: "Left empty: the reason's usual owner"),
            .text("from", "First avoidable day", f.from, p, prefix: "av-", type: "date"),
            .text("through", "Last avoidable day", f.through, p, prefix: "av-", type: "date", hint: "Empty while the delay goes on"),
            .text("note", "What the patient is waiting for", f.note, p, prefix: "av-", wide: true),
        ], error: PageForm.refusal(p))
    }

    /// A denial with its appeals, the next level and its deadline, and the form that files it or records a decision.
    func denial(_ row: PayerDenialRecord, forms: StayReviewForms, today: CalendarDate) throws -> StayReviewPage.Denial {
        let id = try row.requireID()
        let appeals = records.appeals[id] ?? []
        let facts = UtilizationStore.denial(row, appeals: appeals)
        let levels = rules.payers.payer(facts.payer).appealLevels
        let title = { (level: String) in levels.first { $0.id == level }?.title ?? level }
        let open = AppealRules.openLevels(facts, rules: rules.payers)
        let pending = appeals.last { $0.outcome == AppealOutcome.pending.rawValue }
        let finished = appeals.last.map { !(AppealOutcome(rawValue: $0.outcome)?.allowsNextLevel ?? false) && $0.outcome != AppealOutcome.pending.rawValue } ?? false
        let next: String = if let pending { "Waiting on the \(title(pending.level)) decision." }
            else if finished { "Closed: \(AppealOutcome(rawValue: appeals.last?.outcome ?? "")?.title.lowercased() ?? "")." }
            else if let first = open.first { open.prefix(2).map { "\($0.level.title) by \($0.deadline) [\($0.level.citation)]\($0.level.optional ? " (optional)" : "")" }.joined(separator: "; or ") + (first.deadline < today ? " — the deadline has passed: a late filing needs good cause." : "") }
            else { "No further level." }
        let appealFormState = forms.appeal?.denialID == id ? forms.appeal?.form : nil
        let decisionState = pending.flatMap { forms.decision?.appealID == $0.id ? forms.decision?.form : nil }
        let ap = forms.appeal?.denialID == id ? forms.problems(for: "appeal") : [:]
        let dp = pending != nil && forms.decision?.appealID == pending?.id ? forms.problems(for: "decision") : [:]
        let prefix = "d\(id.uuidString.prefix(8).lowercased())-"
        return StayReviewPage.Denial(
            id: id.uuidString.lowercased(), title: "\(DenialKind(rawValue: row.kind)?.title ?? row.kind) denied by \(facts.payer.title), received \(row.receivedOn)"
                + (row.daysDenied.map { ", \($0) day\($0 == 1 ? "" : "s")" } ?? "") + (row.reference.map { " (ref. \($0))" } ?? ""),
            reason: row.reason,
            appeals: appeals.map { appeal in
                .init(level: title(appeal.level), filed: appeal.filedOn, deadline: appeal.deadline, outcome: (AppealOutcome(rawValue: appeal.outcome)?.title ?? appeal.outcome)
                        + (appeal.decidedOn.map { " \($0)" } ?? ""),
                      detail: [appeal.lateReason.map { "Filed late: \($0)" }, appeal.note].compactMap { $0 }.joined(separator: " · "))
            },
            next: next,
            appealForm: pending == nil && !finished && !open.isEmpty ? PageForm(action: SiteURL.stayReview(try stay.row.requireID(), .appeal(denial: id)).path, fields: [
                .select("level", "Appeal level", appealFormState?.level ?? open.first?.level.id, open.map { ($0.level.id, "\($0.level.title) (by \($0.deadline))") }, ap, prefix: prefix),
                .text("filedOn", "Filed on", appealFormState?.filedOn ?? today.description, ap, prefix: prefix, type: "date"),
                .text("lateReason", "Good cause, if filed late", appealFormState?.lateReason, ap, prefix: prefix, wide: true),
                .text("note", "Note", appealFormState?.note, ap, prefix: prefix, wide: true),
            ], error: PageForm.refusal(ap)) : nil,
            decisionForm: try pending.map { appeal in
                PageForm(action: SiteURL.stayReview(try stay.row.requireID(), .decision(appeal: try appeal.requireID())).path, fields: [
                    .text("decidedOn", "Decided on", decisionState?.decidedOn ?? today.description, dp, prefix: prefix + "x-", type: "date"),
                    .select("outcome", "Outcome", decisionState?.outcome, AppealOutcome.allCases.filter { $0 != .pending }.map { ($0.rawValue, $0.title) }, dp, prefix: prefix + "x-"),
                    .text("note", "Note", decisionState?.note, dp, prefix: prefix + "x-", wide: true),
                ], error: PageForm.refusal(dp))
            })
    }
}
