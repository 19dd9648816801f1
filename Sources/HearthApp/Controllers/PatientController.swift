import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// Finding, registering and opening patients. Every handler goes through `PatientAccess`.
struct PatientController {
    static let pageSize = 50

    func list(req: Request) async throws -> HTML {
        let user = try req.currentUser
        let search = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let page = req.pageNumber
        let sort = PatientSort(rawValue: req.query[String.self, at: "sort"] ?? "") ?? .name
        let query = try await PatientAccess.visiblePatients(for: user, on: req.db)
        if !search.isEmpty { PatientQueries.match(query, search: search) }
        // One row more than a page tells whether a next page exists without counting everything.
        var rows = try await PatientQueries.rows(query, sort: sort, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize, req: req)
        let hasNext = rows.count > Self.pageSize
        rows = Array(rows.prefix(Self.pageSize))
        try await req.auditRead("patient.list", detail: "page \(page), \(rows.count) patients\(search.isEmpty ? "" : ", searched")")
        func link(_ page: Int, _ order: PatientSort = sort) -> String {
            var href = SiteURL.patients.path + "?page=\(page)&sort=\(order.rawValue)"
            if !search.isEmpty { href += "&q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            return href
        }
        return PatientListPage(
            shell: PageShell(request: req, title: "Patients"), query: search, rows: rows, page: page,
            previousHref: page > 1 ? link(page - 1) : nil, nextHref: hasNext ? link(page + 1) : nil,
            sorts: PatientSort.allCases.map { .init(label: $0.label, href: link(1, $0), current: $0 == sort) },
            canRegister: user.may(.registerPatient),
            emergencyHref: user.may(.breakTheGlass) ? SiteURL.emergencyAccessFind.path : nil
        ).html
    }

    func new(req: Request) async throws -> HTML {
        try await PatientAccess.authorize(.registerPatient, on: req)
        return try await formPage(nil, care: nil, problems: [:], req: req).html
    }

    /// The registration form with what was typed kept and each problem by its field.
    private func formPage(_ draft: PatientDraft?, care: RegistrationCareForm?, problems: [String: String], req: Request) async throws -> PatientFormPage {
        var page = PatientFormPage(shell: PageShell(request: req, title: "Register a patient"), draft: draft, problems: problems)
        page.careFields = try await RegistrationCare.fields(care, problems: problems, role: try req.currentUser.role, on: req.db)
        page.referralFields = RegistrationCare.referralFields(care, problems: problems, today: req.agencyToday, role: try req.currentUser.role)
        page.outsidePhysicianFields = PhysicianDirectory.outsideFields(care?.outside ?? .init(), problems)
        page.outsidePhysicianOpen = !(care?.outside.draft.isBlank ?? true)
        return page
    }

    func create(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.registerPatient, on: req)
        let user = try req.currentUser
        let draft = try req.content.decode(PatientDetailsForm.self).draft
        let careForm = try req.content.decode(RegistrationCareForm.self)
        let (care, careProblems) = try await RegistrationCare.check(careForm, role: user.role, now: req.now, zone: req.application.settings.agencyTimeZone,
                                                                    codes: req.application.icd10CodeSet, examples: req.application.icd10, on: req.db)
        let problems = draft.problems(today: req.agencyToday).merging(careProblems) { a, _ in a }
        guard problems.isEmpty else {
            let page = try await formPage(draft, care: careForm, problems: problems, req: req)
            return page.html.response(status: .unprocessableEntity)
        }
        // Set when the user saw the duplicate warning and registers anyway.
        let overridden = (try? req.content.get(String.self, at: "confirmDuplicate")).isTicked
        if !overridden, try await PatientQueries.possibleDuplicateExists(draft, on: req.db) {
            var page = try await formPage(draft, care: careForm, problems: [:], req: req)
            page.duplicateWarning = true
            return page.html.response(status: .unprocessableEntity)
        }
        var physician = care.physician
        if let outside = care.outsidePhysician { physician = try await PhysicianDirectory.findOrAdd(outside, req: req) }
        let patient = try await PatientRegistration.register(draft, by: user, caseManager: care.caseManager, physician: physician,
                                                             coverage: care.coverage, diagnosis: care.diagnosis, possibleDuplicate: overridden, on: req)
        if let referral = care.referral {
            _ = try await EpisodeStore.open(patientID: try patient.requireID(), referral: referral, by: user, on: req)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        let patientID = try patient.requireID()
        try await req.auditRead("patient.read", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString)
        var chart = try await ChartBuilder.page(for: patient, req: req)
        if try await PatientAccess.may(.accountDisclosures, patient, req) { chart.accessReportHref = SiteURL.patient(patientID, .disclosures).path }
        return chart.html
    }
}

/// Saving a new patient and its audit record in one transaction.
enum PatientRegistration {
    static func register(_ draft: PatientDraft, by user: CurrentUser, caseManager: User? = nil, physician: User? = nil,
                         coverage: CoverageDraft? = nil, diagnosis: (code: ICD10Code, title: String)? = nil, possibleDuplicate: Bool = false,
                         on req: Request) async throws -> Patient {
        let patient = Patient(mrn: "", givenName: draft.givenName, familyName: draft.familyName, birthDate: draft.birthDate, sex: draft.sex)
        patient.id = UUID()
        _ = patient.apply(draft)
        switch user.role {
        case .caseManager: patient.$caseManager.id = user.id
        case .intake: patient.$referredBy.id = user.id
        default: break
        }
        if let caseManager { patient.$caseManager.id = caseManager.id }
        if let physician { patient.$physician.id = physician.id }
        for attempt in 1...5 {
            patient.mrn = MedicalRecordNumber.random()
            do {
                try await req.auditedWrite { db, audit in
                    try await patient.create(on: db)
                    try await RecordChange(patientID: patient.requireID(), field: "Registered", from: nil, to: "\(patient.listName) (\(patient.mrn))", by: user.id).create(on: db)
                    if let caseManager {
                        try await RecordChange(patientID: patient.requireID(), field: "Case manager", from: nil, to: caseManager.displayName, by: user.id).create(on: db)
                    }
                    if let physician {
                        try await RecordChange(patientID: patient.requireID(), field: PhysicianDirectory.historyField, from: nil, to: physician.displayName,
                                               by: user.id).create(on: db)
                    }
                    try await audit("patient.create", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString,
                                        detail: possibleDuplicate ? "registered despite a possible duplicate" : nil)
                    if let coverage { try await save(coverage, for: patient, by: user, req: req, on: db, audit: audit) }
                    if let diagnosis { try await save(diagnosis, for: patient, by: user, req: req, on: db, audit: audit) }
                }
                return patient
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                patient.$id.exists = false // the MRN collided; draw another
            }
        }
        throw AppError.conflict("Could not assign a medical record number. Please submit the form again.")
    }

    /// The referral's payer, as the primary coverage.
    private static func save(_ draft: CoverageDraft, for patient: Patient, by user: CurrentUser, req: Request, on db: any Database, audit: AuditTrail) async throws {
        guard let program = draft.program else { return }
        let coverage = Coverage()
        coverage.$patient.id = try patient.requireID()
        coverage.payer = draft.payer
        coverage.program = program.rawValue
        coverage.memberID = draft.memberID
        coverage.order = CoverageDraft.Order.primary.rawValue
        coverage.$payerOrganization.id = try await Organization.findOrCreate(draft.payer, kind: .payer, on: db).id
        try await coverage.create(on: db)
        try await RecordChange(patientID: patient.requireID(), field: "Coverage", from: nil, to: "Primary: \(draft.payer) (\(program.title))", by: user.id).create(on: db)
        try await audit("coverage.create", patientID: patient.id, resourceType: "Coverage", resourceID: coverage.id?.uuidString)
    }

    /// The referral's diagnosis, as the primary diagnosis.
    private static func save(_ diagnosis: (code: ICD10Code, title: String), for patient: Patient, by user: CurrentUser, req: Request, on db: any Database, audit: AuditTrail) async throws {
        let row = Diagnosis()
        row.$patient.id = try patient.requireID()
        row.code = diagnosis.code.value
        row.title = diagnosis.title
        row.rank = DiagnosisDraft.Rank.primary.rawValue
        row.$recordedBy.id = user.id
        try await row.create(on: db)
        try await RecordChange(patientID: patient.requireID(), field: "Diagnosis", from: nil, to: "\(diagnosis.code.value) \(diagnosis.title) (primary)", by: user.id).create(on: db)
        try await audit("diagnosis.create", patientID: patient.id, resourceType: "Condition", resourceID: row.id?.uuidString, detail: diagnosis.code.value)
    }
}

extension PatientQueries {
    /// Same name and date of birth: probably the same person registered twice.
    static func possibleDuplicateExists(_ draft: PatientDraft, on db: any Database) async throws -> Bool {
        try await db.sql.raw("""
            SELECT 1 FROM patients
            WHERE family_key = \(bind: draft.familyName.lowercased()) AND given_key = \(bind: draft.givenName.lowercased()) AND birth_date = \(bind: draft.birthDate)
            LIMIT 1
            """).first() != nil
    }

    /// Name, MRN, date of birth or phone, as a case manager would type them ("abern", "Dorothy A", "H1000272").
    static func match(_ query: QueryBuilder<Patient>, search: String) {
        let digits = search.filter(\.isNumber)
        let words = search.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).prefix(3).map(String.init)
        query.group(.or) { group in
            group.group(.and) { names in
                // Every word must start the family or the given name.
                for word in words {
                    names.group(.or) { either in
                        either.group(.and) { $0.startsWith(\.$familyKey, word) }
                        either.group(.and) { $0.startsWith(\.$givenKey, word) }
                    }
                }
            }
            group.filter(\.$mrn == search.uppercased())
            if CalendarDate(search) != nil { group.filter(\.$birthDate == search) }
            if digits.count >= 7 { group.filter(\.$phone, .custom("LIKE"), "%\(digits.suffix(4))") }
        }
    }
}

extension QueryBuilder {
    /// `field` starts with `prefix`, as a range (prefix ≤ field < next prefix) so that an index serves it on
    /// SQLite and PostgreSQL alike, where `LIKE 'x%'` would scan the table.
    @discardableResult
    func startsWith(_ field: KeyPath<Model, FieldProperty<Model, String>>, _ prefix: String) -> Self {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else {
            return filter(field >= prefix)
        }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(Character(next))
        return filter(field >= prefix).filter(field < upper)
    }
}
