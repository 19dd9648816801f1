import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator's list of bearer tokens, where any of them can be revoked [45 CFR 164.308(a)(4)(ii)(C)].
struct TokenAdminController {
    func list(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let rows = try await TokenRow.all(owner: nil, on: req.db, now: req.now)
        let notice = req.query[String.self, at: "done"] == "revoked" ? "Token revoked: its next request is refused." : nil
        return try await TokensView.render(TokensPage(shell: PageShell(request: req, title: "Tokens"), rows: rows, notice: notice))
            .encodeResponse(for: req)
    }

    func revoke(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        guard let id = req.parameters.get("tokenID", as: UUID.self), let token = try await APIToken.find(id, on: req.db) else {
            throw AppError.notFound("There is no such token. Go back to the list of tokens and try again.")
        }
        try await UserAdministration.revoke(token, by: AccountActor(try req.currentUser, request: req), on: req.db)
        return req.redirect(to: SiteURL.admin(.tokens).path + "?done=revoked")
    }
}
