import Fluent
import Foundation
import HearthCore
import Vapor

/// What the registration and profile forms post for the patient's own details.
struct PatientDetailsForm: Content {
    var givenName: String?
    var middleNames: String?
    var familyName: String?
    var preferredName: String?
    var birthDate: String?
    var sex: String?
    var genderIdentity: String?
    var language: String?
    var interpreterNeeded: String?
    var phone: String?
    var alternatePhone: String?
    var addressLine: String?
    var city: String?
    var state: String?
    var postalCode: String?
    var timeZone: String?
    var birthSex: String?
    var race: [String]?
    var ethnicity: String?

    var draft: PatientDraft {
        PatientDraft(
            givenName: givenName ?? "", familyName: familyName ?? "", birthDate: birthDate ?? "", sex: sex ?? "",
            phone: phone ?? "", addressLine: addressLine ?? "", city: city ?? "", state: state ?? "", postalCode: postalCode ?? "",
            preferredName: preferredName ?? "", genderIdentity: genderIdentity ?? "", language: language ?? "",
            interpreterNeeded: interpreterNeeded.isTicked, alternatePhone: alternatePhone ?? "", timeZone: timeZone ?? "",
            middleNames: middleNames ?? "", race: DemographicAnswer(categories: race ?? []),
            ethnicity: DemographicAnswer(categories: (ethnicity ?? "").isEmpty ? [] : [ethnicity ?? ""]), birthSex: birthSex ?? ""
        )
    }
}

/// The patient's profile: details, code status, disaster plan, contacts and caregivers, advance directives and outside contacts.
struct ProfileController {
    struct CareForm: Content {
        var codeStatus: String?
        var emergencyPriority: String?
        var evacuationNeeds: String?
        var equipment: String?
    }

    func show(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("patient.profile.read", patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString)
        return try await ProfileBuilder.page(for: patient, req: req).html
    }

    func update(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let patientID = try patient.requireID()
        let draft = try req.content.decode(PatientDetailsForm.self).draft
        let care = try req.content.decode(CareForm.self)
        let plan = EmergencyPlanDraft(priority: care.emergencyPriority ?? "", evacuationNeeds: care.evacuationNeeds ?? "", equipment: care.equipment ?? "")
        let codeStatus = CodeStatus(rawValue: care.codeStatus ?? "")
        var problems = draft.problems(today: req.agencyToday).merging(plan.problems) { a, _ in a }
        if !(care.codeStatus ?? "").isEmpty && codeStatus == nil { problems["codeStatus"] = "Choose a code status from the list." }
        guard problems.isEmpty else {
            var forms = ProfileForms()
            forms.details = PatientFields.demographics(draft, problems)
            forms.care = ProfileFields.care(codeStatus: care.codeStatus, priority: care.emergencyPriority, evacuationNeeds: plan.evacuationNeeds, equipment: plan.equipment, problems)
            return try await render(patient, forms, req: req)
        }
        let changes = patient.apply(draft) + patient.apply(codeStatus: codeStatus, plan: plan)
        guard !changes.isEmpty else { return req.redirect(to: SiteURL.patient(patientID).path) }
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            try await patient.save(on: db)
            for change in changes {
                try await RecordChange(patientID: patientID, field: change.field, from: change.old, to: change.new, by: user.id).create(on: db)
            }
            // Field names only: the audit trail says what changed, the record itself holds the values.
            try await audit("patient.update", patientID: patientID, resourceType: "Patient", resourceID: patientID.uuidString,
                                detail: "changed: " + changes.map(\.field).joined(separator: ", "))
        }
        return req.redirect(to: SiteURL.patient(patientID).path)
    }

    struct ContactForm: Content {
        var name: String?
        var relationship: String?
        var phone: String?
        var livesWith: String?
        var isCaregiver: String?
        var isDecisionMaker: String?
    }

    func addContact(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let form = try req.content.decode(ContactForm.self)
        let draft = ContactDraft(name: form.name ?? "", relationship: form.relationship ?? "", phone: form.phone ?? "",
                                 livesWith: form.livesWith.isTicked, isCaregiver: form.isCaregiver.isTicked, isDecisionMaker: form.isDecisionMaker.isTicked)
        guard draft.problems.isEmpty else {
            var forms = ProfileForms()
            forms.contact = ProfileFields.contact(draft, draft.problems)
            return try await render(patient, forms, req: req)
        }
        let contact = PatientContact()
        contact.$patient.id = try patient.requireID()
        contact.name = draft.name
        contact.relationship = draft.relationship
        contact.phone = draft.phone
        contact.livesWith = draft.livesWith
        contact.isCaregiver = draft.isCaregiver
        contact.isDecisionMaker = draft.isDecisionMaker
        try await ProfileRecords.add(contact, to: patient, history: ("Contact", "\(draft.name) (\(draft.roles))"), action: "patient.contact.create", req: req)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .profile).path + "#contacts")
    }

    func removeContact(req: Request) async throws -> Response {
        try await ProfileRecords.remove(PatientContact.self, action: "patient.contact.delete", anchor: "contacts", req: req) { ("Contact", "\($0.name) (\($0.relationship))") }
    }

    struct DirectiveForm: Content {
        var kind: String?
        var onFile: String?
        var location: String?
    }

    func addDirective(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let form = try req.content.decode(DirectiveForm.self)
        let draft = AdvanceDirectiveDraft(kind: form.kind ?? "", onFile: form.onFile.isTicked, location: form.location ?? "")
        guard draft.problems.isEmpty, let kind = draft.kind else {
            var forms = ProfileForms()
            forms.directive = ProfileFields.directive(draft, rawKind: form.kind, draft.problems)
            return try await render(patient, forms, req: req)
        }
        let directive = AdvanceDirective()
        directive.$patient.id = try patient.requireID()
        directive.kind = kind.rawValue
        directive.onFile = draft.onFile
        directive.location = draft.location
        try await ProfileRecords.add(directive, to: patient, history: ("Advance directive", "\(kind.title), \(draft.onFile ? "copy on file" : "not on file"), kept: \(draft.location)"),
                                     action: "patient.directive.create", req: req)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .profile).path + "#directives")
    }

    func removeDirective(req: Request) async throws -> Response {
        try await ProfileRecords.remove(AdvanceDirective.self, action: "patient.directive.delete", anchor: "directives", req: req) {
            ("Advance directive", AdvanceDirectiveDraft.Kind(rawValue: $0.kind)?.title ?? $0.kind)
        }
    }

    struct ExternalForm: Content {
        var role: String?
        var name: String?
        var organization: String?
        var phone: String?
        var fax: String?
    }

    func addExternal(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageCareTeam)
        let form = try req.content.decode(ExternalForm.self)
        let draft = ExternalContactDraft(role: form.role ?? "", name: form.name ?? "", organization: form.organization ?? "", phone: form.phone ?? "", fax: form.fax ?? "")
        guard draft.problems.isEmpty else {
            var forms = ProfileForms()
            forms.external = ProfileFields.external(draft, draft.problems)
            return try await render(patient, forms, req: req)
        }
        let contact = ExternalCareContact()
        contact.$patient.id = try patient.requireID()
        contact.role = draft.role
        contact.name = draft.name.isEmpty ? nil : draft.name
        contact.organization = draft.organization.isEmpty ? nil : draft.organization
        contact.phone = draft.phone.isEmpty ? nil : draft.phone
        contact.fax = draft.fax.isEmpty ? nil : draft.fax
        let who = [draft.name, draft.organization].filter { !$0.isEmpty }.joined(separator: ", ")
        try await ProfileRecords.add(contact, to: patient, history: ("Care team (outside)", "\(who) — \(draft.role)"), action: "careteam.external.create", req: req)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .profile).path + "#outside-contacts")
    }

    func removeExternal(req: Request) async throws -> Response {
        try await ProfileRecords.remove(ExternalCareContact.self, action: "careteam.external.delete", permission: .manageCareTeam, anchor: "outside-contacts", req: req) {
            ("Care team (outside)", [$0.name, $0.organization].compactMap { $0 }.joined(separator: ", ") + " — \($0.role)")
        }
    }

    private func render(_ patient: Patient, _ forms: ProfileForms, req: Request) async throws -> Response {
        let page = try await ProfileBuilder.page(for: patient, forms: forms, req: req)
        return page.html.response(status: .unprocessableEntity)
    }
}

/// A record that belongs to one patient, as the profile's lists hold them.
protocol PatientOwned: Model where IDValue == UUID {
    var patientID: UUID { get }
}

extension PatientContact: PatientOwned { var patientID: UUID { $patient.id } }
extension AdvanceDirective: PatientOwned { var patientID: UUID { $patient.id } }
extension ExternalCareContact: PatientOwned { var patientID: UUID { $patient.id } }

/// Adding and removing the patient's small records, each with its history line and audit record in one transaction.
enum ProfileRecords {
    static func add(_ record: some PatientOwned, to patient: Patient, history: (field: String, value: String), action: String, req: Request) async throws {
        let user = try req.currentUser
        let patientID = try patient.requireID()
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await RecordChange(patientID: patientID, field: history.field, from: nil, to: history.value, by: user.id).create(on: db)
            try await audit(action, patientID: patientID, resourceType: String(describing: type(of: record)), resourceID: record.id?.uuidString)
        }
    }

    static func remove<Record: PatientOwned>(_ type: Record.Type, action: String, permission: PatientAction = .write, anchor: String, req: Request,
                                             describe: (Record) -> (field: String, value: String)) async throws -> Response {
        let patient = try await req.patient(permission)
        let patientID = try patient.requireID()
        // A record of another patient is "not found": the URL must not reach across charts.
        guard let itemID = req.parameters.get("itemID", as: UUID.self), let record = try await Record.find(itemID, on: req.db), record.patientID == patientID else {
            throw AppError.notFound("That record is not on this patient's chart. It may have been removed already.")
        }
        let user = try req.currentUser
        let history = describe(record)
        try await req.auditedWrite { db, audit in
            try await record.delete(on: db)
            try await RecordChange(patientID: patientID, field: history.field, from: history.value, to: "removed", by: user.id).create(on: db)
            try await audit(action, patientID: patientID, resourceType: String(describing: Record.self), resourceID: itemID.uuidString)
        }
        return req.redirect(to: SiteURL.patient(patientID, .profile).path + "#\(anchor)")
    }
}
