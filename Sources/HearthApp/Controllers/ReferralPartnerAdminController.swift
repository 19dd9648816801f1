import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator records each Hearth home health agency on another installation: which provider of the post-acute
/// directory it is, its FHIR base URL and the token it issued to this hospital. The token is kept to send referrals and
/// never shown again in full, logged or audited; every change is audited (issue 22).
struct ReferralPartnerAdminController {
    struct SaveForm: Content { var provider, baseURL, token: String? }

    /// `GET /admin/referral-partners`.
    func list(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        return try await render(req, form: SaveForm(), problems: [:], status: .ok)
    }

    /// `POST /admin/referral-partners`: a partner added, or its address or token changed (an empty token keeps the one on file).
    func save(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let form = try req.content.decode(SaveForm.self)
        let providerID = form.provider ?? ""
        let existing = try await ReferralPartner.query(on: req.db).filter(\.$providerID == providerID).first()
        var problems: [String: String] = [:]
        let provider = req.application.discharge.directory.provider(providerID)
        if provider == nil || provider?.setting != .homeHealth {
            problems["provider"] = "Choose the home health agency from the post-acute directory."
        } else if provider?.isThisInstallation == true {
            problems["provider"] = "\(provider!.name) is on this installation: its referrals already reach its intake inbox."
        }
        let base = ReferralPartnerRules.baseURL(form.baseURL ?? "")
        if case .failure(let problem) = base { problems["baseURL"] = problem.description }
        let token = (form.token ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !(token.isEmpty && existing != nil), let problem = ReferralPartnerRules.tokenProblem(token) { problems["token"] = problem }
        guard problems.isEmpty, let provider, case .success(let baseURL) = base else {
            return try await render(req, form: SaveForm(provider: form.provider, baseURL: form.baseURL), problems: problems, status: .unprocessableEntity)
        }
        let partner = existing ?? ReferralPartner()
        partner.providerID = provider.id
        partner.baseURL = baseURL
        if !token.isEmpty { (partner.token, partner.tokenHint) = (token, ReferralPartnerRules.hint(token)) }
        partner.updatedByName = try req.currentUser.displayName
        partner.updatedAt = req.now
        let detail = "\(provider.id) at \(baseURL), token \(token.isEmpty ? "kept" : "replaced") (\(partner.tokenHint))"
        try await req.auditedWrite("referral_partner.save", resourceType: "Organization", resourceID: provider.id, detail: detail) { db in
            try await partner.save(on: db)
        }
        return req.redirect(to: SiteURL.admin(.referralPartners).path + "?done=saved")
    }

    /// `POST /admin/referral-partners/:partnerID/remove`: referrals to it are no longer sent over HTTP.
    func remove(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        guard let id = req.parameters.get("partnerID", as: UUID.self), let partner = try await ReferralPartner.find(id, on: req.db) else { throw AppError.notFound() }
        try await req.auditedWrite("referral_partner.remove", resourceType: "Organization", resourceID: partner.providerID, detail: partner.baseURL) { db in
            try await partner.delete(on: db)
        }
        return req.redirect(to: SiteURL.admin(.referralPartners).path + "?done=removed")
    }

    private func render(_ req: Request, form: SaveForm, problems: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let directory = req.application.discharge.directory
        let partners = try await ReferralPartner.query(on: req.db).sort(\.$providerID).all()
        let choices: [(value: String, label: String)] = directory.providers.filter { $0.setting == .homeHealth && !$0.isThisInstallation }
            .map { ($0.id, $0.name) }
        let done: String? = switch req.query[String.self, at: "done"] {
        case "saved": "Saved. Referrals the case managers send to this agency now go to its Hearth over HTTP."
        case "removed": "Removed. Referrals to this agency are no longer sent over HTTP."
        default: nil
        }
        let page = ReferralPartnersPage(
            shell: PageShell(request: req, title: "Referral partners"), notice: done,
            partners: try partners.map { partner in
                .init(provider: directory.provider(partner.providerID)?.name ?? partner.providerID, providerID: partner.providerID, baseURL: partner.baseURL,
                      token: partner.tokenHint, updated: "\(StayLifecycle.stamp(partner.updatedAt, req.application.settings.agencyTimeZone)) by \(partner.updatedByName)",
                      removeHref: SiteURL.admin(.referralPartner(try partner.requireID(), .remove)).path)
            },
            form: PageForm(action: SiteURL.admin(.referralPartners).path, fields: [
                .select("provider", "Home health agency", form.provider, [("", "Choose")] + choices, problems, prefix: "rp-",
                        hint: "From the post-acute directory; saving one already listed changes it"),
                .text("baseURL", "Its FHIR base URL", form.baseURL, problems, prefix: "rp-", hint: "e.g. https://hearth.agency.example/fhir", wide: true),
                .text("token", "The token the agency issued to this hospital", nil, problems, prefix: "rp-", type: "password",
                      hint: "Shown once by the agency's `hearth token create --scopes referral`; leave empty to keep the one on file", wide: true),
            ], error: PageForm.refusal(problems)))
        return try await page.html.encodeResponse(status: status, for: req)
    }
}
