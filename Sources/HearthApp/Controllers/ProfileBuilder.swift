import Fluent
import Foundation
import HearthCore
import Vapor

/// Assembles the profile page for a patient the caller may already read.
enum ProfileBuilder {
    static func page(for patient: Patient, forms: ProfileForms = ProfileForms(), req: Request) async throws -> ProfilePage {
        let user = try req.currentUser
        let patientID = try patient.requireID()
        let permissions = try await req.permissions(on: patient)
        let canWrite = permissions.allows(.write)
        let canManageTeam = permissions.allows(.manageCareTeam)
        let records = try await PatientRecords.load(patientID, on: req.db)
        let shell = PageShell(request: req, title: "Profile: \(patient.listName)")
        return ProfilePage(
            shell: shell,
            name: patient.displayName, chartHref: SiteURL.patient(patientID).path, canWrite: canWrite, canManageTeam: canManageTeam,
            hasErrors: forms.hasErrors,
            detailsAction: SiteURL.patient(patientID, .profile).path,
            details: forms.details ?? PatientFields.demographics(patient.draft, [:]),
            care: forms.care ?? ProfileFields.care(codeStatus: patient.codeStatus, priority: patient.emergencyPriority.map(String.init),
                                                   evacuationNeeds: patient.evacuationNeeds, equipment: patient.emergencyEquipment, [:]),
            contacts: try records.contacts(removeWith: canWrite ? shell.csrfToken : nil),
            contactAction: SiteURL.patient(patientID, .contacts).path, contactFields: forms.contact ?? ProfileFields.contact(nil, [:]),
            directives: try records.directives(removeWith: canWrite ? shell.csrfToken : nil),
            directiveAction: SiteURL.patient(patientID, .directives).path, directiveFields: forms.directive ?? ProfileFields.directive(nil, [:]),
            externals: try records.externals(removeWith: canManageTeam ? shell.csrfToken : nil),
            externalAction: SiteURL.patient(patientID, .outsideContacts).path, externalFields: forms.external ?? ProfileFields.external(nil, [:])
        )
    }
}

/// The patient's contacts, directives and outside contacts, loaded together for the chart and the profile.
struct PatientRecords {
    var patientID: UUID
    var contactRows: [PatientContact]
    var directiveRows: [AdvanceDirective]
    var externalRows: [ExternalCareContact]

    static func load(_ patientID: UUID, on db: any Database) async throws -> PatientRecords {
        async let contacts = PatientContact.query(on: db).filter(\.$patient.$id == patientID).sort(\.$createdAt).all()
        async let directives = AdvanceDirective.query(on: db).filter(\.$patient.$id == patientID).sort(\.$createdAt).all()
        async let externals = ExternalCareContact.query(on: db).filter(\.$patient.$id == patientID).sort(\.$createdAt).all()
        return try await PatientRecords(patientID: patientID, contactRows: contacts, directiveRows: directives, externalRows: externals)
    }

    /// `csrfToken` is nil for users who may not remove the line.
    func contacts(removeWith csrfToken: String?) throws -> [ProfileLine] {
        try contactRows.map { row in
            let draft = ContactDraft(name: row.name, relationship: row.relationship, phone: row.phone, livesWith: row.livesWith,
                                     isCaregiver: row.isCaregiver, isDecisionMaker: row.isDecisionMaker)
            return ProfileLine(title: row.name, detail: draft.roles, phone: row.phone,
                               csrfToken: csrfToken, removeHref: csrfToken != nil ? SiteURL.patient(patientID, .removeContact(try row.requireID())).path : nil)
        }
    }

    /// `csrfToken` is nil for users who may not remove the line.
    func directives(removeWith csrfToken: String?) throws -> [ProfileLine] {
        try directiveRows.map { row in
            ProfileLine(title: AdvanceDirectiveDraft.Kind(rawValue: row.kind)?.title ?? row.kind,
                        detail: "\(row.onFile ? "Copy on file" : "Not on file") · kept: \(row.location)",
                        csrfToken: csrfToken, removeHref: csrfToken != nil ? SiteURL.patient(patientID, .removeDirective(try row.requireID())).path : nil)
        }
    }

    /// `csrfToken` is nil for users who may not remove the line.
    func externals(removeWith csrfToken: String?) throws -> [ProfileLine] {
        try externalRows.map { row in
            let who = [row.name, row.organization].compactMap { $0 }.joined(separator: ", ")
            return ProfileLine(title: who, detail: row.role + (row.fax.map { " · fax \($0)" } ?? ""), phone: row.phone,
                               csrfToken: csrfToken, removeHref: csrfToken != nil ? SiteURL.patient(patientID, .removeOutsideContact(try row.requireID())).path : nil)
        }
    }
}
