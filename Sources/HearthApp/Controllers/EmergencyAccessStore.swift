import Fluent
import Foundation
import HearthCore
import Vapor

/// Emergency accesses: opened, ended and reviewed, each in one transaction with its audit record
/// [45 CFR 164.312(a)(2)(ii), 164.312(b)].
enum EmergencyAccessStore {
    /// Opens the chart to the user for the agency's hours, with her reason.
    static func open(patientID: UUID, reason: String, by user: CurrentUser, now: Date, req: Request) async throws -> EmergencyAccessRecord {
        let grant = EmergencyAccessGrant(now: now, hours: req.application.settings.emergencyAccessHours)
        let record = EmergencyAccessRecord()
        record.id = UUID()
        record.$user.id = user.id
        record.$patient.id = patientID
        record.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        record.startedAt = grant.startedAt
        record.endsAt = grant.endsAt
        let hours = Int((grant.endsAt.timeIntervalSince(grant.startedAt) / 3600).rounded())
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await audit("patient.emergency_access", patientID: patientID, resourceType: "EmergencyAccess", resourceID: record.id?.uuidString,
                                detail: "for \(hours) hours until \(req.agencyClock(grant.endsAt)); reason: \(record.reason)")
        }
        return record
    }

    /// The user ends her open access to the patient before its time.
    static func end(patientID: UUID, by user: CurrentUser, now: Date, req: Request) async throws {
        guard let record = try await PatientAccess.openEmergencyAccess(of: user.id, to: patientID, now: now, on: req.db) else {
            throw AppError.conflict("You have no open emergency access to this chart: it has already ended.")
        }
        var grant = record.grant
        if let problem = grant.endNow(now) { throw AppError.conflict(problem) }
        record.endedAt = grant.endedAt
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("patient.emergency_access.end", patientID: patientID, resourceType: "EmergencyAccess", resourceID: record.id?.uuidString,
                                detail: "ended by the user")
        }
    }

    /// A supervisor's review: refused with a reason when the note is missing or it was already reviewed.
    static func review(_ record: EmergencyAccessRecord, note: String, by user: CurrentUser, now: Date, req: Request) async throws -> String? {
        var grant = record.grant
        if let problem = grant.review(note: note, now: now) { return problem }
        record.reviewedAt = grant.reviewedAt
        record.$reviewedBy.id = user.id
        record.reviewNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
        try await req.auditedWrite { db, audit in
            try await record.save(on: db)
            try await audit("emergency_access.review", patientID: record.$patient.id, resourceType: "EmergencyAccess", resourceID: record.id?.uuidString,
                                detail: record.reviewNote)
        }
        return nil
    }

    /// Accesses not yet reviewed, open or ended, newest first: what the supervisor owes a look.
    static func unreviewed(limit: Int = 200, on db: any Database) async throws -> [EmergencyAccessRecord] {
        try await EmergencyAccessRecord.query(on: db).filter(\.$reviewedAt == nil)
            .with(\.$user).with(\.$patient)
            .sort(\.$startedAt, .descending).sort(\.$id).limit(limit).all()
    }

    /// Reviewed accesses, newest first, a page at a time (one row more tells whether there is another page).
    static func reviewed(page: Int, size: Int, on db: any Database) async throws -> [EmergencyAccessRecord] {
        try await EmergencyAccessRecord.query(on: db).filter(\.$reviewedAt != nil)
            .with(\.$user).with(\.$patient).with(\.$reviewedBy)
            .sort(\.$startedAt, .descending).sort(\.$id)
            .range(((page - 1) * size)..<(page * size + 1)).all()
    }

    static func unreviewedCount(on db: any Database) async throws -> Int {
        try await EmergencyAccessRecord.query(on: db).filter(\.$reviewedAt == nil).count()
    }

    /// The user's accesses still open, for her home page: the way back to a chart not on her list.
    static func open(for userID: UUID, now: Date, on db: any Database) async throws -> [EmergencyAccessRecord] {
        try await EmergencyAccessRecord.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$endsAt > now).filter(\.$endedAt == nil).with(\.$patient).sort(\.$endsAt).limit(20).all()
    }

    /// The patients an emergency look-up finds: the MRN exactly, or the family name and date of birth exactly (and the
    /// given name when typed). Never a partial name: a look-up is not a way to browse the agency's patients.
    static func find(_ lookup: EmergencyLookup, on db: any Database) async throws -> [Patient] {
        let query = Patient.query(on: db)
        if !lookup.mrn.isEmpty {
            query.filter(\.$mrn == lookup.mrn.uppercased())
        } else {
            query.filter(\.$familyKey == lookup.familyName.lowercased()).filter(\.$birthDate == lookup.birthDate)
            if !lookup.givenName.isEmpty { query.filter(\.$givenKey == lookup.givenName.lowercased()) }
        }
        return try await query.sort(\.$familyKey).sort(\.$givenKey).limit(10).all()
    }
}

/// What a clinician typed to find a patient in an emergency, checked.
struct EmergencyLookup: Sendable {
    var mrn = ""
    var familyName = ""
    var givenName = ""
    var birthDate = ""
    var errors: [String: String] = [:]

    init(query: any URLQueryContainer) {
        func text(_ name: String) -> String { (query[String.self, at: name] ?? "").trimmingCharacters(in: .whitespaces) }
        mrn = text("mrn"); familyName = text("family"); givenName = text("given"); birthDate = text("dob")
        guard isAsked else { return }
        if !mrn.isEmpty { return }
        if familyName.isEmpty { errors["family"] = "Enter the patient's last name, or search by MRN instead." }
        if birthDate.isEmpty {
            errors["dob"] = "Enter the date of birth as well: a name alone does not open a look-up."
        } else if CalendarDate(birthDate) == nil {
            errors["dob"] = "Enter the date of birth as YYYY-MM-DD, e.g. 1941-03-09."
        }
    }

    /// Whether anything was typed: an empty form just shows the form.
    var isAsked: Bool { !(mrn + familyName + givenName + birthDate).isEmpty }
}
