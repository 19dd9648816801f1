import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

extension ChartQueries {
    /// The chart's short lists, read together: active diagnoses (by rank, then as recorded), coverages in billing order,
    /// allergies by substance, the contacts, advance directives and outside contacts as recorded, for the coordination
    /// tabs the home-safety findings as recorded and the teaching by day taught, the people around the patient, the cards'
    /// counts, and the medications by name.
    struct Records {
        var diagnoses: [Diagnosis] = []
        var coverages: [Coverage] = []
        var allergies: [Allergy] = []
        var contacts: [PatientContact] = []
        var directives: [AdvanceDirective] = []
        var outside: [ExternalCareContact] = []
        var findings: [HomeSafetyFinding] = []
        var teaching: [TeachingLog] = []
        /// The open safety alerts, oldest first, at most 50 (`SafetyAlertStore.open`'s), with their owners' names.
        var alerts: [(id: UUID, title: String, detail: String?, owner: String, raisedAt: Date?)] = []
        /// The latest twenty changes to the record, newest first, with who made them.
        var changes: [Change] = []
        /// The care team in the order it was made, the team's staff profiles by user, the named users by id.
        var people: [Person] = []
        var counts = Counts(referrals: 0, openReferrals: 0, openReconciliations: 0)
        /// Every medication on the profile by name, with its high-alert class as stored.
        var medications: [(highAlert: String?, medication: Medication)] = []
    }

    /// One row of `records`: which list it belongs to, and that list's columns in `a`…`f` and the flags.
    struct RecordRow: Decodable, Sendable {
        var part: String
        var id: UUID
        var a: String?, b: String?, c: String?, d: String?, e: String?, f: String?
        var number: Int?
        var flag1: Bool?, flag2: Bool?, flag3: Bool?
        /// What the list is sorted by, in this order: a coverage's billing order; a diagnosis's rank, an allergy's substance,
        /// a medication's name, the day a teaching was given; when it was recorded (an alert's raising); then the id.
        var sortNumber: Int?
        var sortText: String?
        var sortAt: Date?
        enum CodingKeys: String, CodingKey {
            case part, id, a, b, c, d, e, f, number, flag1, flag2, flag3, sortNumber = "sort_number", sortText = "sort_text", sortAt = "sort_at"
        }

        /// Rows in their lists' order, a missing key first (as SQLite sorts `NULL`), text by code point (as SQLite, and
        /// PostgreSQL in the `C.UTF-8` collation Hearth's clusters use).
        static func inListOrder(_ x: RecordRow, _ y: RecordRow) -> Bool {
            if x.part != y.part { return x.part < y.part }
            if x.sortNumber != y.sortNumber { return (x.sortNumber ?? .min) < (y.sortNumber ?? .min) }
            if x.sortText != y.sortText { return (x.sortText ?? "").utf8.lexicographicallyPrecedes((y.sortText ?? "").utf8) }
            if x.sortAt != y.sortAt { return (x.sortAt ?? .distantPast) < (y.sortAt ?? .distantPast) }
            return x.id.precedes(y.id)
        }
    }

    /// Thirteen lists and the counts in one `UNION ALL` of typed rows (were fifteen queries; the safety alerts were two with
    /// an alert's owner). The first part types every column (PostgreSQL resolves a `UNION` pair by pair, so a column left
    /// NULL in the first two parts would become text). `named`: the users the chart names (case manager, physician).
    /// The lists are put in order here, not by an `ORDER BY` over the `UNION`: SQLite compiled a sorter for each of its
    /// parts, a third of the statement's cost on every chart.
    static func records(of patientID: UUID, named userIDs: [UUID], on db: any Database) async throws -> Records {
        let alertSource = SafetyAlertStore.source, closedReferral = ReferralState.closed.rawValue
        // A list of no ids is not valid SQL: ask for one that matches nobody.
        let named: [any Encodable & Sendable] = userIDs.isEmpty ? [patientID] : userIDs
        let rows = try await db.sql.raw("""
            SELECT 'diagnosis' AS part, id, code AS a, title AS b, rank AS c, onset_date AS d, CAST(NULL AS TEXT) AS e, CAST(NULL AS TEXT) AS f,
                   CAST(NULL AS INTEGER) AS number, CAST(NULL AS BOOLEAN) AS flag1, CAST(NULL AS BOOLEAN) AS flag2, CAST(NULL AS BOOLEAN) AS flag3,
                   CAST(NULL AS INTEGER) AS sort_number, rank AS sort_text, created_at AS sort_at
            FROM diagnoses WHERE patient_id = \(bind: patientID) AND resolved_date IS NULL
            UNION ALL
            SELECT 'coverage', id, payer, program, member_id, plan, start_date, end_date, billing_order, NULL, NULL, NULL, billing_order, NULL, NULL
            FROM coverages WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'allergy', id, substance, reaction, severity, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, substance, NULL
            FROM allergies WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'contact', id, name, relationship, phone, NULL, NULL, NULL, NULL, lives_with, is_caregiver, is_decision_maker, NULL, NULL, created_at
            FROM patient_contacts WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'directive', id, kind, location, NULL, NULL, NULL, NULL, NULL, on_file, NULL, NULL, NULL, NULL, created_at
            FROM advance_directives WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'outside', id, role, name, organization, phone, fax, NULL, NULL, NULL, NULL, NULL, NULL, NULL, created_at
            FROM external_care_contacts WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'finding', id, finding_json, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, created_at
            FROM home_safety_findings WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'teaching', id, topic, learner, method, result, material, note, NULL, NULL, NULL, NULL, NULL, taught_on, created_at
            FROM teaching_records WHERE patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'alert', t.id, t.title, t.detail, u.display_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.created_at
            FROM (SELECT id, title, detail, assigned_to_id, created_at FROM tasks
                  WHERE patient_id = \(bind: patientID) AND status = 'open' AND source = \(bind: alertSource) ORDER BY created_at LIMIT 50) t
            JOIN users u ON u.id = t.assigned_to_id
            UNION ALL
            SELECT 'change', c.id, c.field, c.old_value, c.new_value, u.display_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.changed_at
            FROM (SELECT id, field, old_value, new_value, changed_by_id, changed_at FROM record_changes
                  WHERE patient_id = \(bind: patientID) ORDER BY changed_at DESC LIMIT 20) c
            LEFT JOIN users u ON u.id = c.changed_by_id
            UNION ALL
            SELECT 'person-team', m.id, u.display_name, m.team_role, CAST(m.user_id AS TEXT), s.discipline, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, m.created_at
            FROM care_team_members m JOIN users u ON u.id = m.user_id LEFT JOIN staff_profiles s ON s.user_id = m.user_id
            WHERE m.patient_id = \(bind: patientID)
            UNION ALL
            SELECT 'person-user', u.id, u.display_name, NULL, d.npi, d.phone, d.fax, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM users u LEFT JOIN physician_details d ON d.user_id = u.id WHERE u.id IN (\(binds: named))
            UNION ALL
            SELECT 'count', patient_id, 'referrals', NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL
            FROM resource_referrals WHERE patient_id = \(bind: patientID) GROUP BY patient_id
            UNION ALL
            SELECT 'count', patient_id, 'open referrals', NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL
            FROM resource_referrals WHERE patient_id = \(bind: patientID) AND state <> \(bind: closedReferral) GROUP BY patient_id
            UNION ALL
            SELECT 'count', patient_id, 'open reconciliations', NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL
            FROM medication_reconciliations WHERE patient_id = \(bind: patientID) AND status = 'open' GROUP BY patient_id
            UNION ALL
            SELECT 'communication', c.id, c.subject, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.occurred_at
            FROM (SELECT id, subject, occurred_at FROM communications WHERE patient_id = \(bind: patientID) ORDER BY occurred_at DESC, id DESC LIMIT 1) c
            UNION ALL
            SELECT 'medication', id, medication_json, high_alert, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, name, NULL
            FROM medications WHERE patient_id = \(bind: patientID)
            """).all(decoding: RecordRow.self).sorted(by: RecordRow.inListOrder)
        var records = Records()
        for row in rows {
            switch row.part {
            case "diagnosis": records.diagnoses.append(diagnosis(row, patientID: patientID))
            case "coverage": records.coverages.append(coverage(row, patientID: patientID))
            case "allergy": records.allergies.append(allergy(row, patientID: patientID))
            case "contact": records.contacts.append(contact(row, patientID: patientID))
            case "directive": records.directives.append(directive(row, patientID: patientID))
            case "outside": records.outside.append(outsideContact(row, patientID: patientID))
            case "finding": records.findings.append(try StoredJSON.decode(HomeSafetyFinding.self, from: row.a ?? "", what: "home safety finding"))
            case "teaching": records.teaching.append(teachingLog(row, patientID: patientID))
            case "alert": records.alerts.append((row.id, row.a ?? "", row.b, row.c ?? "", row.sortAt))
            case "change":
                records.changes.insert(Change(field: row.a ?? "", oldValue: row.b, newValue: row.c, changedAt: row.sortAt ?? .distantPast, changedBy: row.d), at: 0)
            case "person-team":
                // A member, and the member's staff profile when there is one (its discipline): one part, was two.
                records.people.append(Person(kind: "team", id: row.id, displayName: row.a ?? "", teamRole: row.b))
                if let discipline = row.d, let userID = row.c.flatMap(UUID.init(uuidString:)) {
                    records.people.append(Person(kind: "staff", id: userID, displayName: row.a ?? "", teamRole: discipline))
                }
            case "person-user":
                records.people.append(Person(kind: "user", id: row.id, displayName: row.a ?? "", npi: row.c, phone: row.d, fax: row.e))
            case "count":
                switch row.a {
                case "referrals": records.counts.referrals = row.number ?? 0
                case "open referrals": records.counts.openReferrals = row.number ?? 0
                default: records.counts.openReconciliations = row.number ?? 0
                }
            case "communication": (records.counts.latestSubject, records.counts.latestAt) = (row.a, row.sortAt)
            case "medication":
                records.medications.append((row.b, try MedicationStore.decode(json: row.a ?? "")))
            default: continue
            }
        }
        return records
    }

    private static func diagnosis(_ row: RecordRow, patientID: UUID) -> Diagnosis {
        let diagnosis = Diagnosis()
        (diagnosis.id, diagnosis.$patient.id) = (row.id, patientID)
        (diagnosis.code, diagnosis.title, diagnosis.rank, diagnosis.onsetDate) = (row.a ?? "", row.b ?? "", row.c ?? "", row.d)
        return diagnosis
    }

    private static func coverage(_ row: RecordRow, patientID: UUID) -> Coverage {
        let coverage = Coverage()
        (coverage.id, coverage.$patient.id) = (row.id, patientID)
        (coverage.payer, coverage.program, coverage.memberID, coverage.plan) = (row.a ?? "", row.b, row.c ?? "", row.d)
        (coverage.startDate, coverage.endDate, coverage.order) = (row.e, row.f, row.number ?? 0)
        return coverage
    }

    private static func allergy(_ row: RecordRow, patientID: UUID) -> Allergy {
        let allergy = Allergy()
        (allergy.id, allergy.$patient.id) = (row.id, patientID)
        (allergy.substance, allergy.reaction, allergy.severity) = (row.a ?? "", row.b, row.c ?? "")
        return allergy
    }

    private static func contact(_ row: RecordRow, patientID: UUID) -> PatientContact {
        let contact = PatientContact()
        (contact.id, contact.$patient.id) = (row.id, patientID)
        (contact.name, contact.relationship, contact.phone) = (row.a ?? "", row.b ?? "", row.c ?? "")
        (contact.livesWith, contact.isCaregiver, contact.isDecisionMaker) = (row.flag1 ?? false, row.flag2 ?? false, row.flag3 ?? false)
        return contact
    }

    private static func directive(_ row: RecordRow, patientID: UUID) -> AdvanceDirective {
        let directive = AdvanceDirective()
        (directive.id, directive.$patient.id) = (row.id, patientID)
        (directive.kind, directive.location, directive.onFile) = (row.a ?? "", row.b ?? "", row.flag1 ?? false)
        return directive
    }

    private static func outsideContact(_ row: RecordRow, patientID: UUID) -> ExternalCareContact {
        let contact = ExternalCareContact()
        (contact.id, contact.$patient.id) = (row.id, patientID)
        (contact.role, contact.name, contact.organization, contact.phone, contact.fax) = (row.a ?? "", row.b, row.c, row.d, row.e)
        return contact
    }

    private static func teachingLog(_ row: RecordRow, patientID: UUID) -> TeachingLog {
        let log = TeachingLog()
        (log.id, log.$patient.id) = (row.id, patientID)
        (log.topic, log.learner, log.method, log.result, log.material, log.note) = (row.a ?? "", row.b ?? "", row.c ?? "", row.d ?? "", row.e, row.f)
        log.taughtOn = row.sortText ?? ""
        return log
    }

    /// One line of the change history with the name of who made it.
    struct Change: Sendable, Equatable {
        var field: String
        var oldValue: String?
        var newValue: String?
        var changedAt: Date
        var changedBy: String?
    }
}
