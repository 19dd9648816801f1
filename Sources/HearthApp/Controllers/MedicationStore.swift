import Fluent
import FluentSQL
import Foundation
import HearthCore
import Vapor

/// Storing the medication profile: the domain entry as JSON plus the columns lists and flags read.
enum MedicationStore {
    static func decode(_ record: MedicationRecord) throws -> Medication {
        try decode(json: record.medicationJSON)
    }

    /// A medication entry as stored in `medications.medication_json` (read by the chart's named query without its row).
    static func decode(json: String) throws -> Medication {
        try StoredJSON.decode(Medication.self, from: json, what: "medication entry")
    }

    /// Copies a medication into its row; the caller saves the row.
    static func store(_ medication: Medication, in record: MedicationRecord, catalog: MedicationCatalog) throws {
        record.name = medication.name
        record.rxnorm = medication.rxnorm
        record.highAlert = catalog.isHighAlert(medication.name)?.rawValue
        record.administeredBy = medication.administeredBy.rawValue
        record.startOn = medication.start.description
        record.stopOn = medication.stop?.description
        record.refillDueOn = medication.supply?.refillDue.description
        record.runsOutOn = medication.supply?.runsOut.description
        record.medicationJSON = try StoredJSON.encode(medication)
    }

    /// A patient's whole profile, current and stopped, by name.
    static func profile(of patientID: UUID, on db: any Database) async throws -> [(MedicationRecord, Medication)] {
        try await MedicationRecord.query(on: db).filter(\.$patient.$id == patientID).sort(\.$name).sort(\.$id).all().map { ($0, try decode($0)) }
    }

    /// Adds a medication and its history line in one transaction; an override of a safety warning is kept with it.
    @discardableResult
    static func add(_ medication: Medication, patientID: UUID, by userID: UUID?, note: String? = nil, override: MedicationSafetyOverride? = nil,
                    catalog: MedicationCatalog, on db: any Database) async throws -> MedicationRecord {
        let record = MedicationRecord()
        record.$patient.id = patientID
        record.$createdBy.id = userID
        try store(medication, in: record, catalog: catalog)
        if let override { _ = try MedicationSafetyGate.attach(override, to: record) }
        try await record.create(on: db)
        try await RecordChange(patientID: patientID, field: "Medication added", from: nil, to: medication.sig + (note.map { " (\($0))" } ?? ""),
                               by: userID, recordID: record.id).create(on: db)
        if let override { try await MedicationSafetyGate.historyLine(override, medication: medication.name, record: record).create(on: db) }
        return record
    }

    /// Saves a changed medication with one history line per changed field.
    static func update(_ record: MedicationRecord, from old: Medication, to new: Medication, by userID: UUID?, note: String? = nil,
                       override: MedicationSafetyOverride? = nil, catalog: MedicationCatalog, on db: any Database) async throws {
        let changes = new.changes(from: old)
        guard !changes.isEmpty else { return }
        try store(new, in: record, catalog: catalog)
        if let override {
            _ = try MedicationSafetyGate.attach(override, to: record)
            try await MedicationSafetyGate.historyLine(override, medication: new.name, record: record).create(on: db)
        }
        try await record.save(on: db)
        for change in changes {
            try await RecordChange(patientID: record.$patient.id, field: "\(new.name): \(change.field.lowercased())", from: change.old,
                                   to: (change.new ?? "(none)") + (note.map { " (\($0))" } ?? ""), by: userID, recordID: record.id).create(on: db)
        }
    }

    /// A medication's own history, newest first.
    static func history(of medicationID: UUID, on db: any Database) async throws -> [RecordChange] {
        try await RecordChange.query(on: db).filter(\.$recordID == medicationID).with(\.$changedBy).sort(\.$changedAt, .descending).all()
    }

    /// Refills due or overdue for a page of patients: one query on two indexed columns.
    static func refillAlerts(for patientIDs: [UUID], today: CalendarDate, on db: any Database) async throws -> [UUID: RefillAlerts] {
        guard !patientIDs.isEmpty else { return [:] }
        let sql = try db.sql
        struct Row: Decodable { var patient_id: UUID; var runs_out_on: String?; var stop_on: String? }
        let rows = try await sql.select().column("patient_id").column("runs_out_on").column("stop_on").from(MedicationRecord.schema)
            .where("patient_id", .in, patientIDs).where("refill_due_on", .lessThanOrEqual, today.description)
            .all(decoding: Row.self)
        var alerts: [UUID: RefillAlerts] = [:]
        for row in rows where (row.stop_on ?? "9999") >= today.description {
            if let runsOut = row.runs_out_on, runsOut <= today.description { alerts[row.patient_id, default: .init()].overdue += 1 }
            else { alerts[row.patient_id, default: .init()].due += 1 }
        }
        return alerts
    }
}

/// A patient's refills as the caseload flags them.
struct RefillAlerts: Sendable {
    var due = 0
    var overdue = 0
}
