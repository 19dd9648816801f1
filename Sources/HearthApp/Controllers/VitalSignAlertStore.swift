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
        /// The visit's id as alert keys carry it.
        var visit: String
    }

    static func check(_ note: VisitNoteContent, visit: VisitRecord, req: Request) -> Check? {
        guard let vitals = try? note.vitalsDraft.vitals().get(), let visitID = visit.id else { return nil }
        let findings = req.application.vitalSignAlerts.check(vitals)
        guard !findings.isEmpty else { return nil }
        return Check(vitals: vitals, findings: findings, visit: visitID.uuidString.lowercased())
    }

    /// The values this note already raised an alert for (open or closed), as keys name them ("spo2=84%").
    static func alerted(_ check: Check, patientID: UUID, on db: any Database) async throws -> Set<String> {
        let keys = try await CareTask.query(on: db).filter(\.$patient.$id == patientID).filter(\.$source == SafetyAlertStore.source)
            .field(\.$id).field(\.$dedupeKey).all().compactMap(\.dedupeKey)
        return Set(keys.flatMap { VitalSignAlerts.tokens(inKey: $0, visit: check.visit) })
    }

    /// Raises the alert inside the note's transaction, audited there; once per note and value, however often the note is
    /// saved or signed. A new dangerous value on the same note raises an alert of its own, naming only what is new.
    static func raise(for visit: VisitRecord, note: VisitNoteContent, by user: CurrentUser, now: Date, req: Request, on db: any Database, audit: AuditTrail) async throws {
        guard var check = check(note, visit: visit, req: req) else { return }
        let alerted = try await alerted(check, patientID: visit.$patient.id, on: db)
        check.findings = check.findings.filter { !alerted.contains(VitalSignAlerts.token($0)) }
        guard !check.findings.isEmpty else { return }
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
        task.dedupeKey = VitalSignAlerts.key(visit: check.visit, check.findings)
        try await task.create(on: db)
        try await audit("task.create", patientID: visit.$patient.id, resourceType: "Task", resourceID: task.id?.uuidString,
                        detail: "safety alert: vital signs " + VitalSignAlerts.summary(check.findings, of: check.vitals))
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
        let alerted = try await alerted(check, patientID: visit.$patient.id, on: req.db)
        let allRaised = check.findings.allSatisfy { alerted.contains(VitalSignAlerts.token($0)) }
        let act = "Follow the agency's protocol and call the physician."
        let summary = VitalSignAlerts.summary(check.findings, of: check.vitals)
        var notice = Notice(banner: allRaised
            ? "Safety alert sent to the case manager and supervisors: \(summary). It stays at the top of their home pages until someone records the contact. \(act)"
            : "\(summary) \(summary.contains(" and ") ? "are" : "is") past the agency's alert thresholds: save the note to alert the case manager and supervisors. \(act)")
        for finding in check.findings {
            let next = alerted.contains(VitalSignAlerts.token(finding))
                ? "The case manager and supervisor have been alerted." : "The case manager and supervisor will be alerted when you save."
            notice.byField[finding.reading.sign.rawValue] = "\(finding.description). \(next) \(act)"
            notice.signs.insert(finding.reading.sign)
        }
        return notice
    }

    /// The thresholds as the visit note's script reads them (Public/js/vital-alerts.js), one entry per unit.
    struct ClientThreshold: Encodable {
        var field: String
        var title: String
        var when: String
        var low: Bool
        var unit: String
        var limit: Double
        var limitText: String
        var reason: String
    }

    static func clientThresholds(_ alerts: VitalSignAlerts) -> String {
        let entries = alerts.thresholds.flatMap { threshold in
            threshold.values.sorted { $0.key.rawValue < $1.key.rawValue }.map { unit, limit in
                ClientThreshold(field: threshold.sign.rawValue, title: threshold.sign.alertTitle, when: threshold.direction.rawValue,
                                low: threshold.direction == .below || threshold.direction == .atOrBelow, unit: unit.rawValue, limit: limit,
                                limitText: VitalReading(threshold.sign, limit, unit: unit).text, reason: threshold.reason)
            }
        }
        return (try? JSONEncoder().encode(entries)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }
}
