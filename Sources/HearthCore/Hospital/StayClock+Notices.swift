import Foundation

extension StayClock {
    public static let importantMessageCitation = "42 CFR 405.1205(b)"
    public static let followUpCitation = "42 CFR 405.1205(c)"
    public static let moonCitation = "42 CFR 489.20(y)"

    /// The notices owed on the stay, as obligations with the regulatory clock's windows and states.
    public func notices(_ stay: InpatientStay, now: Date) -> [Obligation] {
        guard stay.medicare else { return [] }
        return [importantMessage(stay, now: now), followUp(stay, now: now), moon(stay, now: now), conditionCode44Notice(stay, now: now),
                urDeterminationNotice(stay, now: now)].compactMap { $0 }
    }

    /// The Important Message: at or near admission, and no later than 2 calendar days after the inpatient admission.
    func importantMessage(_ stay: InpatientStay, now: Date) -> Obligation? {
        guard let admitted = stay.admittedAt else { return nil }
        let dueDay = day(admitted).adding(days: 2)
        let window = Obligation.Window(opens: admitted, due: startOf(dueDay.adding(days: 1)), opensDay: day(admitted), dueDay: dueDay, unit: .days)
        let because = "the inpatient admission order was written \(StayLifecycle.stamp(admitted, timeZone))"
        let requirement = "deliver the Important Message at or near admission and no later than 2 calendar days after it, and ask the patient"
            + " or representative to sign and date it"
        return obligation(.importantMessage, window: window, citation: Self.importantMessageCitation, because: because, requirement: requirement,
                          record: stay.notice(.importantMessage), now: now)
    }

    /// The follow-up copy: no more than 2 calendar days before discharge, unless the first was within 2 days of it.
    func followUp(_ stay: InpatientStay, now: Date) -> Obligation? {
        guard stay.admittedAt != nil, let leaving = stay.dischargedAt.map(day) ?? stay.expectedDischarge else { return nil }
        let opensDay = leaving.adding(days: -2)
        let due = stay.dischargedAt ?? startOf(leaving.adding(days: 1))
        let window = Obligation.Window(opens: startOf(opensDay), due: due, opensDay: opensDay, dueDay: leaving, unit: .days)
        let because = stay.isDischarged ? "the patient was discharged \(StayLifecycle.stamp(due, timeZone))" : "the expected discharge date is \(leaving)"
        let requirement = "give a copy of the signed notice as far before discharge as possible, but not more than 2 calendar days before"
            + " (CMS asks for at least 4 hours, Claims Processing Manual ch. 30 §200.3.2)"
        var result = obligation(.importantMessageFollowUp, window: window, citation: Self.followUpCitation, because: because, requirement: requirement,
                                record: stay.notice(.importantMessageFollowUp).flatMap { window.contains($0.deliveredAt) || $0.deliveredAt == due ? $0 : nil }, now: now)
        if let first = stay.notice(.importantMessage), day(first.deliveredAt).days(until: leaving) <= 2 {
            let reason = "the first notice was delivered \(StayLifecycle.stamp(first.deliveredAt, timeZone)), within 2 calendar days of discharge (\(leaving))"
            result.state = .notApplicable(reason: reason)
            result.explanation = "Follow-up copy of the Important Message not needed because \(reason); \(Self.followUpCitation)."
        }
        return result
    }

    /// The MOON: owed to a patient in observation for more than 24 hours, no later than 36 hours after observation began
    /// or at release if sooner.
    func moon(_ stay: InpatientStay, now: Date) -> Obligation? {
        guard let index = stay.statusHistory.firstIndex(where: { $0.status == .observation }) else { return nil }
        let start = stay.statusHistory[index].starts
        let end = stay.end(of: index)
        let due = min(start.addingTimeInterval(36 * 3600), stay.dischargedAt ?? .distantFuture)
        // It may be delivered from the start; it is owed from the 24th hour, the day "Opens" names.
        let window = Obligation.Window(opens: start, due: due, opensDay: day(start.addingTimeInterval(24 * 3600)), dueDay: day(due.addingTimeInterval(-1)), unit: .hours)
        let requirement = "a patient receiving observation services for more than 24 hours gets the MOON, explained orally, no later than 36 hours"
            + " after observation began, or at release if sooner"
        var result = obligation(.moon, window: window, citation: Self.moonCitation, because: "observation began \(StayLifecycle.stamp(start, timeZone))",
                                requirement: requirement, record: stay.notice(.moon), now: now)
        let hours = (min(end ?? now, now).timeIntervalSince(start)) / 3600
        if case .met = result.state { return result }
        if let end, end.timeIntervalSince(start) <= 24 * 3600 {
            result.state = .notApplicable(reason: "observation lasted \(Int(hours)) hours, not more than 24")
            result.explanation = "MOON not required: observation lasted \(Int(hours)) hours, not more than 24; \(Self.moonCitation)."
        } else if end == nil && hours <= 24 {
            result.state = .upcoming
            result.explanation = "MOON required once observation passes 24 hours (\(StayLifecycle.stamp(start.addingTimeInterval(24 * 3600), timeZone)));"
                + " it may be delivered now. Due by \(StayLifecycle.stamp(due, timeZone)); \(Self.moonCitation): \(requirement)."
        }
        return result
    }

    /// The written notice of a condition code 44 change: within 2 days of the determination, and not later than discharge.
    func conditionCode44Notice(_ stay: InpatientStay, now: Date) -> Obligation? {
        guard let change = stay.statusHistory.first(where: { $0.conditionCode44 != nil }) else { return nil }
        let dueDay = day(change.starts).adding(days: 2)
        let due = min(startOf(dueDay.adding(days: 1)), stay.dischargedAt ?? .distantFuture)
        let window = Obligation.Window(opens: change.starts, due: due, opensDay: day(change.starts), dueDay: day(due.addingTimeInterval(-1)), unit: .days)
        let requirement = "written notice to the patient, the hospital and the practitioner no later than 2 days after the determination, and before discharge"
        return obligation(.conditionCode44, window: window, citation: StayLifecycle.conditionCode44Citation,
                          because: "the UR committee changed the stay to outpatient \(StayLifecycle.stamp(change.starts, timeZone))", requirement: requirement,
                          record: stay.notice(.conditionCode44), now: now)
    }

    /// The written notice of the UR committee's determination that the admission or continued stay is not medically
    /// necessary: "no later than 2 days after the determination, to the hospital, the patient, and the practitioner or
    /// practitioners responsible for the care of the patient" [42 CFR 482.30(d)(3)]. A condition code 44 notice delivered
    /// after the determination is that notice too.
    func urDeterminationNotice(_ stay: InpatientStay, now: Date) -> Obligation? {
        guard let determination = stay.determinations.max(by: { $0.determinedAt < $1.determinedAt }) else { return nil }
        let at = determination.determinedAt
        let dueDay = day(at).adding(days: DeterminationRule.noticeDays)
        let window = Obligation.Window(opens: at, due: startOf(dueDay.adding(days: 1)), opensDay: day(at), dueDay: dueDay, unit: .days)
        let requirement = "written notification to the hospital, the patient and the practitioner responsible for the care of the patient,"
            + " no later than 2 days after the determination"
        let record = stay.notices.filter { [.urDetermination, .conditionCode44].contains($0.kind) && $0.deliveredAt >= at }.min { $0.deliveredAt < $1.deliveredAt }
        return obligation(.urDetermination, window: window, citation: DeterminationRule.noticeCitation,
                          because: "\(determination.by) found the stay \(determination.outcome.title.lowercased()) \(StayLifecycle.stamp(at, timeZone))",
                          requirement: requirement, record: record, now: now)
    }

    private func obligation(_ kind: StayNoticeKind, window: Obligation.Window, citation: String, because: String, requirement: String,
                            record: StayNotice?, now: Date) -> Obligation {
        let state: Obligation.State
        if let record {
            state = .met(recordID: record.id, late: record.deliveredAt >= window.due)
        } else if now >= window.due {
            state = .overdue(days: max(0, day(window.due.addingTimeInterval(-1)).days(until: day(now))))
        } else if now < window.opens {
            state = .upcoming
        } else {
            // Due soon: the last day of a day window, the last 6 hours of an hours window (the MOON's 36).
            state = window.due.timeIntervalSince(now) <= (window.unit == .hours ? 6 : 24) * 3600 ? .dueSoon : .open
        }
        let dueText = window.unit == .hours ? StayLifecycle.stamp(window.due, timeZone) : "\(window.dueDay)"
        let status: String = switch state {
        case .met(_, let late):
            "Met\(late ? " late" : ""): \(record.map { "\($0.outcome.title.lowercased()), delivered \(StayLifecycle.stamp($0.deliveredAt, timeZone)) by \($0.deliveredBy)" } ?? "")."
        case .overdue: "Overdue: not delivered."
        case .upcoming: "Not open yet."
        default: "Open now: not delivered yet."
        }
        let explanation = "\(kind.title) due by \(dueText) because \(because); \(citation): \(requirement). \(status)"
        return Obligation(key: Obligation.key(rule: kind.rawValue, occurrence: 1), ruleID: kind.rawValue, occurrence: 1, title: kind.title,
                          citation: citation, window: window, state: state, explanation: explanation, subject: nil)
    }
}
