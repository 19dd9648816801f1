import Fluent
import SQLKit
import Foundation
import HearthCore
import Synchronization
import Vapor

/// Where one FHIR write happens: the caller (policy and audit), the database (the transaction, for a Bundle) and the
/// references a transaction's earlier entries created (`urn:uuid:…` → `Patient/<id>`).
struct FHIRWriteContext: Sendable {
    let req: Request
    let db: any Database
    /// Appends audit records to the same transaction.
    let audit: AuditTrail
    var created: [String: String] = [:]
    /// The version a PUT applies to (`If-Match`, or a Bundle entry's `request.ifMatch`); nil applies to any.
    var ifMatch: String?
    /// The policy's queried facts, asked once per patient for this write's transaction (a Bundle's many entries).
    let access = PatientAccessMemo()
    /// The patients this write's transaction looked up by id, so a Bundle's entries for one patient read the row once.
    let patients = FHIRPatientMemo()
    /// What else this transaction learned or wrote, so a Bundle's entries ask the database once (`FHIRTransactionMemo`).
    let memo = FHIRTransactionMemo()

    var user: CurrentUser { get throws { try req.currentUser } }

    /// Inserts the rows kept for the end of the transaction now (`AuditTrail.insertKept`), before a statement that may
    /// read or change them; the patients registered since then are in the database.
    func insertKept() async throws {
        try await audit.insertKept()
        memo.forgetKeptRegistrations()
    }

    /// The policy's answer for a patient, on this database (a patient created earlier in the same transaction
    /// counts). A refusal is audited by whoever ends the transaction (`FHIRWriteError.denials`), so a rollback keeps it.
    func authorize(_ action: PatientAction, _ patient: Patient, at path: String) async throws {
        let user = try self.user
        let relationships = try await PatientAccess.relationships(of: user.id, to: patient, on: db, memo: access, role: user.role)
        switch AccessPolicy.decide(role: user.role, relationships: relationships, action: action) {
        case .allowed: return
        case .forbidden(let reason):
            var error = FHIRWriteError(.forbidden, reason, at: path, code: "forbidden")
            error.denials = [.init(action: "patient.\(action.rawValue)", patientID: try patient.requireID(), detail: reason)]
            throw error
        case .hidden:
            var error = FHIRWriteError(.notFound, "No patient you may see has that id.", at: path, code: "not-found")
            error.denials = [.init(action: "patient.\(action.rawValue)", patientID: try patient.requireID(), detail: "no relationship to the patient")]
            throw error
        }
    }

    func authorize(_ action: AgencyAction, at path: String) throws {
        if case .forbidden(let reason) = AccessPolicy.decide(role: try user.role, action: action) {
            var error = FHIRWriteError(.forbidden, reason, at: path, code: "forbidden")
            error.denials = [.init(action: "agency.\(action.rawValue)", patientID: nil, detail: reason)]
            throw error
        }
    }

    /// The patient a reference names, if the caller may take `action` on it: `Patient/<id>`, `urn:uuid:…` of an
    /// earlier entry, or `Patient?identifier=system|value` matching exactly one patient.
    func patient(_ reference: String, at path: String, for action: PatientAction = .write) async throws -> Patient {
        let resolved = created[reference] ?? reference
        let patient: Patient?
        if resolved.hasPrefix("Patient?") {
            try await insertKept() // the identifiers of patients registered earlier in the transaction
            let query = String(resolved.dropFirst("Patient?".count))
            let matches = try await FHIRPatientStore.matches(FHIRPatientStore.identifierCriterion(query, at: path), on: db)
            guard matches.count <= 1 else { throw FHIRWriteError(.preconditionFailed, "The identifier matches more than one patient.", at: path, code: "multiple-matches") }
            patient = matches.first
        } else if resolved.hasPrefix("Patient/"), let id = UUID(uuidString: String(resolved.dropFirst("Patient/".count))) {
            patient = try await patients.patient(id, on: db)
        } else {
            throw FHIRWriteError(.unprocessableEntity, "Refer to the patient as Patient/<id>, Patient?identifier=system|value or an earlier entry's urn:uuid.", at: path)
        }
        guard let patient else { throw FHIRWriteError(.unprocessableEntity, "No patient you may see matches this reference.", at: path, code: "not-found") }
        try await authorize(action, patient, at: path)
        return patient
    }

    /// The physician a reference names: `Practitioner/<id>` of a physician account, or the NPI
    /// (`Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|<NPI>`) of one in the physician directory.
    func physician(_ reference: String, at path: String) async throws -> User {
        let resolved = created[reference] ?? reference
        if let known = memo.physician(resolved) { return known }
        var found: User?
        if resolved.hasPrefix("Practitioner/"), let id = UUID(uuidString: String(resolved.dropFirst("Practitioner/".count))) {
            found = try await User.find(id, on: db)
        } else if resolved.hasPrefix("Practitioner?identifier=") {
            let criterion = String(resolved.dropFirst("Practitioner?identifier=".count)).removingPercentEncoding ?? ""
            let parts = criterion.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, parts[0] == FHIRWriteContext.npiSystem else {
                throw FHIRWriteError(.unprocessableEntity, "Find the physician by NPI: Practitioner?identifier=\(Self.npiSystem)|<NPI>.", at: path)
            }
            found = try await PhysicianDetails.query(on: db).filter(\.$npi == parts[1]).with(\.$user).first()?.user
        }
        guard let found, found.role == Role.physician.rawValue, found.isActive else {
            throw FHIRWriteError(.unprocessableEntity, "No active physician matches this reference; add the physician to Hearth's directory first.", at: path, code: "not-found")
        }
        memo.remember(physician: found, resolved)
        return found
    }

    func physician(_ reference: (text: String, path: String)?) async throws -> User? {
        guard let reference else { return nil }
        return try await physician(reference.text, at: reference.path)
    }

    static let npiSystem = "http://hl7.org/fhir/sid/us-npi"
}

/// The patients one transaction has looked up by id. A Patient updated in the transaction, or a part of it rolled back
/// to a savepoint, forgets them all; never kept past its transaction.
final class FHIRPatientMemo: Sendable {
    private let known = Mutex<[UUID: Patient]>([:])

    func patient(_ id: UUID, on db: any Database) async throws -> Patient? {
        if let patient = known.withLock({ $0[id] }) { return patient }
        guard let patient = try await Patient.find(id, on: db) else { return nil }
        known.withLock { $0[id] = patient }
        return patient
    }

    /// A patient this transaction just registered, as it was inserted.
    func remember(_ patient: Patient) {
        guard let id = patient.id else { return }
        known.withLock { $0[id] = patient }
    }

    func forgetAll() { known.withLock { $0 = [:] } }
}

/// What one transaction learned or wrote besides patients, so a Bundle's many entries ask the database once: the patients
/// it registered (nothing of theirs is on file but what this transaction adds), the physicians and payers its entries
/// name, and each patient's diagnoses, allergies and reported vital signs (read once, then kept with the ones the transaction
/// added, which a batching write inserts at its end). Never kept past its transaction; a part of it rolled back to a
/// savepoint takes back what that part added and forgets the rest; a Practitioner written forgets the physicians.
final class FHIRTransactionMemo: Sendable {
    private enum Kind { case diagnosis, vitalSign, allergy }
    private struct Known {
        var registered: Set<UUID> = []
        var physicians: [String: User] = [:]
        var organizations: [UUID: String] = [:]
        var payers: [String: UUID] = [:]
        var diagnoses: [UUID: [Diagnosis]] = [:]
        var vitalSigns: [UUID: [ReportedVitalSign]] = [:]
        var allergies: [UUID: [Allergy]] = [:]
        /// The open reconciliation this transaction started for a patient it registered.
        var reconciliations: [UUID: MedicationReconciliationRecord] = [:]
        /// The coverages of a patient this transaction registered: the ones it added.
        var coverages: [UUID: [Coverage]] = [:]
        /// The patients registered whose rows wait for the end of the transaction (`AuditTrail.insert`).
        var kept: [KeptRegistration] = []
        /// The rows added, in order, by kind and patient.
        var added: [(kind: Kind, patientID: UUID)] = []
    }
    private let known = Mutex(Known())

    /// What the checks of the next patients would find of a registration kept for the end of the transaction.
    struct KeptRegistration: Sendable {
        var mrn: String
        var familyKey: String
        var givenKey: String
        var birthDate: String
        var identifiers: [(system: String, value: String)]
    }

    func kept(_ registration: KeptRegistration) { known.withLock { $0.kept.append(registration) } }

    func forgetKeptRegistrations() { known.withLock { $0.kept = [] } }

    /// Whether a check of this new patient (its identifiers, If-None-Exist, name and date of birth, or the MRN) could
    /// find a registration not in the database yet: then the caller inserts the kept rows and asks the database.
    func keptRegistrationMayMatch(_ write: PatientWrite, _ criterion: FHIRPatientStore.Criterion?, mrn: String) -> Bool {
        let family = write.draft.familyName.lowercased(), given = write.draft.givenName.lowercased()
        return known.withLock { known in
            known.kept.contains { kept in
                kept.mrn == mrn || kept.mrn == criterion?.value || (kept.familyKey == family && kept.givenKey == given && kept.birthDate == write.draft.birthDate)
                    || kept.identifiers.contains { held in
                        held.value == criterion?.value || write.identifiers.contains { $0.system == held.system && $0.value == held.value }
                    }
            }
        }
    }

    func keptMRN(_ mrn: String) -> Bool { known.withLock { $0.kept.contains { $0.mrn == mrn } } }

    /// Where the transaction stands, to go back to with its savepoint.
    var mark: Int { known.withLock { $0.added.count } }

    /// The rows added since `mark` are taken back (their savepoint rolled them back); what was read is read again.
    func rollBack(to mark: Int) {
        known.withLock { known in
            while known.added.count > mark, let last = known.added.popLast() {
                switch last.kind {
                case .diagnosis: known.diagnoses[last.patientID]?.removeLast()
                case .vitalSign: known.vitalSigns[last.patientID]?.removeLast()
                case .allergy: known.allergies[last.patientID]?.removeLast()
                }
            }
            known.registered = []
            known.kept = [] // the caller inserted the rest (`FHIRWriteContext.insertKept`)
            known.reconciliations = [:]
            known.coverages = [:]
            known.physicians = [:]
            known.organizations = [:]
            known.payers = [:]
        }
    }

    /// The patient's allergies: on file (none for a patient this transaction registered) and recorded since.
    func allergies(of patientID: UUID, on db: any Database) async throws -> [Allergy] {
        if let rows = known.withLock({ $0.allergies[patientID] }) { return rows }
        let rows = isNew(patientID) ? [] : try await Allergy.query(on: db).filter(\.$patient.$id == patientID).all()
        known.withLock { $0.allergies[patientID] = rows }
        return rows
    }

    func added(_ allergy: Allergy) {
        known.withLock {
            $0.allergies[allergy.$patient.id, default: []].append(allergy)
            $0.added.append((.allergy, allergy.$patient.id))
        }
    }

    /// For a patient this transaction registered, the reconciliation it started (`nil` for another patient: ask the database).
    func reconciliation(of patientID: UUID) -> MedicationReconciliationRecord?? {
        known.withLock { $0.registered.contains(patientID) ? .some($0.reconciliations[patientID]) : nil }
    }

    func started(_ record: MedicationReconciliationRecord, for patientID: UUID) {
        known.withLock { if $0.registered.contains(patientID) { $0.reconciliations[patientID] = record } }
    }

    func forgetPhysicians() { known.withLock { $0.physicians = [:] } }

    /// The coverages of a patient this transaction registered, the ones it added (`nil`: ask the database). A Coverage
    /// updated in the transaction forgets them (`forgetCoverages`), as the memo's copies may no longer be the rows.
    func coverages(of patientID: UUID) -> [Coverage]? { known.withLock { $0.coverages[patientID] } }

    func added(_ coverage: Coverage) { known.withLock { $0.coverages[coverage.$patient.id]?.append(coverage) } }

    func forgetCoverages() { known.withLock { $0.coverages = [:] } }

    func registered(_ patientID: UUID) {
        known.withLock {
            $0.registered.insert(patientID)
            $0.coverages[patientID] = []
        }
    }
    /// Registered by this transaction: no episode, medication, diagnosis or vital sign of the patient is on file yet.
    func isNew(_ patientID: UUID) -> Bool { known.withLock { $0.registered.contains(patientID) } }

    func physician(_ reference: String) -> User? { known.withLock { $0.physicians[reference] } }
    func remember(physician: User, _ reference: String) { known.withLock { $0.physicians[reference] = physician } }

    /// The name of the Organization with this id.
    func organizationName(_ id: UUID, on db: any Database) async throws -> String? {
        if let name = known.withLock({ $0.organizations[id] }) { return name }
        guard let organization = try await Organization.find(id, on: db) else { return nil }
        known.withLock { $0.organizations[id] = organization.name }
        return organization.name
    }

    /// The payer organization a coverage's payer name files under, made if none has the name (`Organization.findOrCreate`).
    func payer(_ name: String, on db: any Database) async throws -> UUID? {
        if let id = known.withLock({ $0.payers[name.lowercased()] }) { return id }
        let id = try await Organization.findOrCreate(name, kind: .payer, on: db).id
        if let id { known.withLock { $0.payers[name.lowercased()] = id } }
        return id
    }

    /// The patient's diagnoses: on file (none for a patient this transaction registered) and added since.
    func diagnoses(of patientID: UUID, on db: any Database) async throws -> [Diagnosis] {
        if let rows = known.withLock({ $0.diagnoses[patientID] }) { return rows }
        let rows = isNew(patientID) ? [] : try await Diagnosis.query(on: db).filter(\.$patient.$id == patientID).all()
        known.withLock { $0.diagnoses[patientID] = rows }
        return rows
    }

    func added(_ diagnosis: Diagnosis) {
        known.withLock {
            $0.diagnoses[diagnosis.$patient.id, default: []].append(diagnosis)
            $0.added.append((.diagnosis, diagnosis.$patient.id))
        }
    }

    /// The patient's reported vital signs: on file (none for a patient this transaction registered) and added since.
    func vitalSigns(of patientID: UUID, on db: any Database) async throws -> [ReportedVitalSign] {
        if let rows = known.withLock({ $0.vitalSigns[patientID] }) { return rows }
        let rows = isNew(patientID) ? [] : try await ReportedVitalSign.query(on: db).filter(\.$patient.$id == patientID).all()
        known.withLock { $0.vitalSigns[patientID] = rows }
        return rows
    }

    func added(_ reading: ReportedVitalSign) {
        known.withLock {
            $0.vitalSigns[reading.$patient.id, default: []].append(reading)
            $0.added.append((.vitalSign, reading.$patient.id))
        }
    }
}

extension FHIRWriteError {
    /// A refusal the policy made, audited once the write's transaction has ended.
    struct Denial: Sendable { var action: String; var patientID: UUID?; var detail: String }
}

extension Request {
    /// Audits the policy's refusals behind a failed FHIR write, outside its rolled-back transaction.
    func auditDenials(_ error: FHIRWriteError) async throws {
        for denial in error.denials {
            try await audit(denial.action, outcome: .denied, patientID: denial.patientID, resourceType: "Patient", resourceID: denial.patientID?.uuidString,
                            detail: "FHIR write: \(denial.detail)")
        }
    }
}
