import Fluent
import Foundation
import HearthCore
import Vapor

/// The intake inbox: referrals hospitals sent over FHIR, reviewed, matched, accepted or declined by the agency's
/// intake coordinators, case managers and supervisors (whoever may register patients).
struct ReferralInboxController {
    struct AcceptForm: Content { var match: String?; var confirmNew: String? }
    struct DeclineForm: Content { var reason: String? }

    /// `GET /referrals/inbox`.
    func list(req: Request) async throws -> HTML {
        try await PatientAccess.authorize(.registerPatient, on: req)
        let waiting = try await InboundReferral.query(on: req.db).filter(\.$status == InboundReferral.Status.requested.rawValue).sort(\.$receivedAt).all()
        let decided = try await InboundReferral.query(on: req.db).filter(\.$status != InboundReferral.Status.requested.rawValue)
            .sort(\.$decidedAt, .descending).limit(20).all()
        try await req.auditRead("referral.inbound.list", resourceType: "Task", detail: "\(waiting.count) waiting, \(decided.count) decided")
        return ReferralInboxPage(shell: PageShell(request: req, title: "Referral inbox"), waiting: try waiting.map { try row($0, req) },
                                 decided: try decided.map { try row($0, req) }).html
    }

    /// `GET /referrals/inbox/:referralID`.
    func show(req: Request) async throws -> HTML {
        let referral = try await load(req)
        try await req.auditRead("referral.inbound.read", patientID: referral.$patient.id, resourceType: "Task", resourceID: referral.id?.uuidString)
        return try await page(referral, req: req).html
    }

    /// `POST /referrals/inbox/:referralID/accept`: `match` is `new` or the id of a registered patient the person chose.
    func accept(req: Request) async throws -> Response {
        let referral = try await load(req)
        let form = try req.content.decode(AcceptForm.self)
        try Self.requireOpen(referral)
        let contents = try InboundReferralIntake.contents(referral, today: req.agencyToday)
        let matches = try await InboundReferralIntake.matches(contents, on: req.db)
        let choice = (form.match ?? "").trimmingCharacters(in: .whitespaces)
        var existing: Patient?
        if choice == "new" {
            if !matches.isEmpty, form.confirmNew != "yes" {
                return try await refuse(referral, form, "This may be a patient already registered: choose that patient, or tick that you checked it is a different person.", req)
            }
        } else if let id = UUID(uuidString: choice), let match = matches.first(where: { $0.id == id }) {
            existing = match
        } else {
            return try await refuse(referral, form, "Choose the registered patient this referral is for, or register a new patient.", req)
        }
        do {
            let patientID = try await InboundReferralIntake.accept(referral, existing: existing, req: req)
            return req.redirect(to: SiteURL.patient(patientID).path)
        } catch let error as FHIRWriteError {
            try await req.auditDenials(error)
            return try await refuse(referral, form, "Nothing was saved. " + error.reason, req, status: error.status == .forbidden ? .forbidden : .unprocessableEntity)
        } catch let error as EpisodeMoveError {
            return try await refuse(referral, form, "Nothing was saved. " + error.message, req)
        }
    }

    /// `POST /referrals/inbox/:referralID/decline`: the reason is required and goes back to the hospital on its Task.
    func decline(req: Request) async throws -> Response {
        let referral = try await load(req)
        try Self.requireOpen(referral)
        let reason = (try req.content.decode(DeclineForm.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            var page = try await page(referral, req: req)
            let message = reason.isEmpty ? "Say why the agency cannot take this patient; the hospital reads it." : "Keep the reason under 500 characters."
            page.declineForm = Self.declineForm(referral, reason: reason, problems: ["reason": message])
            return try await page.html.encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await InboundReferralIntake.decline(referral, reason: reason, req: req)
        return req.redirect(to: .referralInbox)
    }

    private func load(_ req: Request) async throws -> InboundReferral {
        try await PatientAccess.authorize(.registerPatient, on: req)
        guard let id = req.parameters.get("referralID", as: UUID.self), let referral = try await InboundReferral.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        return referral
    }

    private func refuse(_ referral: InboundReferral, _ form: AcceptForm, _ message: String, _ req: Request,
                        status: HTTPResponseStatus = .unprocessableEntity) async throws -> Response {
        var page = try await page(referral, req: req)
        page.acceptError = message
        page.chosenMatch = form.match ?? ""
        page.confirmNew = form.confirmNew == "yes"
        return try await page.html.encodeResponse(status: status, for: req)
    }

    private func row(_ referral: InboundReferral, _ req: Request) throws -> ReferralInboxPage.Row {
        let id = try referral.requireID()
        return ReferralInboxPage.Row(
            id: "referral-\(id.uuidString.lowercased())", href: SiteURL.inboundReferral(id).path, patient: referral.patientName, birthDate: referral.birthDate,
            sender: referral.senderName, received: req.agencyClock(referral.receivedAt), startOfCare: referral.orderedStartOfCare ?? "Not ordered",
            summary: referral.summary.isEmpty ? "Patient only" : referral.summary, status: Self.statusTitle(referral), statusClass: Self.statusClass(referral))
    }

    /// A decided referral, or one the hospital withdrew, is answered once.
    static func requireOpen(_ referral: InboundReferral) throws {
        if referral.status == InboundReferral.Status.withdrawn.rawValue {
            throw AppError.conflict("The hospital withdrew this referral: it can no longer be accepted. Call the hospital if the patient still needs the agency.")
        }
        guard referral.status == InboundReferral.Status.requested.rawValue else { throw AppError.conflict("This referral was already decided.") }
    }

    static func statusTitle(_ referral: InboundReferral) -> String {
        switch InboundReferral.Status(rawValue: referral.status) {
        case .accepted: "Accepted"
        case .rejected: "Declined"
        case .withdrawn: "Withdrawn by the hospital"
        default: "Waiting"
        }
    }

    static func statusClass(_ referral: InboundReferral) -> String {
        switch InboundReferral.Status(rawValue: referral.status) {
        case .accepted: "ok"
        case .rejected, .withdrawn: "overdue"
        default: "due_soon"
        }
    }

    static func declineForm(_ referral: InboundReferral, reason: String, problems: [String: String]) -> PageForm {
        let id = referral.id ?? UUID()
        return PageForm(action: SiteURL.inboundReferral(id, .decline).path,
                        fields: [InputField(id: "decline-reason", name: "reason", label: "Reason the hospital will read", type: "textarea", value: reason,
                                            error: problems["reason"], hint: "For example: outside our service area; no skilled need at home.", wide: true)],
                        error: PageForm.refusal(problems))
    }
}
