import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator's SMART Backend Services clients: register one (name, public keys, scopes, the user it acts
/// as) and revoke it [45 CFR 164.308(a)(4)(ii)(C)]. Every change is audited by `ClientRegistration`.
struct ClientAdminController {
    struct RegisterForm: Content {
        var name: String?
        var jwks: String?
        var scopes: String?
        var username: String?
    }

    func list(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let notice: String? = switch req.query[String.self, at: "done"] {
        case "revoked": "Client revoked: its next token request is refused, and so are the tokens it holds."
        default: nil
        }
        return try await render(req, form: RegisterForm(), notice: notice, status: .ok)
    }

    func register(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let form = try req.content.decode(RegisterForm.self)
        do {
            let client = try await ClientRegistration.register(
                .init(name: form.name ?? "", jwks: form.jwks ?? "", scopes: form.scopes ?? "", username: form.username ?? ""),
                by: AccountActor(try req.currentUser, request: req), on: req.db
            )
            let notice = "Client '\(client.name)' registered. Its client_id is \(client.clientID): give it to the client's developer with the token URL \(req.publicOrigin + SiteURL.oauthToken.path)."
            return try await render(req, form: RegisterForm(), notice: notice, status: .created)
        } catch let refusal as AccountRefusal {
            return try await render(req, form: form, refusal: refusal, status: .unprocessableEntity)
        }
    }

    func revoke(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageUsers, on: req)
        guard let id = req.parameters.get("clientID", as: UUID.self), let client = try await OAuthClient.find(id, on: req.db) else {
            throw AppError.notFound("There is no such client. Go back to the list of clients and try again.")
        }
        try await ClientRegistration.revoke(client, by: AccountActor(try req.currentUser, request: req), on: req.db)
        return req.redirect(to: SiteURL.admin(.clients).path + "?done=revoked")
    }

    private func render(_ req: Request, form: RegisterForm, refusal: AccountRefusal? = nil, notice: String? = nil,
                        status: HTTPResponseStatus) async throws -> Response {
        let problems = refusal.map { [$0.field: $0.message] } ?? [:]
        let users = try await User.query(on: req.db).filter(\.$isActive == true).sort(\.$username).all()
        let fields = [
            InputField.text("name", "Name", form.name, problems, prefix: "client-", hint: "What the client is, e.g. 'Acme HIE nightly sync'."),
            InputField.select("username", "Acts as", form.username, users.map { ($0.username, "\($0.username) (\(Role(rawValue: $0.role)?.title ?? $0.role))") },
                              problems, prefix: "client-", hint: "Its tokens reach what this user's role and relationships reach, and no more."),
            InputField.text("scopes", "Scopes it may ask for", form.scopes, problems, prefix: "client-",
                            hint: "SMART v2, separated by spaces: system/Patient.rs, system/*.rs (c create, r read, u update, d delete, s search)."),
            InputField(id: "client-jwks", name: "jwks", label: "Public keys (JWKS)", type: "textarea", value: form.jwks ?? "", error: problems["jwks"],
                       hint: "Paste the client's JSON Web Key Set: {\"keys\": [ … ]}, RSA (RS384) or EC P-384 (ES384) public keys.", wide: true),
        ]
        let page = ClientsPage(shell: PageShell(request: req, title: "API clients"), rows: try await ClientRow.all(on: req.db),
                               fields: fields, notice: notice, formOpen: refusal != nil,
                               tokenURL: req.publicOrigin + SiteURL.oauthToken.path)
        return try await ClientsView.render(page).encodeResponse(status: status, for: req)
    }
}
