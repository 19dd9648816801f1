import Fluent
import Foundation
import HearthCore
import Vapor

/// SMART Backend Services: discovery and the OAuth 2.0 client-credentials token endpoint, where a registered client
/// trades a JWT signed with its key for a short-lived access token [SMART App Launch 2.0 "Backend Services";
/// RFC 6749 §4.4; RFC 7523].
struct SMARTController {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// Access tokens last five minutes: a client asks again with a fresh assertion.
    static let accessTokenLifetime: TimeInterval = 5 * 60

    func configuration(req: Request) async throws -> Response {
        let document: [String: any Sendable] = [
            "token_endpoint": req.publicOrigin + SiteURL.oauthToken.path,
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ClientAssertion.algorithms.sorted(),
            "scopes_supported": ["system/*.rs", "system/*.cruds", "user/*.rs", "user/*.cruds", "system/Patient.rs"],
            "capabilities": ["client-confidential-asymmetric", "permission-v2", "permission-v1"],
            "code_challenge_methods_supported": ["S256"],
        ]
        return try Self.json(document, status: .ok)
    }

    func token(req: Request) async throws -> Response {
        do {
            let form = try Self.form(req)
            guard form["grant_type"] == "client_credentials" else {
                throw OAuthError.unsupportedGrantType("Hearth grants client_credentials only (SMART Backend Services).")
            }
            guard form["client_assertion_type"] == Self.assertionType, let compact = form["client_assertion"] else {
                throw OAuthError.invalidClient("Authenticate with client_assertion_type=\(Self.assertionType) and a signed client_assertion.")
            }
            let (client, scopes) = try await Self.authenticate(compact, asking: form["scope"], req: req)
            return try await Self.grant(client, scopes: scopes, req: req)
        } catch let error as OAuthError {
            try await AuditLog.record(.init(actorName: "oauth client", action: "oauth.token", outcome: .failure,
                                            detail: "\(error.code): \(error.description)", request: req), on: req.db)
            var body: [String: any Sendable] = ["error": error.code, "error_description": error.description]
            if error.status == .unauthorized { body["error_uri"] = req.publicOrigin + SiteURL.smartConfiguration.path }
            let response = try Self.json(body, status: HTTPResponseStatus(statusCode: error.status.rawValue))
            if error.status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"hearth\"") }
            return response
        }
    }

    /// The client whose key signed a fresh, unreplayed assertion for this endpoint, and the scopes it may have.
    private static func authenticate(_ compact: String, asking: String?, req: Request) async throws -> (OAuthClient, SMARTScopes) {
        let now = req.now
        let assertion = try ClientAssertion(compact: compact)
        let claimed = try assertion.clientID()
        guard let id = UUID(uuidString: claimed), let client = try await OAuthClient.find(id, on: req.db), client.revokedAt == nil else {
            throw OAuthError.invalidClient("No registered client has this id, or it was revoked: ask the agency's administrator.")
        }
        let (jti, expires) = try assertion.checkClaims(tokenURL: req.publicOrigin + SiteURL.oauthToken.path, now: now)
        let keys = try JWKS(json: client.jwks)
        guard keys.verifies(signature: assertion.signature, of: assertion.signingInput, alg: assertion.header.alg, kid: assertion.header.kid) else {
            throw OAuthError.invalidClient("The assertion's signature does not match any key registered for this client.")
        }
        let allowed = try SMARTScopes(parsing: client.scopes)
        let scopes: SMARTScopes
        do { scopes = try SMARTScopes(parsing: asking ?? "") } catch let problem as SMARTScopeProblem {
            throw OAuthError.invalidScope(problem.description)
        }
        guard allowed.covers(scopes) else {
            throw OAuthError.invalidScope("The client may be granted \(allowed) only: ask within those scopes, or ask the administrator to change the registration.")
        }
        try await remember(jti, of: client, until: expires, on: req.db)
        return (client, scopes)
    }

    /// Records the assertion's `jti`; one already recorded for the client is a replay.
    private static func remember(_ jti: String, of client: OAuthClient, until expires: Date, on db: any Database) async throws {
        let clientID = try client.requireID()
        let seen = try await OAuthAssertionUse.query(on: db).filter(\.$client.$id == clientID).filter(\.$jti == jti).count()
        guard seen == 0 else { throw OAuthError.invalidClient("This assertion (jti) was already used: sign a new one for each token request.") }
        do {
            try await OAuthAssertionUse(clientID: clientID, jti: jti, expiresAt: expires).create(on: db)
        } catch {
            // The unique (client, jti) index refused it: another request used the same assertion at the same moment.
            throw OAuthError.invalidClient("This assertion (jti) was already used: sign a new one for each token request.")
        }
    }

    /// Mints the access token, if the client's user may still sign in, and audits the grant.
    private static func grant(_ client: OAuthClient, scopes: SMARTScopes, req: Request) async throws -> Response {
        let now = req.now
        guard let user = try await User.find(client.$user.id, on: req.db), user.isActive else {
            throw OAuthError.invalidClient("The user this client acts as is disabled: ask the administrator.")
        }
        let secret = "hsa_" + Secret.make()
        let token = OAuthAccessToken(tokenHash: Secret.hash(secret), clientID: try client.requireID(), scope: scopes.description,
                                     now: now, lifetime: accessTokenLifetime)
        try await req.db.transaction { db in
            try await token.create(on: db)
            try await AuditLog.record(.init(actor: user, action: "oauth.token", outcome: .success,
                                            detail: "client '\(client.name)' (\(client.clientID)) granted \(scopes)", request: req), on: db)
        }
        return try json([
            "access_token": secret, "token_type": "bearer", "expires_in": Int(accessTokenLifetime), "scope": scopes.description,
        ], status: .ok)
    }

    private static func form(_ req: Request) throws -> [String: String] {
        guard req.headers.contentType == .urlEncodedForm, let form = try? req.content.decode([String: String].self) else {
            throw OAuthError.invalidRequest("Send the token request as application/x-www-form-urlencoded (RFC 6749 §4.4.2).")
        }
        return form
    }

    /// JSON that no cache keeps (RFC 6749 §5.1).
    static func json(_ object: [String: any Sendable], status: HTTPResponseStatus) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let response = Response(status: status, body: .init(data: data))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: .pragma, value: "no-cache")
        return response
    }
}
