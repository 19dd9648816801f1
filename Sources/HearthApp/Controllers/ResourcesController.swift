import Fluent
import Foundation
import HearthCore
import Vapor

/// The community resources directory (search by need, ZIP, language, distance from the patient's home) and
/// closed-loop referrals to its services.
struct ResourcesController {
    struct ReferForm: Content {
        var serviceID: String?; var need: String?
        /// A provider outside the directory: a specialist, a DME supplier, another agency.
        var providerName: String?; var specialty: String?; var contact: String?
    }
    struct StepForm: Content { var action: String?; var note: String? }

    /// `GET /resources?need=&zip=&language=&patient=`.
    func search(req: Request) async throws -> HTML {
        let directory = try await DirectoryStore.current(on: req.db)
        let needs = req.application.needCategories?.categories ?? []
        let needID = req.query[String.self, at: "need"] ?? ""
        let zip = (req.query[String.self, at: "zip"] ?? "").trimmingCharacters(in: .whitespaces)
        let language = (req.query[String.self, at: "language"] ?? "").trimmingCharacters(in: .whitespaces)
        let eligibility = (req.query[String.self, at: "eligibility"] ?? "").trimmingCharacters(in: .whitespaces)
        let milesText = (req.query[String.self, at: "miles"] ?? "").trimmingCharacters(in: .whitespaces)
        let miles = Double(milesText).flatMap { $0 > 0 && $0 <= 500 ? $0 : nil }
        guard milesText.isEmpty || miles != nil else { throw AppError.badRequest("Distance must be a number of miles between 1 and 500.") }
        var patient: Patient?
        if let id = req.query[UUID.self, at: "patient"] { patient = try await PatientAccess.authorize(.read, patientID: id, on: req) }
        let home = patient.flatMap { p in p.latitude.flatMap { lat in p.longitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } } }
        // A submitted form is a search even when every field says "any": it lists the whole directory (it found nothing).
        let searched = req.query[String.self, at: "need"] != nil || !zip.isEmpty || !language.isEmpty || !eligibility.isEmpty
        // With a patient, services whose age limits exclude the patient are left out.
        let today = req.agencyToday
        let age = patient.flatMap { CalendarDate($0.birthDate) }.map { $0.age(on: today) }
        let results = searched || patient != nil
            ? ResourceSearch(need: needs.first { $0.id == needID }, zip: zip.isEmpty ? nil : zip, near: home, withinMiles: home == nil ? nil : miles,
                             language: language.isEmpty ? nil : language, eligibilityKeyword: eligibility.isEmpty ? nil : eligibility, age: age,
                             activeOnly: true).run(in: directory)
            : []
        try await req.auditRead("directory.search", patientID: patient?.id, detail: "\(results.count) services")
        let canRefer = try await patient.asyncMap { try await PatientAccess.may(.write, $0, req) } ?? false
        return ResourcesPage(
            shell: PageShell(request: req, title: "Community resources"), patientName: patient?.displayName,
            patientHref: patient.map { SiteURL.patient($0.id ?? UUID()).path + "#resources" },
            referAction: canRefer ? patient.map { SiteURL.patient($0.id ?? UUID(), .referrals).path } : nil,
            needs: needs.map { FieldOption(value: $0.id, label: $0.title, selected: $0.id == needID) }, need: needID, zip: zip, language: language,
            eligibility: eligibility, miles: milesText, age: age.map { "Age \($0): services whose age limits exclude the patient are not shown." },
            patientID: patient?.id?.uuidString ?? "", empty: directory.isEmpty,
            results: results.prefix(50).map(Self.line)).html
    }

    /// One service as the results list shows it.
    static func line(_ result: ResourceSearch.Result) -> ResourcesPage.Result {
        let service = result.service
        let phone: String = (service.phones.first ?? result.organization?.phones.first)?.number ?? ""
        let languages: String = service.languages.compactMap { $0.name ?? $0.code }.joined(separator: ", ")
        let address: String = result.location?.address?.singleLine ?? ""
        let miles: String = result.miles.map { String(format: "%.1f mi", $0) } ?? ""
        return ResourcesPage.Result(id: service.id, name: service.name, organization: result.organization?.name ?? "",
                                    description: service.description ?? "", eligibility: service.eligibility ?? "", fees: service.fees ?? "",
                                    languages: languages, phone: phone, address: address, miles: miles)
    }

    /// `POST /patients/:id/referrals`: a draft referral to a directory service (from the search page) or to a provider
    /// outside the directory (from the referrals page).
    func refer(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        let form = try req.content.decode(ReferForm.self)
        let user = try req.currentUser
        let referral: ResourceReferral
        do {
            if let name = form.providerName, form.serviceID == nil {
                referral = try ResourceReferral(id: UUID().uuidString, patientID: try patient.requireID().uuidString, owner: user.id.uuidString,
                                                provider: name, specialty: form.specialty, contact: form.contact, need: form.need ?? "",
                                                at: req.now, by: user.displayName)
            } else {
                let directory = try await DirectoryStore.current(on: req.db)
                guard let service = directory.service(form.serviceID ?? "") else { throw AppError.badRequest("Choose a service from the directory.") }
                referral = try ResourceReferral(id: UUID().uuidString, patientID: try patient.requireID().uuidString, owner: user.id.uuidString,
                                                service: service, organization: directory.organization(service.organizationID), need: form.need ?? "",
                                                at: req.now, by: user.displayName)
            }
        } catch let error as ReferralError {
            return try await page(patient, error: error.description, typed: form, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = ResourceReferralRecord()
        row.id = UUID(uuidString: referral.id)
        row.$patient.id = try patient.requireID()
        row.$owner.id = user.id
        try Self.store(referral, in: row)
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("referral.create", patientID: patient.id, resourceType: "ServiceRequest", resourceID: referral.id)
        }
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .referrals).path)
    }

    /// `GET /patients/:id/referrals`: every referral with its steps and what can happen next.
    func list(req: Request) async throws -> HTML {
        let patient = try await req.patient(.read)
        try await req.auditRead("referral.list", patientID: patient.id, resourceType: "ServiceRequest")
        return try await page(patient, error: nil, req).html
    }

    /// `POST /patients/:id/referrals/:referralID`: one step of the loop (send, accept, decline, start, close).
    func step(req: Request) async throws -> Response {
        let patient = try await req.patient(.write)
        guard let id = req.parameters.get("referralID", as: UUID.self), let row = try await ResourceReferralRecord.find(id, on: req.db),
              row.$patient.id == patient.id else { throw AppError.notFound() }
        var referral = try Self.decode(row)
        let form = try req.content.decode(StepForm.self)
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let who = try req.currentUser.displayName
        let directory = try await DirectoryStore.current(on: req.db)
        do {
            switch ReferralAction(rawValue: form.action ?? "") {
            case .send?:
                var service: ResourceService?
                if case .communityService(let serviceID, _, _) = referral.target { service = directory.service(serviceID) }
                try referral.send(at: req.now, by: who, note: note, service: service)
            case .accept?: try referral.accept(at: req.now, by: who, note: note)
            case .decline?: try referral.decline(reason: note, at: req.now, by: who)
            case .startService?: try referral.startService(at: req.now, by: who, note: note)
            case .close?: try referral.close(outcome: note, at: req.now, by: who)
            default: throw AppError.badRequest("Choose what happened: sent, accepted, declined, service started or closed.")
            }
        } catch let error as AppError { throw error } catch {
            return try await page(patient, error: String(describing: error), req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try Self.store(referral, in: row)
        try await req.auditedWrite { db, audit in
            try await row.save(on: db)
            try await audit("referral.\(form.action ?? "")", patientID: patient.id, resourceType: "ServiceRequest", resourceID: id.uuidString)
        }
        await req.syncWorklist(patientID: patient.id)
        return req.redirect(to: SiteURL.patient(try patient.requireID(), .referrals).path)
    }

    static func store(_ referral: ResourceReferral, in row: ResourceReferralRecord) throws {
        row.state = referral.state.rawValue
        row.referralJSON = try StoredJSON.encode(referral)
    }

    static func decode(_ row: ResourceReferralRecord) throws -> ResourceReferral {
        try StoredJSON.decode(ResourceReferral.self, from: row.referralJSON, what: "referral")
    }

    private func page(_ patient: Patient, error: String?, typed: ReferForm? = nil, _ req: Request) async throws -> ReferralsPage {
        let patientID = try patient.requireID()
        let zone = req.application.settings.agencyTimeZone
        let rows = try await ResourceReferralRecord.query(on: req.db).filter(\.$patient.$id == patientID).sort(\.$createdAt, .descending).all()
        let canWrite = try await PatientAccess.may(.write, patient, req)
        return ReferralsPage(
            shell: PageShell(request: req, title: "Referrals: \(patient.listName)"), name: patient.displayName,
            chartHref: SiteURL.patient(patientID).path + "#resources", searchHref: SiteURL.resources.path + "?patient=\(patientID.uuidString.lowercased())",
            canWrite: canWrite, error: error, referAction: SiteURL.patient(patientID, .referrals).path,
            provider: typed?.providerName == nil ? nil : typed,
            referrals: try rows.map { row in
                let referral = try Self.decode(row)
                let overdue = referral.responseOverdue(now: req.now, in: zone)
                return .init(id: try row.requireID().uuidString.lowercased(), action: SiteURL.patient(patientID, .referral(try row.requireID())).path,
                             target: referral.target.title, need: referral.need, state: referral.state.rawValue, stateTitle: referral.state.title,
                             overdue: overdue?.message,
                             steps: referral.steps.map { "\($0.state.title): \(CalendarDate($0.at, in: zone)) by \($0.by)" + ($0.note.map { " — \($0)" } ?? "") },
                             next: Self.next(referral.state).map { FieldOption(value: $0.rawValue, label: $0.title, selected: false) })
            })
    }

    /// The moves that make sense from a state, for the form's choices.
    static func next(_ state: ReferralState) -> [ReferralAction] {
        switch state {
        case .draft: [.send]
        case .sent: [.accept, .decline, .close]
        case .accepted: [.startService, .close]
        case .declined: [.close]
        case .serviceStarted: [.close]
        case .closed: []
        }
    }
}

struct ResourcesPage: Encodable, Sendable {
    struct Result: Encodable, Sendable {
        var id: String
        var name: String
        var organization: String
        var description: String
        var eligibility: String
        var fees: String
        var languages: String
        var phone: String
        var address: String
        var miles: String
    }

    var shell: PageShell
    var patientName: String?
    var patientHref: String?
    var referAction: String?
    var needs: [FieldOption]
    var need: String
    var zip: String
    var language: String
    var eligibility: String
    var miles: String
    var age: String?
    var patientID: String
    var empty: Bool
    var results: [Result]
}

struct ReferralsPage: Encodable, Sendable {
    struct Referral: Encodable, Sendable {
        var id: String
        var action: String
        var target: String
        var need: String
        var state: String
        var stateTitle: String
        var overdue: String?
        var steps: [String]
        var next: [FieldOption]
    }

    var shell: PageShell
    var name: String
    var chartHref: String
    var searchHref: String
    var canWrite: Bool
    var error: String?
    var referAction: String
    /// The outside-provider form as typed, when it was refused.
    var provider: ResourcesController.ReferForm?
    var referrals: [Referral]
}

extension ReferralAction {
    /// The choice as the referral form says it.
    var title: String {
        switch self {
        case .send: "Sent to the service"
        case .accept: "The service accepted"
        case .decline: "The service declined (say why)"
        case .startService: "Service started"
        case .close: "Close the loop (say the outcome)"
        case .reassign: "Hand to another case manager"
        }
    }
}
