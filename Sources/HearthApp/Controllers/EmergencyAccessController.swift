import Fluent
import Foundation
import HearthCore
import Vapor

/// Break-the-glass for a clinician: find a patient not on her list, give a reason, open the chart for hours, end it
/// early. Who may is `AccessPolicy` (`AgencyAction.breakTheGlass`, `AccessPolicy.mayBreakGlass`) [45 CFR 164.312(a)(2)(ii)].
struct EmergencyAccessController {
    /// The look-up: the MRN, or the last name and date of birth; each found patient with the reason form.
    func find(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.breakTheGlass, on: req)
        let user = try req.currentUser
        let lookup = EmergencyLookup(query: req.query)
        var found: [EmergencyFindPage.Match] = []
        if lookup.isAsked, lookup.errors.isEmpty {
            for patient in try await EmergencyAccessStore.find(lookup, on: req.db) {
                let patientID = try patient.requireID()
                let permissions = try await req.permissions(on: patient)
                let opensAlready = permissions.allows(.read)
                found.append(.init(name: patient.listName, mrn: patient.mrn, birthDate: patient.birthDate, chartHref: SiteURL.patient(patientID).path,
                                   action: opensAlready ? nil : SiteURL.patient(patientID, .emergencyAccess).path))
            }
            // The terms are not recorded (a name and birth date are PHI); what was found is, patient by patient, when opened.
            try await req.auditRead("patient.emergency_search", detail: "\(found.count) found by \(lookup.mrn.isEmpty ? "name and date of birth" : "MRN")")
        }
        let open = try await EmergencyAccessStore.open(for: user.id, now: req.now, on: req.db)
        let page = EmergencyFindPage(
            shell: PageShell(request: req, title: "Emergency access"), lookup: lookup, asked: lookup.isAsked && lookup.errors.isEmpty, matches: found,
            open: try open.map { try EmergencyFindPage.OpenAccess(name: $0.patient.listName, href: SiteURL.patient($0.patient.requireID()).path, until: req.agencyClock($0.endsAt)) },
            hours: req.application.settings.emergencyAccessHours, ended: req.query[String.self, at: "ended"] == "1")
        return try await EmergencyAccessView.find(page).encodeResponse(status: lookup.errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// The reason form on its own page (where a refused reason comes back to). It names no patient: the address alone
    /// does not tell a user whose chart it is.
    func form(req: Request) async throws -> Response {
        let patient = try await emergencyPatient(req)
        if try await PatientAccess.may(.read, patient, req) { return req.redirect(to: SiteURL.patient(try patient.requireID()).path) }
        return try await reasonPage(patient, reason: "", error: nil, req: req).encodeResponse(for: req)
    }

    /// Opens the chart with the reason, or shows the form again with what was typed and why it was refused.
    func open(req: Request) async throws -> Response {
        let patient = try await emergencyPatient(req)
        let patientID = try patient.requireID()
        let user = try req.currentUser
        if try await PatientAccess.may(.read, patient, req) { return req.redirect(to: SiteURL.patient(patientID).path) }
        let reason = (try? req.content.get(String.self, at: "reason")) ?? ""
        if let problem = EmergencyAccess.problem(reason: reason) {
            return try await reasonPage(patient, reason: reason, error: problem, req: req).encodeResponse(status: .unprocessableEntity, for: req)
        }
        _ = try await EmergencyAccessStore.open(patientID: patientID, reason: reason, by: user, now: req.now, req: req)
        return req.redirect(to: SiteURL.patient(patientID).path)
    }

    /// Ends the user's own open access now; the chart closes to her at once.
    func end(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.breakTheGlass, on: req)
        guard let patientID = req.parameters.get("patientID", as: UUID.self) else { throw AppError.notFound() }
        try await EmergencyAccessStore.end(patientID: patientID, by: try req.currentUser, now: req.now, req: req)
        return req.redirect(to: SiteURL.emergencyAccessFind.path + "?ended=1")
    }

    /// The patient of the address, for a user whose role may break the glass; 404 when there is none.
    private func emergencyPatient(_ req: Request) async throws -> Patient {
        try await PatientAccess.authorize(.breakTheGlass, on: req)
        guard let patientID = req.parameters.get("patientID", as: UUID.self), let patient = try await Patient.find(patientID, on: req.db) else {
            throw AppError.notFound()
        }
        return patient
    }

    private func reasonPage(_ patient: Patient, reason: String, error: String?, req: Request) async throws -> HTML {
        let form = EmergencyReasonForm(action: SiteURL.patient(try patient.requireID(), .emergencyAccess).path, reason: reason, error: error,
                                       hours: req.application.settings.emergencyAccessHours, csrfToken: CSRFMiddleware.token(for: req))
        return EmergencyAccessView.reasonPage(shell: PageShell(request: req, title: "Emergency access"), form: form)
    }
}
