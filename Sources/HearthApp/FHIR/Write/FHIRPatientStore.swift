import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// Saving FHIR Patients: create, update and matching by identifier, each with its history lines and audit record on
/// the write's database (its transaction).
enum FHIRPatientStore {
    /// `identifier=system|value`; a nil system matches any system, Hearth's MRN included.
    struct Criterion: Sendable {
        var system: String?
        var value: String

        /// Whether `matches` finding nobody for this criterion means nobody holds the identifier.
        func excludes(_ identifier: PatientWrite.Identifier) -> Bool {
            system != FHIRPatient.mrnSystem && value == identifier.value && (system == nil || system == identifier.system)
        }
    }

    /// Reads `identifier=system|value`, the one search Hearth's conditional writes accept.
    static func identifierCriterion(_ query: String, at path: String) throws -> Criterion {
        let parts = query.split(separator: "&").map(String.init)
        guard parts.count == 1, parts[0].hasPrefix("identifier="),
              let text = String(parts[0].dropFirst("identifier=".count)).replacingOccurrences(of: "+", with: " ").removingPercentEncoding, !text.isEmpty else {
            throw FHIRWriteError(.badRequest, "Conditional writes match by identifier only: identifier=system|value.", at: path, code: "not-supported")
        }
        guard let bar = text.firstIndex(of: "|") else { return Criterion(system: nil, value: text) }
        let system = String(text[..<bar])
        return Criterion(system: system, value: String(text[text.index(after: bar)...]))
    }

    /// Every patient the identifier names (a search by another system's identifier never matches an MRN).
    static func matches(_ criterion: Criterion, on db: any Database) async throws -> [Patient] {
        var ids: Set<UUID> = []
        if criterion.system == nil || criterion.system == FHIRPatient.mrnSystem {
            ids.formUnion(try await Patient.query(on: db).filter(\.$mrn == criterion.value).all(\.$id))
        }
        if criterion.system != FHIRPatient.mrnSystem {
            var query: SQLQueryString = "SELECT patient_id FROM patient_identifiers WHERE \"value\" = \(bind: criterion.value)"
            if let system = criterion.system {
                query.appendInterpolation(unsafeRaw: " AND \"system\" = ")
                query.appendInterpolation(bind: system)
            }
            ids.formUnion(try await db.sql.raw(query).all().map { try $0.decode(column: "patient_id", as: UUID.self) })
        }
        guard !ids.isEmpty else { return [] }
        return try await Patient.query(on: db).filter(\.$id ~~ Array(ids)).all()
    }

    /// What the checks before registering a new patient found, asked in one statement (`screen`).
    struct Screen: Sendable {
        /// Somebody holds the If-None-Exist identifier.
        var matched = false
        var identifierHeld = false
        var sameNameAndBirthDate = false
        var mrnTaken = false

        /// Why the patient may be a registered one (`FHIRPatientHold`), or nil.
        var possibleMatch: String? {
            identifierHeld ? FHIRPatientHold.identifierHeld : sameNameAndBirthDate ? FHIRPatientHold.sameNameAndBirthDate : nil
        }
    }

    /// In one statement: whether anybody holds the If-None-Exist identifier (`matches` reads who), another system's
    /// identifier the patient carries (`absent` excluded, as `FHIRPatientHold.possibleMatch`), or its name and date of
    /// birth, and whether `mrn` is taken. Patients registered earlier in the transaction count (their kept rows are
    /// inserted first when one may match).
    static func screen(_ write: PatientWrite, ifNoneExist criterion: Criterion?, mrn: String, _ context: FHIRWriteContext) async throws -> Screen {
        if context.memo.keptRegistrationMayMatch(write, criterion, mrn: mrn) { try await context.insertKept() }
        var parts: [SQLQueryString] = []
        if let criterion {
            if criterion.system == nil || criterion.system == FHIRPatient.mrnSystem {
                parts.append("SELECT 'match' AS fact FROM patients WHERE mrn = \(bind: criterion.value)")
            }
            if criterion.system != FHIRPatient.mrnSystem {
                var part: SQLQueryString = "SELECT 'match' AS fact FROM patient_identifiers WHERE \"value\" = \(bind: criterion.value)"
                if let system = criterion.system { part.appendInterpolation(unsafeRaw: " AND \"system\" = "); part.appendInterpolation(bind: system) }
                parts.append(part)
            }
        }
        for identifier in write.identifiers where !(criterion?.excludes(identifier) ?? false) {
            parts.append("SELECT 'held' AS fact FROM patient_identifiers WHERE \"system\" = \(bind: identifier.system) AND \"value\" = \(bind: identifier.value)")
        }
        parts.append("""
            SELECT 'name' AS fact WHERE EXISTS (SELECT 1 FROM patients WHERE family_key = \(bind: write.draft.familyName.lowercased())
                AND given_key = \(bind: write.draft.givenName.lowercased()) AND birth_date = \(bind: write.draft.birthDate))
            """)
        parts.append("SELECT 'mrn' AS fact WHERE EXISTS (SELECT 1 FROM patients WHERE mrn = \(bind: mrn))")
        var screen = Screen()
        for row in try await context.db.sql.raw(parts.joined(separator: " UNION ALL ")).all() {
            switch try row.decode(column: "fact", as: String.self) {
            case "match": screen.matched = true
            case "held": screen.identifierHeld = true
            case "name": screen.sameNameAndBirthDate = true
            default: screen.mrnTaken = true
            }
        }
        return screen
    }

    /// Registers the patient, as the registration form does, plus what only partners send. `screened`: the caller found
    /// that nobody holds its identifiers or has its name and date of birth (`FHIRPatientHold.possibleMatch`), in this transaction.
    /// `mrn`: a medical record number the caller found free, in this transaction.
    static func create(_ write: PatientWrite, _ context: FHIRWriteContext, at path: String, screened: Bool = false, mrn: String? = nil) async throws -> Patient {
        try context.authorize(.registerPatient, at: path)
        if write.mrn != nil { throw FHIRWriteError(.unprocessableEntity, "Hearth assigns the MRN; leave \(FHIRPatient.mrnSystem) out of a new patient.", at: "\(path).identifier") }
        if !screened { try await checkIdentifiersFree(write, patientID: nil, on: context.db) }
        let physician = try await context.physician(write.physicianReference)
        let user = try context.user
        let patient = Patient(mrn: "", givenName: write.draft.givenName, familyName: write.draft.familyName, birthDate: write.draft.birthDate, sex: write.draft.sex)
        patient.id = UUID()
        _ = patient.apply(write.draft)
        patient.languageCode = write.languageCode
        switch user.role {
        case .caseManager: patient.$caseManager.id = user.id
        case .intake: patient.$referredBy.id = user.id
        default: break
        }
        patient.$physician.id = try physician?.requireID()
        if let mrn { patient.mrn = mrn } else { patient.mrn = try await freeMRN(context) }
        let duplicate = screened ? false : try await PatientQueries.possibleDuplicateExists(write.draft, on: context.db)
        let patientID = try patient.requireID()
        if context.audit.isBatching {
            // With the transaction's other rows at its end; until then the memo answers the next patients' checks.
            patient.createdAt = Date()
            patient.updatedAt = patient.createdAt
            try await context.audit.insert(patient)
            context.memo.kept(.init(mrn: patient.mrn, familyKey: patient.familyKey, givenKey: patient.givenKey, birthDate: patient.birthDate,
                                    identifiers: write.identifiers.map { ($0.system, $0.value) }))
        } else {
            try await patient.create(on: context.db)
        }
        context.patients.remember(patient)
        context.memo.registered(patientID)
        try PatientAccess.registered(patient, by: user.id, memo: context.access)
        for row in identifierRows(write.identifiers, of: patientID) { try await context.audit.insert(row) }
        try await context.audit.recordChange(RecordChange(patientID: patientID, field: "Registered", from: nil, to: "\(patient.listName) (\(patient.mrn)), by FHIR", by: user.id))
        if let physician { try await context.audit.recordChange(RecordChange(patientID: patientID, field: PhysicianDirectory.historyField, from: nil, to: physician.displayName, by: user.id)) }
        try await context.audit("patient.create", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                    detail: "FHIR" + (duplicate ? ", possible duplicate: same name and date of birth" : ""))
        return patient
    }

    /// Replaces what the partner sent (FHIR update replaces the resource); what FHIR does not carry, such as the
    /// time zone, code status and case manager, stays. Answers the changed fields' names.
    static func update(_ patient: Patient, with write: PatientWrite, _ context: FHIRWriteContext, at path: String) async throws -> [String] {
        try await context.authorize(.write, patient, at: path)
        let patientID = try patient.requireID()
        if let mrn = write.mrn, mrn != patient.mrn { throw FHIRWriteError(.unprocessableEntity, "The MRN is Hearth's and cannot change.", at: "\(path).identifier") }
        try await checkIdentifiersFree(write, patientID: patientID, on: context.db)
        let physician = try await context.physician(write.physicianReference)
        var draft = write.draft
        draft.timeZone = patient.timeZone ?? ""
        var changes = patient.apply(draft)
        if patient.languageCode != write.languageCode {
            changes.append(FieldChange(field: "Language code", old: patient.languageCode, new: write.languageCode))
            patient.languageCode = write.languageCode
        }
        let physicianID = try physician?.requireID()
        if patient.$physician.id != physicianID {
            var old: User?
            if let oldID = patient.$physician.id { old = try await User.find(oldID, on: context.db) }
            changes.append(FieldChange(field: PhysicianDirectory.historyField, old: old?.displayName, new: physician?.displayName))
            patient.$physician.id = physicianID
        }
        let stored = try await PatientIdentifier.query(on: context.db).filter(\.$patient.$id == patientID).sort(\.$position).all()
        let sameIdentifiers = stored.map { [$0.system, $0.value, $0.use ?? "", $0.typeJSON ?? ""] } == write.identifiers.map { [$0.system, $0.value, $0.use ?? "", $0.typeJSON ?? ""] }
        if !sameIdentifiers {
            changes.append(FieldChange(field: "Other identifiers", old: stored.map(\.system).joined(separator: ", "), new: write.identifiers.map(\.system).joined(separator: ", ")))
        }
        guard !changes.isEmpty else { return [] }
        let user = try context.user
        let db = context.db
        try await patient.save(on: db)
        if !sameIdentifiers {
            try await PatientIdentifier.query(on: db).filter(\.$patient.$id == patientID).delete()
            for row in identifierRows(write.identifiers, of: patientID) { try await row.create(on: db) }
        }
        for change in changes {
            try await RecordChange(patientID: patientID, field: change.field, from: change.old, to: change.new, by: user.id).create(on: db)
        }
        try await context.audit("patient.update", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                    detail: "FHIR, changed: " + changes.map(\.field).joined(separator: ", "))
        return changes.map(\.field)
    }

    /// The resource as it reads back, with contacts and other identifiers: both in one named query (every FHIR read of
    /// a patient sends it).
    static func resource(_ patient: Patient, on db: any Database) async throws -> FHIRPatient {
        let id = try patient.requireID()
        // The two tables' rows in shared columns; PostgreSQL types a UNION by its first part, so its NULLs are cast.
        let rows = try await db.sql.raw("""
            SELECT 'contact' AS kind, id, created_at, name AS t1, relationship AS t2, phone AS t3, CAST(NULL AS TEXT) AS t4,
                   lives_with AS b1, is_caregiver AS b2, is_decision_maker AS b3, CAST(NULL AS INTEGER) AS n
            FROM patient_contacts WHERE patient_id = \(bind: id)
            UNION ALL
            SELECT 'identifier', id, created_at, "system", "value", "use", type_json, NULL, NULL, NULL, "position"
            FROM patient_identifiers WHERE patient_id = \(bind: id)
            """).all()
        var contacts: [PatientContact] = [], identifiers: [PatientIdentifier] = []
        for row in rows {
            if try row.decode(column: "kind", as: String.self) == "contact" {
                let contact = PatientContact()
                contact.id = try row.decode(column: "id", as: UUID.self)
                contact.$patient.id = id
                contact.createdAt = try row.decode(column: "created_at", as: Date?.self)
                (contact.name, contact.relationship, contact.phone) = (try row.decode(column: "t1"), try row.decode(column: "t2"), try row.decode(column: "t3"))
                (contact.livesWith, contact.isCaregiver, contact.isDecisionMaker) = (try row.decode(column: "b1"), try row.decode(column: "b2"), try row.decode(column: "b3"))
                contacts.append(contact)
            } else {
                identifiers.append(PatientIdentifier(patientID: id, system: try row.decode(column: "t1"), value: try row.decode(column: "t2"),
                                                     use: try row.decode(column: "t3"), typeJSON: try row.decode(column: "t4"),
                                                     position: try row.decode(column: "n")))
            }
        }
        return try FHIRPatient(patient, contacts: contacts.sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) },
                               identifiers: identifiers.sorted { $0.position < $1.position })
    }

    /// One system's identifier names one patient: a clash is refused by its path, never merged silently.
    private static func checkIdentifiersFree(_ write: PatientWrite, patientID: UUID?, on db: any Database) async throws {
        for identifier in write.identifiers {
            let owner = try await PatientIdentifier.query(on: db).filter(\.$system == identifier.system).filter(\.$value == identifier.value).first()
            if let owner, owner.$patient.id != patientID {
                throw FHIRWriteError(.conflict, "Another patient already has this identifier; match or merge the records in Hearth before sending it again.",
                                     at: identifier.path, code: "duplicate")
            }
        }
    }

    /// The identifiers' rows, in the order sent.
    private static func identifierRows(_ identifiers: [PatientWrite.Identifier], of patientID: UUID) -> [PatientIdentifier] {
        identifiers.enumerated().map { position, identifier in
            let row = PatientIdentifier(patientID: patientID, system: identifier.system, value: identifier.value, use: identifier.use,
                                        typeJSON: identifier.typeJSON, position: position)
            row.id = UUID()
            row.createdAt = Date()
            return row
        }
    }

    /// An unused MRN, asked before the insert: a failed insert would abort a PostgreSQL transaction.
    private static func freeMRN(_ context: FHIRWriteContext) async throws -> String {
        for _ in 1...5 {
            let mrn = MedicalRecordNumber.random()
            if context.memo.keptMRN(mrn) { continue }
            if try await context.db.sql.raw("SELECT 1 FROM patients WHERE mrn = \(bind: mrn) LIMIT 1").first() == nil { return mrn }
        }
        throw FHIRWriteError(.conflict, "Could not assign a medical record number. Send the request again.", code: "transient")
    }
}
