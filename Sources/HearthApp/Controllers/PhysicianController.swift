import Fluent
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The patient's attending physician: the one who signs the plan of care and orders [42 CFR 484.60]. Chosen at intake
/// or on the chart, from the agency's physicians or as an outside physician with NPI, phone and fax; every change is
/// kept in the patient's history.
struct PhysicianController {
    struct ChooseForm: Content { var physicianID: String? }
    struct OutsideForm: Content {
        var physicianName: String?; var physicianNPI: String?; var physicianPhone: String?; var physicianFax: String?; var physicianPractice: String?
        var draft: OutsidePhysicianDraft {
            OutsidePhysicianDraft(name: physicianName ?? "", npi: physicianNPI ?? "", phone: physicianPhone ?? "", fax: physicianFax ?? "",
                                  practice: physicianPractice ?? "")
        }
    }

    /// `GET /patients/:patientID/physician`.
    func form(req: Request) async throws -> Response {
        let patient = try await authorize(req)
        return try await page(patient, chooseError: nil, outside: nil, problems: [:], status: .ok, req: req)
    }

    /// `POST /patients/:patientID/physician`: one from the list.
    func choose(req: Request) async throws -> Response {
        let patient = try await authorize(req)
        let form = try req.content.decode(ChooseForm.self)
        guard let id = form.physicianID.flatMap(UUID.init(uuidString:)), let physician = try await PhysicianDirectory.physician(id, on: req.db) else {
            return try await page(patient, chooseError: "Choose a physician from the list, or add one from outside the agency below.", outside: nil,
                                  problems: [:], status: .unprocessableEntity, req: req)
        }
        try await PhysicianDirectory.assign(physician, to: patient, by: try req.currentUser, req: req)
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path)
    }

    /// `POST /patients/:patientID/physician/outside`: a physician outside the agency, found again by NPI if already known.
    func addOutside(req: Request) async throws -> Response {
        let patient = try await authorize(req)
        let form = try req.content.decode(OutsideForm.self)
        let draft = form.draft
        let problems = draft.problems()
        guard problems.isEmpty else {
            return try await page(patient, chooseError: nil, outside: form, problems: problems, status: .unprocessableEntity, req: req)
        }
        let physician = try await PhysicianDirectory.findOrAdd(draft, req: req)
        try await PhysicianDirectory.assign(physician, to: patient, by: try req.currentUser, req: req)
        return req.redirect(to: SiteURL.patient(try patient.requireID()).path)
    }

    private func authorize(_ req: Request) async throws -> Patient {
        try await req.patient(.manageCareTeam)
    }

    private func page(_ patient: Patient, chooseError: String?, outside: OutsideForm?, problems: [String: String], status: HTTPResponseStatus,
                      req: Request) async throws -> Response {
        let patientID = try patient.requireID()
        let options = try await PhysicianDirectory.options(selected: patient.$physician.id, on: req.db)
        let history = try await RecordChange.query(on: req.db).filter(\.$patient.$id == patientID).filter(\.$field == PhysicianDirectory.historyField)
            .sort(\.$changedAt, .descending).limit(20).all()
        var page = PatientChoicePage(
            shell: PageShell(request: req, title: "Attending physician"), heading: "Attending physician",
            patientName: patient.displayName, patientHref: SiteURL.patient(patientID).path,
            action: SiteURL.patient(patientID, .physician).path, label: "Physician", fieldName: "physicianID",
            options: [.init(value: "", label: options.isEmpty ? "No physicians yet: add one below" : "Choose…", selected: patient.$physician.id == nil)] + options,
            error: chooseError, submitID: "choose-physician", submitLabel: "Make attending physician")
        page.intro = "The attending physician signs the plan of care and the orders. Choose one of the agency's physicians, or add the patient's own physician."
        page.history = history.map { "\($0.oldValue ?? "none") → \($0.newValue ?? "none"), \(CalendarDate($0.changedAt, in: req.application.settings.agencyTimeZone))" }
        let draft = outside ?? OutsideForm()
        page.secondForm = PageForm(action: SiteURL.patient(patientID, .outsidePhysician).path, fields: PhysicianDirectory.outsideFields(draft, problems),
                                   error: PageForm.refusal(problems))
        page.secondHeading = "A physician outside the agency"
        page.secondSubmitID = "add-outside-physician"
        page.secondSubmitLabel = "Add and make attending"
        return page.html.response(status: status)
    }
}

/// The physicians a patient can have: the agency's own (users with the physician role) and outside physicians.
enum PhysicianDirectory {
    /// The field name of a physician change in the patient's history.
    static let historyField = "Attending physician"

    static func physician(_ id: UUID, on db: any Database) async throws -> User? {
        guard let user = try await User.find(id, on: db), user.role == Role.physician.rawValue, user.isActive else { return nil }
        return user
    }

    /// Every active physician, by name, labelled with NPI and "outside" where known: one named query of the four columns
    /// the list shows (the intake form lists every physician; reading them as Fluent models cost 20 ms a form at 265
    /// physicians — docs/PERFORMANCE.md, session 14).
    static func options(selected: UUID?, on db: any Database) async throws -> [FieldOption] {
        // Columns named by coding keys: a key-decoding strategy converts every key of every row (a quarter of the form).
        struct Row: Decodable {
            var id: UUID
            var displayName: String
            var npi: String?
            var isOutside: Bool?
            enum CodingKeys: String, CodingKey { case id, displayName = "display_name", npi, isOutside = "is_outside" }
        }
        let sql = try db.sql
        let rows = try await sql.raw("""
            SELECT u.id, u.display_name, d.npi, d.is_outside FROM users u LEFT JOIN physician_details d ON d.user_id = u.id
            WHERE u.role = \(bind: Role.physician.rawValue) AND u.is_active = \(bind: true) ORDER BY u.display_name, u.id LIMIT 2000
            """).all(decoding: Row.self)
        return rows.map { row in
            let detail = row.npi.map { " (\(row.isOutside == true ? "outside, " : "")NPI \($0))" } ?? ""
            return FieldOption(value: row.id.uuidString, label: row.displayName + detail, selected: row.id == selected)
        }
    }

    static func outsideFields(_ form: PhysicianController.OutsideForm, _ problems: [String: String]) -> [InputField] {
        [
            .text("physicianName", "Physician's name", form.physicianName, problems, prefix: "outside-", hint: "As on the referral, e.g. Dr. Ana Ruiz."),
            .text("physicianNPI", "NPI", form.physicianNPI, problems, prefix: "outside-", hint: "10 digits.", inputMode: "numeric"),
            .text("physicianPhone", "Office phone", form.physicianPhone, problems, prefix: "outside-", type: "tel"),
            .text("physicianFax", "Office fax", form.physicianFax, problems, prefix: "outside-", type: "tel"),
            .text("physicianPractice", "Practice (optional)", form.physicianPractice, problems, prefix: "outside-"),
        ]
    }

    /// The physician with this NPI, or a new outside physician. An outside physician cannot sign in: the password is
    /// random and never shown; an administrator can invite them later by resetting it.
    static func findOrAdd(_ draft: OutsidePhysicianDraft, req: Request) async throws -> User {
        if let known = try await PhysicianDetails.query(on: req.db).filter(\.$npi == draft.npi).with(\.$user).first() { return known.user }
        let hash = try await unusablePasswordHash(req)
        let user: User
        do {
            user = try await req.auditedWrite { db, audit in try await add(draft, passwordHash: hash, on: db, audit: audit) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Someone added the same NPI a moment earlier: theirs is the physician.
            guard let known = try await PhysicianDetails.query(on: req.db).filter(\.$npi == draft.npi).with(\.$user).first() else {
                throw AppError.conflict("That physician could not be added: a user named npi-\(draft.npi) already exists. Choose them from the list.")
            }
            return known.user
        }
        return user
    }

    /// A password hash for an account nobody signs in to until an administrator resets it: the secret is never shown.
    static func unusablePasswordHash(_ req: Request) async throws -> String {
        try await req.password.async.hash(Secret.make())
    }

    /// Adds an outside physician on the write's transaction, with its audit record (the chart's form and FHIR Practitioner).
    static func add(_ draft: OutsidePhysicianDraft, passwordHash: String, on db: any Database, audit: AuditTrail, detail: String = "") async throws -> User {
        let user = User(username: "npi-\(draft.npi)", displayName: draft.name, role: Role.physician.rawValue, passwordHash: passwordHash)
        try await user.create(on: db)
        let details = PhysicianDetails()
        details.$user.id = try user.requireID()
        details.npi = draft.npi
        details.phone = draft.phone
        details.fax = draft.fax
        details.practice = draft.practice.isEmpty ? nil : draft.practice
        details.isOutside = true
        try await details.create(on: db)
        try await audit("physician.create", resourceType: "Practitioner", resourceID: user.id?.uuidString, detail: "outside physician, NPI \(draft.npi)" + detail)
        return user
    }

    /// Makes `physician` the patient's attending, with the change in the patient's history and the audit trail.
    static func assign(_ physician: User, to patient: Patient, by user: CurrentUser, req: Request) async throws {
        let patientID = try patient.requireID()
        guard physician.id != patient.$physician.id else { return }
        let old = try await patient.$physician.get(on: req.db)?.displayName
        try await req.auditedWrite { db, audit in
            patient.$physician.id = try physician.requireID()
            try await patient.save(on: db)
            try await RecordChange(patientID: patientID, field: historyField, from: old, to: physician.displayName, by: user.id).create(on: db)
            try await audit("patient.physician", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "attending physician \(old ?? "none") → \(physician.displayName)")
        }
    }
}
