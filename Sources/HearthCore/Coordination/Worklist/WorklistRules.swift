import Foundation

/// The tasks the chart's facts call for. Pure functions: the same facts give the same tasks with the same dedupe keys,
/// so the app can run the rules as often as it likes and upsert (see `WorklistSync`). A key changes when the situation
/// does (an order moving to the next aging bucket, a follow-up rescheduled), so a finished task is not brought back.
public enum WorklistRules {
    /// An order gets a reminder once it has been with the physician longer than the aging report's first bucket (0–15 days).
    public static let unsignedOrderReminderDays = 15
    /// Payers want a request for more visits before an authorization runs out; a week leaves time to send the notes.
    public static let authorizationLeadDays = 7
    /// Ask for more visits when this few are left.
    public static let authorizationVisitsLeft = 2
    /// Teaching not understood is taught again at the next visit, which is within a week for most plans.
    public static let teachingReinforceWithinDays = 7

    /// Every task the facts call for, in no particular order (sort with `WorklistFilter`).
    public static func tasks(for facts: WorklistFacts, now: Date, in zone: TimeZone) -> [WorklistTask] {
        let today = CalendarDate(now, in: zone)
        return facts.safetyAlerts.map(safetyAlertTask)
            + facts.unsignedOrders.compactMap { unsignedOrderTask($0, today: today) }
            + facts.unsignedOrders.compactMap { returnedOrderTask($0, today: today) }
            + facts.obligations.compactMap(overdueAssessmentTask)
            + facts.missedVisits.compactMap(missedVisitTask)
            + facts.authorizations.compactMap { authorizationTask($0, today: today) }
            + facts.referrals.compactMap { referralTask($0, now: now, in: zone) }
            + facts.homeSafety.compactMap(homeSafetyTask)
            + facts.teaching.flatMap(teachingTasks)
            + facts.communications.compactMap(communicationTask)
    }

    /// An answer that must reach a person today: urgent alerts are urgent tasks, others high.
    public static func safetyAlertTask(_ fact: SafetyAlertFact) -> WorklistTask {
        task(key: "safety-alert:\(fact.assessmentID):\(fact.alert.id)", title: fact.alert.task, detail: fact.alert.reason, patientID: fact.patientID,
             owner: fact.owner, due: fact.raisedOn, priority: fact.alert.urgency == .urgent ? .urgent : .high, source: .phq9SafetyAlert)
    }

    /// A call to the physician's office for an order unsigned past 15 days, escalated past 30.
    public static func unsignedOrderTask(_ fact: UnsignedOrderFact, today: CalendarDate) -> WorklistTask? {
        let order = fact.order
        guard let days = order.daysSinceSent(today: today), days > unsignedOrderReminderDays, let sent = order.agingFrom else { return nil }
        let bucket = UnsignedOrderAging.Bucket(daysSinceSent: days)
        let overdue = UnsignedOrderAging.isOverdue(daysSinceSent: days)
        let threshold = overdue ? UnsignedOrderAging.overdueAfterDays : unsignedOrderReminderDays
        return task(key: "unsigned-order:\(order.orderID):\(bucket.rawValue)",
                    title: "Call \(order.physicianName)'s office: order unsigned \(days) days",
                    detail: "Sent \(sent). " + (overdue ? "Past \(UnsignedOrderAging.overdueAfterDays) days: the claim cannot go out until it is signed."
                                                        : "Ask when it will be signed, and offer to fax it again."),
                    patientID: fact.patientID, owner: fact.owner, due: sent.adding(days: threshold + 1), priority: overdue ? .high : .normal,
                    source: .unsignedOrder)
    }

    /// An order the physician returned goes back to the case manager the same day: nothing is signed until it is revised
    /// and sent again (the plan of care must be signed before the claim [42 CFR 484.60(a)]). Clears when it is resent or
    /// withdrawn with a reason, never by "Done"; the detail carries the physician's reason.
    public static func returnedOrderTask(_ fact: UnsignedOrderFact, today: CalendarDate) -> WorklistTask? {
        let order = fact.order
        guard order.state == .rejected else { return nil }
        let what = fact.summary.map { "\($0). " } ?? ""
        let why = fact.returnedBecause.map { "\(order.physicianName): \"\($0)\". " } ?? "Read the physician's comment on the order. "
        return task(key: "returned-order:\(order.orderID):\(order.agingFrom?.description ?? "unsent")",
                    title: "Returned by \(order.physicianName): correct and send again",
                    detail: what + why + "Correct what it asks and send it again, or withdraw it with a reason.",
                    patientID: fact.patientID, owner: fact.owner, due: today, priority: .high, source: .returnedOrder)
    }

    /// The order a returned-order task is about, from its dedupe key ("returned-order:<order id>:<sent day>").
    public static func returnedOrderID(dedupeKey: String?) -> String? {
        guard let parts = dedupeKey?.split(separator: ":"), parts.count >= 2, parts[0] == "returned-order" else { return nil }
        return String(parts[1])
    }

    /// An assessment or other regulatory deadline that has passed unmet.
    public static func overdueAssessmentTask(_ fact: ObligationFact) -> WorklistTask? {
        guard let days = fact.obligation.daysOverdue else { return nil }
        return task(key: "obligation:\(fact.patientID):\(fact.obligation.key)", title: fact.obligation.title, // the flag beside it says "Overdue"
                    detail: "Due \(fact.obligation.window.dueDay), \(days) day\(days == 1 ? "" : "s") ago [\(fact.obligation.citation)].",
                    patientID: fact.patientID, owner: fact.owner, due: fact.obligation.window.dueDay, priority: .high, source: .overdueAssessment)
    }

    /// The physician is told of a missed visit by the next business day, because the plan was not carried out as ordered.
    public static func missedVisitTask(_ fact: MissedVisitFact) -> WorklistTask? {
        let missed = fact.missed
        guard missed.needsPhysicianNotice else { return nil }
        return task(key: "missed-visit:\(missed.visitID)", title: "Tell the physician: \(missed.discipline.rawValue) visit missed \(missed.date)",
                    detail: missed.reason.title + (missed.explanation.isEmpty ? "" : ": \(missed.explanation)")
                        + (missed.rescheduledTo.map { ". Made up on \($0)." } ?? ". Not yet rescheduled."),
                    patientID: fact.patientID, owner: fact.owner, due: missed.date.adding(businessDays: 1), priority: .high, source: .missedVisit)
    }

    /// An authorization ending within a week, or with two visits or fewer left.
    public static func authorizationTask(_ fact: AuthorizationFact, today: CalendarDate) -> WorklistTask? {
        let daysLeft = today.days(until: fact.endsOn)
        let expiring = daysLeft <= authorizationLeadDays
        let runningOut = fact.visitsLeft.map { $0 <= authorizationVisitsLeft } ?? false
        guard expiring || runningOut else { return nil }
        var reasons: [String] = []
        if expiring { reasons.append(daysLeft < 0 ? "ended \(fact.endsOn)" : "ends \(fact.endsOn)") }
        if runningOut, let left = fact.visitsLeft { reasons.append("\(left) visit\(left == 1 ? "" : "s") left") }
        let priority: WorklistPriority = daysLeft < 0 || fact.visitsLeft == 0 ? .urgent : daysLeft <= 2 ? .high : .normal
        return task(key: "authorization:\(fact.authorizationID):\(expiring ? "expiring" : "visits")",
                    title: "Request more visits from \(fact.payer): authorization \(reasons.joined(separator: ", "))",
                    detail: "Send the latest visit notes and the plan of care with the request.", patientID: fact.patientID, owner: fact.owner,
                    due: expiring ? max(today, fact.endsOn.adding(days: -authorizationLeadDays)) : today, priority: priority,
                    source: .expiringAuthorization)
    }

    /// A referral with no answer in 3 business days, not started 14 days after acceptance, or declined with the need unmet.
    public static func referralTask(_ referral: ResourceReferral, now: Date, in zone: TimeZone) -> WorklistTask? {
        if referral.state == .declined, let declined = referral.when(.declined) {
            let day = CalendarDate(declined, in: zone)
            return task(key: "referral:\(referral.id):declined", title: "Find another option: \(referral.target.title) declined",
                        detail: "Reason: \(referral.declineReason ?? "not given"). Need: \(referral.need)", patientID: referral.patientID,
                        owner: referral.owner, due: day.adding(businessDays: 1), priority: .normal, source: .referralOverdue)
        }
        guard let overdue = referral.responseOverdue(now: now, in: zone) else { return nil }
        let title = overdue.waiting == .response ? "Call \(referral.target.title): no answer to referral"
                                                 : "Ask \(referral.target.title) for a start date"
        return task(key: "referral:\(referral.id):\(overdue.waiting.rawValue)", title: title, detail: overdue.message,
                    patientID: referral.patientID, owner: referral.owner, due: overdue.dueOn.adding(days: 1), priority: .high,
                    source: .referralOverdue)
    }

    /// Checking an open home hazard on its follow-up day; the priority follows the hazard's severity.
    public static func homeSafetyTask(_ fact: HomeSafetyFact) -> WorklistTask? {
        let finding = fact.finding
        guard finding.state == .open else { return nil }
        let priority: WorklistPriority = switch finding.severity {
        case .high: .high
        case .moderate: .normal
        case .low: .low
        }
        let who = finding.responsibleName.map { "\(finding.responsible.title): \($0)" } ?? finding.responsible.title
        return task(key: "home-safety:\(finding.id):\(finding.followUpOn)", title: "Check home hazard fixed: \(finding.hazard)",
                    detail: "\(finding.modification) Responsible: \(who).", patientID: fact.patientID, owner: fact.owner,
                    due: finding.followUpOn, priority: priority, source: .homeSafetyFollowUp)
    }

    /// Teaching whose latest teach-back was not "understood", to teach again within a week.
    public static func teachingTasks(_ fact: TeachingFact) -> [WorklistTask] {
        fact.progress.needingReinforcement.map { line in
            task(key: "teaching:\(fact.patientID):\(line.id):\(line.lastTaughtOn)",
                 title: "Reinforce teaching: \(line.title) (\(line.latestLearner.title.lowercased()))",
                 detail: line.latestNote ?? "Teach-back on \(line.lastTaughtOn): \(line.latestResult.title.lowercased()).",
                 patientID: fact.patientID, owner: fact.owner, due: line.lastTaughtOn.adding(days: teachingReinforceWithinDays),
                 priority: .normal, source: .teachingReinforcement)
        }
    }

    /// The follow-up a communication asked for, owned by whoever it was given to.
    public static func communicationTask(_ entry: CommunicationEntry) -> WorklistTask? {
        guard let followUp = entry.followUp else { return nil }
        return task(key: "communication:\(entry.id)", title: followUp.title, detail: "From: \(entry.heading) — \(entry.subject)",
                    patientID: entry.patientID, owner: followUp.owner, due: followUp.due, priority: followUp.priority,
                    source: .communicationFollowUp)
    }

    private static func task(key: String, title: String, detail: String?, patientID: String, owner: String, due: CalendarDate,
                             priority: WorklistPriority, source: WorklistSource) -> WorklistTask {
        WorklistTask(id: key, dedupeKey: key, title: title, detail: detail, patientID: patientID, owner: owner, due: due, priority: priority,
                     source: source)
    }
}
