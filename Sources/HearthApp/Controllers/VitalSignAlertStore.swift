import Fluent
import Foundation
import HearthCore
import Vapor

/// Dangerous vital signs on a visit note raise a safety alert of the same kind as a PHQ-9 item 9 answer: an urgent task
/// for the patient's case manager, due today, at the top of her and the supervisors' home pages and on the chart header
/// until someone records the contact, escalated like the others (`SafetyAlertStore`).
enum VitalSignAlertStore {
    /// What the note's vitals cross, or nothing when the vitals cannot be read.
    struct Check {
        var vitals: Vitals
        var findings: [VitalSignFinding]
        /// The alert's key for this note and these values (`CareTask.dedupeKey`).
        var key: String
    }

    static func check(_ note: VisitNoteContent, visit: VisitRecord, req: Request) -> Check? {
        guard let vitals = try? note.vitalsDraft.vitals().get(), let visitID = visit.id else { return nil }
        let findings = req.application.vitalSignAlerts.check(vitals)
        guard !findings.isEmpty else { return nil }
        return Check(vitals: vitals, findings: findings, key: VitalSignAlerts.key(visit: visitID.uuidString.lowercased(), findings))
    }

    /// Whether the alert for these values was already raised (open or closed): the note then says so.
    static func isRaised(_ check: Check, on db: any Database) async throws -> Bool {
        try await CareTask.query(on: db).filter(\.$dedupeKey == check.key).count() > 0
    }

    /// Raises the alert inside the note's transaction, audited there; once per note and values, however often the
    /// note is saved or signed.
    static func raise(for visit: VisitRecord, note: VisitNoteContent, by user: CurrentUser, now: Date, req: Request, on db: any Database) async throws {
        guard let check = check(note, visit: visit, req: req), try await !isRaised(check, on: db) else { return }
        let zone = req.application.settings.agencyTimeZone
        let task = CareTask()
        task.$patient.id = visit.$patient.id
        // The case manager, or the nurse who recorded it when the patient has none yet: never no one.
        task.$assignedTo.id = try await Patient.find(visit.$patient.id, on: db)?.$caseManager.id ?? user.id
        task.title = VitalSignAlerts.alertTitle(check.findings, of: check.vitals, visitOn: visit.scheduledOn, by: user.displayName)
        task.detail = check.findings.map { $0.description + "." }.joined(separator: " ")
            + " Follow the agency's protocol and call the physician; record who was reached and what was done."
        task.priority = WorklistPriority.urgent.rawValue
        // Due by the end of today in the agency's zone, as the PHQ-9 alert is.
        task.dueAt = AgencyTime.endOfDay(CalendarDate(now, in: zone), in: zone)
        task.status = "open"
        task.source = SafetyAlertStore.source
        task.dedupeKey = check.key
        try await task.create(on: db)
        try await req.audit("task.create", patientID: visit.$patient.id, resourceType: "Task", resourceID: task.id?.uuidString,
                            detail: "safety alert: vital signs " + VitalSignAlerts.summary(check.findings, of: check.vitals), on: db)
    }

    /// What the visit page says about dangerous values: one line above the note, and each threshold beside its value.
    struct Notice {
        var banner: String?
        /// By form field ("spo2"), the threshold crossed and what happens next.
        var byField: [String: String] = [:]
        var signs: Set<VitalSign> = []

        func mark(_ fields: [InputField]) -> [InputField] {
            fields.map { field in
                var field = field
                field.alert = byField[field.name]
                return field
            }
        }
    }

    static func notice(_ note: VisitNoteContent, visit: VisitRecord, req: Request) async throws -> Notice {
        guard let check = check(note, visit: visit, req: req) else { return Notice() }
        let raised = try await isRaised(check, on: req.db)
        let next = raised ? "the case manager and supervisor have been alerted" : "the case manager and supervisor will be alerted when you save"
        let act = "Follow the agency's protocol and call the physician."
        let summary = VitalSignAlerts.summary(check.findings, of: check.vitals)
        var notice = Notice(banner: raised
            ? "Safety alert sent to the case manager and supervisors: \(summary). It stays at the top of their home pages until someone records the contact. \(act)"
            : "\(summary) \(summary.contains(" and ") ? "are" : "is") past the agency's alert thresholds: save the note to alert the case manager and supervisors. \(act)")
        for finding in check.findings {
            notice.byField[finding.reading.sign.rawValue] = "\(finding.description). \(next.prefix(1).uppercased() + next.dropFirst()). \(act)"
            notice.signs.insert(finding.reading.sign)
        }
        return notice
    }
}

extension Application {
    private struct VitalSignAlertsKey: StorageKey { typealias Value = VitalSignAlerts }

    /// The agency's vital sign alert thresholds (Resources/Rules/vital-sign-alerts.json).
    var vitalSignAlerts: VitalSignAlerts {
        get { storage[VitalSignAlertsKey.self] ?? (try! VitalSignAlerts(thresholds: [])) }
        set { storage[VitalSignAlertsKey.self] = newValue }
    }
}
