import Foundation

/// What may be changed on a stay, and why a change is refused. Each refusal says what to do instead; nothing is changed.
public enum StayLifecycle {
    public static let conditionCode44Citation = "42 CFR 482.30(d); Medicare Claims Processing Manual ch. 1 §50.3"

    /// Problems with moving the stay to `status` at `effective`, keyed by the form field they belong to; empty when allowed.
    public static func statusChangeProblems(_ stay: InpatientStay, to status: StayStatus, at effective: Date, now: Date,
                                            conditionCode44: ConditionCode44?, zone: TimeZone) -> [String: String] {
        if let discharged = stay.dischargedAt {
            let code44 = stay.currentStatus == .inpatient && status.isOutpatient
                ? " Condition code 44 is only possible before discharge [\(conditionCode44Citation)]." : ""
            return ["status": "The patient was discharged \(Self.stamp(discharged, zone)): the status can no longer change.\(code44) A billing correction goes through the business office."]
        }
        var problems: [String: String] = [:]
        if status == stay.currentStatus { problems["status"] = "The patient is already \(status.title.lowercased()). Choose another status." }
        if effective > now { problems["effectiveAt"] = "Give when the order was written: now or earlier." }
        if effective < stay.arrivedAt { problems["effectiveAt"] = "The order cannot come before the patient arrived (\(Self.stamp(stay.arrivedAt, zone)))." }
        if let last = stay.statusHistory.last, effective < last.starts {
            problems["effectiveAt"] = "The order cannot come before the current status began (\(Self.stamp(last.starts, zone)))."
        }
        if stay.currentStatus == .inpatient && status.isOutpatient {
            // An admitted patient becomes an outpatient only through the UR committee with the attending's agreement.
            if (conditionCode44?.reviewer ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems["reviewer"] = "Name the utilization review committee physician who found inpatient care not necessary [\(conditionCode44Citation)]."
            }
            if (conditionCode44?.attending ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems["attending"] = "Name the attending physician who concurred; without concurrence the patient stays inpatient."
            }
        }
        return problems
    }

    /// Problems with recording a notice delivered at `deliveredAt`; empty when it can be recorded.
    public static func noticeProblems(_ stay: InpatientStay, kind: StayNoticeKind, deliveredAt: Date, now: Date, zone: TimeZone) -> [String: String] {
        if deliveredAt > now { return ["deliveredAt": "Give when it was delivered: now or earlier."] }
        if deliveredAt < stay.arrivedAt {
            return ["deliveredAt": "The notice cannot be dated before the patient arrived (\(Self.stamp(stay.arrivedAt, zone)))."]
        }
        if let discharged = stay.dischargedAt, deliveredAt > discharged {
            return ["deliveredAt": "The notice cannot be dated after discharge (\(Self.stamp(discharged, zone)))."]
        }
        switch kind {
        case .importantMessage, .importantMessageFollowUp:
            guard let admitted = stay.admittedAt else {
                return ["kind": "The Important Message is for inpatients, and this patient has not been admitted [42 CFR 405.1205(a)]."]
            }
            if deliveredAt < admitted { return ["deliveredAt": "The Important Message cannot be dated before the inpatient admission order (\(Self.stamp(admitted, zone)))."] }
        case .moon:
            guard let start = stay.statusHistory.first(where: { $0.status == .observation })?.starts else {
                return ["kind": "The MOON is for patients receiving observation services, and this patient has had none [42 CFR 489.20(y)]."]
            }
            if deliveredAt < start { return ["deliveredAt": "The MOON cannot be dated before observation began (\(Self.stamp(start, zone)))."] }
        case .conditionCode44:
            guard let change = stay.statusHistory.first(where: { $0.conditionCode44 != nil })?.starts else {
                return ["kind": "No inpatient stay here was changed to outpatient under condition code 44."]
            }
            if deliveredAt < change { return ["deliveredAt": "The notice cannot be dated before the change to outpatient (\(Self.stamp(change, zone)))."] }
        case .urDetermination:
            guard let first = stay.determinations.map(\.determinedAt).min() else {
                return ["kind": "No UR committee member has found this stay not medically necessary: there is nothing to give notice of [\(DeterminationRule.noticeCitation)]."]
            }
            if deliveredAt < first { return ["deliveredAt": "The notice cannot be dated before the determination (\(Self.stamp(first, zone)))."] }
        }
        return [:]
    }

    /// Problems with discharging at `at`.
    public static func dischargeProblems(_ stay: InpatientStay, at: Date, now: Date, zone: TimeZone) -> [String: String] {
        if stay.isDischarged { return ["dischargedAt": "The patient has already been discharged."] }
        if at > now { return ["dischargedAt": "Give when the patient left: now or earlier. Plan a future day as the expected discharge date."] }
        if let last = stay.statusHistory.last, at < last.starts {
            return ["dischargedAt": "Discharge cannot come before the current status began (\(Self.stamp(last.starts, zone)))."]
        }
        return [:]
    }

    /// Problems with an expected discharge date.
    public static func expectedDischargeProblems(_ stay: InpatientStay, day: CalendarDate, zone: TimeZone) -> [String: String] {
        if stay.isDischarged { return ["expectedDischarge": "The patient has been discharged; the expected date no longer applies."] }
        if day < CalendarDate(stay.arrivedAt, in: zone) { return ["expectedDischarge": "The expected discharge cannot be before the patient arrived."] }
        return [:]
    }

    /// "2026-12-01 14:05": an instant on the hospital's wall clock, as the page shows it.
    public static func stamp(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(CalendarDate(date, in: zone)) " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
