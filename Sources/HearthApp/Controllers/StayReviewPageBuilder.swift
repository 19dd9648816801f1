import Foundation
import HearthCore
import Vapor

/// The forms on a stay's utilization review page: what was typed, kept when a form is refused.
struct StayReviewForms {
    struct Review: Content { var kind, reviewedAt, levelOfCare, criteriaSource, criteriaMet, evidence, drg, procedureCodes, nextReview: String? }
    struct Payer: Content { var communicatedAt, method, contact, clinicalsSent, daysApproved, approvedThrough, nextReview, reference, note: String? }
    struct Denial: Content { var kind, receivedOn, daysDenied, reason, reference: String? }
    struct Appeal: Content { var level, filedOn, lateReason, note: String? }
    struct Decision: Content { var decidedOn, outcome, note: String? }
    struct Avoidable: Content { var reason, owner, from, through, note: String? }
    struct Advisor: Content { var advisor, question: String? }
    struct Determination: Content { var outcome, attendingView, secondMember, rationale: String? }

    var review: Review?
    var payer: Payer?
    var denial: Denial?
    var appeal: (denialID: UUID, form: Appeal)?
    var decision: (appealID: UUID, form: Decision)?
    var avoidable: Avoidable?
    var advisor: Advisor?
    var determination: (referralID: UUID, form: Determination)?
    var problems: [String: String] = [:]
    /// Which form was refused: "review", "payer", "denial", "appeal", "decision", "avoidable", "advisor", "determination".
    var refused: String?

    func problems(for form: String) -> [String: String] { refused == form ? problems : [:] }
}

/// Builds a stay's utilization review page from the stay and its records.
struct StayReviewPageBuilder {
    var req: Request
    var stay: HospitalStore.LoadedStay
    var records: UtilizationStore.StayRecords
    var canReview: Bool
    /// The loaded CMS tables' rows for this stay's DRG and procedures, with their sources.
    var rules: UtilizationRules
    /// The stay's hospital's UR committee, and who cares for the patient, as the conflict rule reads them.
    var committee: [URCommitteeStore.Member]
    var careTeam: StayCareTeam
    var user: CurrentUser

    /// The builder with the rules the page shows: the DRG and procedures typed (on a refused form) or last reviewed.
    static func load(req: Request, stay: HospitalStore.LoadedStay, records: UtilizationStore.StayRecords, forms: StayReviewForms = .init()) async throws -> Self {
        let latest = records.latestReview
        let drgs = [forms.review?.drg, latest?.drg].compactMap { $0 }
        let procedures = ReviewRules.procedureCodes(forms.review?.procedureCodes ?? "") + ReviewRules.procedureCodes(latest?.procedureCodes ?? "")
        let rules = try await ReferenceTableStore.rules(drgs: drgs, procedures: procedures, payers: req.application.utilizationPayers,
                                                        zone: req.application.settings.agencyTimeZone, on: req.db)
        let user = try req.currentUser
        // She already reads the stay: only her role decides whether she also records reviews.
        let canReview = AccessPolicy.decideStay(role: user.role, onAssignedUnit: true, inOwnHospital: true, action: .review).isAllowed
        return Self(req: req, stay: stay, records: records, canReview: canReview, rules: rules,
                    committee: try await URCommitteeStore.members(of: stay.row.unit.$hospital.id, on: req.db),
                    careTeam: try await URCommitteeStore.careTeam(stay, on: req.db), user: user)
    }

    var zone: TimeZone { req.application.settings.agencyTimeZone }
    var clock: StayClock { StayClock(timeZone: zone) }
    var payerKind: PayerKind { PayerKind.of(payerName: stay.row.payer ?? "", medicare: stay.row.medicare) }

    func page(_ forms: StayReviewForms = .init()) throws -> StayReviewPage {
        let id = try stay.row.requireID()
        let now = req.now, today = CalendarDate(now, in: zone)
        let latest = records.latestReview
        let drg = forms.review?.drg ?? latest?.drg
        let los = rules.lengthOfStay.compare(stay.facts, drg: drg, clock: clock, now: now)
        let source = rules.criteriaSource(id: forms.review?.criteriaSource ?? latest?.criteriaSource ?? "hearth-cms") ?? CMSCriteria(inpatientOnly: rules.inpatientOnly) as any CriteriaSource
        let result = source.evaluate(ReviewCase(stay: stay.facts, now: now, proposedLevel: stay.facts.currentStatus,
                                                procedureCodes: ReviewRules.procedureCodes(forms.review?.procedureCodes ?? latest?.procedureCodes ?? ""), clock: clock))
        let payer = rules.payers.payer(payerKind)
        let suggestion = ReviewRules.nextReview(reviewedOn: today, cadenceDays: payer.reviewEveryDays, cadenceSource: payer.cadenceSource,
                                                payerAsked: records.communications.compactMap { $0.nextReview.flatMap(CalendarDate.init) }.last, lengthOfStay: los)
        let queue = ReviewQueue(clock: clock, criteria: CMSCriteria(inpatientOnly: rules.inpatientOnly), norms: rules.lengthOfStay)
        let runs = records.avoidable.compactMap(UtilizationStore.run)
        let cost = req.application.settings.avoidableDayCost
        let totalDays = runs.reduce(0) { $0 + $1.days(today: today) }
        return StayReviewPage(
            shell: PageShell(request: req, title: "Utilization review: \(stay.row.listName)"), name: stay.row.listName,
            stayHref: SiteURL.hospitalStay(id).path, queueHref: SiteURL.utilization(.queue).path,
            facts: facts(los: los),
            criteriaSource: "\(result.sourceName): the current status (\(stay.facts.currentStatus.title.lowercased())) "
                + (result.met.map { $0 ? "meets the criteria" : "does not meet the criteria" } ?? "is checked in the licensed product"),
            findings: result.findings.map { .init(title: $0.title, met: $0.met.map { $0 ? "Met" : "Not met" } ?? "Reviewer records", citation: $0.citation, explanation: $0.explanation) },
            queueReasons: queue.findings(try UtilizationStore.queueStay(stay, records), now: now)
                .map { .init(reason: $0.reason.rawValue, title: $0.title, explanation: $0.explanation, citation: $0.citation) },
            reviews: records.reviews.reversed().map(reviewLine), communications: records.communications.reversed().map(payerLine),
            denials: try records.denials.map { try denial($0, forms: forms, today: today) },
            avoidable: records.avoidable.compactMap { row in UtilizationStore.run(row).map { avoidableLine($0, today: today, cost: cost) } },
            avoidableTotal: "\(totalDays) avoidable day\(totalDays == 1 ? "" : "s"), \(Self.dollars(totalDays * cost)) at \(Self.dollars(cost)) a day.",
            referrals: records.referrals.reversed().map(referralLine),
            canReview: canReview,
            reviewForm: reviewForm(forms, id: id, suggestion: suggestion, latest: latest),
            nextReviewHint: suggestion.explanation,
            payerForm: payerForm(forms, id: id), denialForm: denialForm(forms, id: id), avoidableForm: avoidableForm(forms, id: id, today: today),
            advisorForm: advisorForm(forms, id: id), committeeNote: committeeNote,
            determinationForms: try determinationForms(forms, id: id), refusedForm: forms.refused)
    }

    private func facts(los: LengthOfStayComparison?) -> [(label: String, value: String)] {
        let row = stay.row
        return [
            ("Status", stay.facts.currentStatus.title), ("Unit and bed", "\(row.unit.code) \(row.bed ?? "")"),
            ("Arrived", StayLifecycle.stamp(row.arrivedAt, zone)), ("Midnights", "\(clock.midnightsCrossed(stay.facts, now: req.now))"),
            ("Expected discharge", row.expectedDischarge ?? "Not set"), ("Payer", "\(row.payer ?? "") (\(payerKind.title))"),
            ("Working diagnosis", row.workingDiagnosis ?? ""),
            ("LOS vs GMLOS", lengthOfStay(los)),
            ("Payer days approved through", records.approvedThrough?.description ?? "None on file"),
        ]
    }

    /// The comparison with its table's source, or why there is none: never a number without its source.
    private func lengthOfStay(_ los: LengthOfStayComparison?) -> String {
        let norms = rules.lengthOfStay
        guard norms.isLoaded else { return LengthOfStayNorms.notLoadedMessage + "." }
        if let los { return los.summary }
        guard let drg = records.latestReview?.drg else { return "Record a review with the working DRG to compare." }
        return "DRG \(drg) has no GMLOS in the table loaded (\(norms.source))."
    }

    private func reviewLine(_ row: StayReview) -> StayReviewPage.Line {
        let source = rules.criteriaSource(id: row.criteriaSource)?.name ?? row.criteriaSource
        return .init(cells: [StayLifecycle.stamp(row.reviewedAt, zone), ReviewKind(rawValue: row.kind)?.title ?? row.kind,
                             (StayStatus(rawValue: row.levelOfCare)?.title ?? row.levelOfCare) + (row.drg.map { ", DRG \($0)" } ?? ""),
                             "\(row.criteriaMet ? "Met" : "Not met") (\(source))", row.evidence, row.nextReview, row.reviewerName])
    }

    private func payerLine(_ row: PayerCommunication) -> StayReviewPage.Line {
        .init(cells: [StayLifecycle.stamp(row.communicatedAt, zone), PayerContactMethod(rawValue: row.method)?.title ?? row.method, row.contact,
                      row.clinicalsSent ? "Sent" : "—",
                      row.daysApproved.map { "\($0)" + (row.approvedThrough.map { " (through \($0))" } ?? "") } ?? "—",
                      row.nextReview ?? "—", row.reference ?? "—"])
    }

    private func avoidableLine(_ run: AvoidableDays, today: CalendarDate, cost: Int) -> StayReviewPage.Line {
        .init(cells: ["\(run.days(today: today))", run.reason.title + (run.note.isEmpty ? "" : ": \(run.note)"), run.owner.title, run.from.description,
                      run.through?.description ?? "ongoing", Self.dollars(run.cost(today: today, perDay: cost))])
    }

    static func dollars(_ amount: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        return "$" + (formatter.string(from: NSNumber(value: amount)) ?? "\(amount)")
    }
}
