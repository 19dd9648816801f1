import Fluent
import Foundation
import HearthCore
import Vapor

/// A patient's access report: who saw or changed the record, when, from where, doing what; for the patient's request
/// for an accounting of disclosures [45 CFR 164.528] and the supervisor's review of emergency access. Built on the
/// audit trail, filtered to the one patient; itself audited.
struct DisclosureController {
    static let pageSize = 100
    /// A printed report longer than this is cut, and says so: narrow the dates for the rest.
    static let printLimit = 5_000

    func show(req: Request) async throws -> Response {
        let (patient, filter) = try await authorize(req, action: "patient.disclosures.read")
        let page = req.pageNumber
        var events: [AuditEvent] = []
        if filter.errors.isEmpty {
            events = try await query(patient, filter, req).range(((page - 1) * Self.pageSize)..<(page * Self.pageSize + 1)).all()
        }
        var model = try await model(patient, filter, events: Array(events.prefix(Self.pageSize)), req: req)
        let path = SiteURL.patient(try patient.requireID(), .disclosures).path
        func link(_ number: Int) -> String { Self.href(path, filter, page: number) }
        model.previousHref = page > 1 ? link(page - 1) : nil
        model.nextHref = events.count > Self.pageSize ? link(page + 1) : nil
        return try await DisclosureReportView.render(model).encodeResponse(status: filter.errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// The whole period on one page for paper: no navigation, no forms (print CSS), every row up to `printLimit`.
    func print(req: Request) async throws -> Response {
        let (patient, filter) = try await authorize(req, action: "patient.disclosures.print")
        if let message = filter.errors.sorted(by: { $0.key < $1.key }).first?.value { throw AppError.invalidInput(message) }
        let events = try await query(patient, filter, req).limit(Self.printLimit + 1).all()
        var model = try await model(patient, filter, events: Array(events.prefix(Self.printLimit)), req: req)
        model.isPrint = true
        model.cut = events.count > Self.printLimit
        return try await DisclosureReportView.render(model).encodeResponse(for: req)
    }

    private func authorize(_ req: Request, action: String) async throws -> (Patient, AuditTrailFilter) {
        let patient = try await req.patient(.accountDisclosures)
        var filter = AuditTrailFilter(query: req.query, timeZone: req.application.settings.agencyTimeZone)
        filter.patient = "" // this report is one patient's, whatever the address says
        try await req.audit(action, patientID: patient.id, resourceType: "Patient", resourceID: patient.id?.uuidString,
                            detail: filter.errors.isEmpty ? filter.summary : "refused filters")
        return (patient, filter)
    }

    private func query(_ patient: Patient, _ filter: AuditTrailFilter, _ req: Request) throws -> QueryBuilder<AuditEvent> {
        let query = AuditEvent.query(on: req.db).filter(\.$patientID == (try patient.requireID()))
        filter.apply(to: query)
        return query.sort(\.$occurredAtMillis, .descending).sort(\.$id, .descending)
    }

    private func model(_ patient: Patient, _ filter: AuditTrailFilter, events: [AuditEvent], req: Request) async throws -> DisclosureReportPage {
        let people = try await Self.people(of: events, on: req.db)
        let formatter = AdminController.timeFormatter(req.application.settings.agencyTimeZone)
        let patientID = try patient.requireID()
        return DisclosureReportPage(
            shell: PageShell(request: req, title: "Access report: \(patient.listName)"),
            patient: patient.listName, mrn: patient.mrn, birthDate: patient.birthDate, agency: req.application.settings.agencyName,
            chartHref: SiteURL.patient(patientID).path, action: SiteURL.patient(patientID, .disclosures).path,
            printHref: filter.errors.isEmpty ? Self.href(SiteURL.patient(patientID, .printDisclosures).path, filter, page: nil) : nil,
            filter: filter, generated: formatter.string(from: req.now), generatedBy: try req.currentUser.displayName,
            rows: events.map { event in
                DisclosureReportPage.Row(
                    when: formatter.string(from: Date(timeIntervalSince1970: Double(event.occurredAtMillis) / 1000)),
                    who: event.actorID.flatMap { people[$0] } ?? (event.actorName == "anonymous" ? "Not signed in" : event.actorName),
                    what: AuditActionWords.describe(event.action, outcome: event.outcome),
                    from: event.sourceIP ?? "", outcome: event.outcome,
                    emergency: event.detail?.hasPrefix(EmergencyUse.auditMark) == true || event.action == "patient.emergency_access",
                    viaAPI: event.detail?.hasPrefix("FHIR") == true || event.detail?.contains("; FHIR") == true)
            })
    }

    /// "Nora Quinn (Clinician)", for every user on the page, read once.
    static func people(of events: [AuditEvent], on db: any Database) async throws -> [UUID: String] {
        let ids = Array(Set(events.compactMap(\.actorID)))
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for user in try await User.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$displayName).field(\.$role).all() {
            names[try user.requireID()] = "\(user.displayName) (\(Role(rawValue: user.role)?.title ?? user.role))"
        }
        return names
    }

    static func href(_ path: String, _ filter: AuditTrailFilter, page: Int?) -> String {
        var parts = URLComponents()
        parts.path = path
        let items = filter.queryItems + (page.map { [URLQueryItem(name: "page", value: String($0))] } ?? [])
        parts.queryItems = items.isEmpty ? nil : items
        return parts.string ?? path
    }
}
