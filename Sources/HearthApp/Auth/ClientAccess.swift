import Fluent
import Foundation
import HearthCore
import Vapor

/// The scopes the request's access token was granted; absent for sessions and `hth_` tokens, whose reach is the
/// user's role alone.
struct GrantedScopesKey: StorageKey { typealias Value = SMARTScopes }

extension Request {
    var grantedScopes: SMARTScopes? { storage[GrantedScopesKey.self] }
}

extension BearerAuthenticator {
    /// Signs a SMART client in from its `hsa_` access token as the user it acts as, with the token's scopes; an
    /// unknown or expired token, a revoked client or a disabled user is refused like any bad token.
    func signInClient(_ secret: String, request: Request, now: Date, failed: () async -> Void) async throws {
        let found = try await OAuthAccessToken.query(on: request.db)
            .filter(\.$tokenHash == Secret.hash(secret))
            .join(OAuthClient.self, on: \OAuthAccessToken.$client.$id == \OAuthClient.$id)
            .join(User.self, on: \OAuthClient.$user.$id == \User.$id)
            .first()
        guard let token = found, let client = try? token.joined(OAuthClient.self), let user = try? token.joined(User.self) else {
            await failed()
            try await AuditLog.record(.init(actorName: "unknown bearer token", action: "token.rejected", outcome: .failure, request: request), on: request.db)
            throw TokenRefused()
        }
        let refusal: String? = token.expiresAt <= now ? "access token expired"
            : client.revokedAt != nil ? "client revoked" : !user.isActive ? "user disabled" : nil
        if let refusal {
            await failed()
            try await AuditLog.record(.init(actor: user, action: "token.rejected", outcome: .failure, detail: "\(refusal): client '\(client.name)'", request: request), on: request.db)
            throw TokenRefused()
        }
        try await checkRefusals(of: user, request: request, now: now)
        request.auth.login(try CurrentUser(user: user, via: .bearer))
        request.storage[GrantedScopesKey.self] = (try? SMARTScopes(parsing: token.scope)) ?? SMARTScopes([])
    }
}

/// Holds a scoped token to its scopes on every FHIR interaction (method and resource type → c/r/u/d/s), and keeps it
/// off the rest of the API but for the addresses that hold no patient data. Sessions and `hth_` tokens pass: their
/// reach is the user's role, which `PatientAccess` applies either way.
struct ScopeGate: AsyncMiddleware {
    static let unscopedPaths: Set<String> = [SiteURL.api(.me).path, SiteURL.api(.icd10).path]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let scopes = request.grantedScopes else { return try await next.respond(to: request) }
        let path = request.url.path
        guard path.hasPrefix(SiteURL.fhir(.base).path + "/") || path == SiteURL.fhir(.base).path else {
            if Self.unscopedPaths.contains(path) { return try await next.respond(to: request) }
            try await refuse(request, scopes: scopes, wanted: "this address outside FHIR")
        }
        let components = path.dropFirst(SiteURL.fhir(.base).path.count).split(separator: "/").map(String.init)
        var need = FHIRScopeNeed.of(method: request.method.rawValue, path: components)
        if need == .bundle { need = try await bundleNeed(request) }
        let unmet = need.unmet(by: scopes)
        if !unmet.isEmpty {
            try await refuse(request, scopes: scopes, wanted: unmet.map(\.description).joined(separator: ", "))
        }
        return try await next.respond(to: request)
    }

    /// What every entry of a batch or transaction needs; a body that cannot be read needs write on everything.
    private func bundleNeed(_ request: Request) async throws -> FHIRScopeNeed {
        let body = try await request.body.collect(max: 1 << 20).get()
        struct Bundle: Decodable {
            struct Entry: Decodable { struct Call: Decodable { var method: String; var url: String }; var request: Call? }
            var entry: [Entry]?
        }
        guard let body, let bundle = try? JSONDecoder().decode(Bundle.self, from: body) else {
            return .all([.init("*", .create), .init("*", .update)])
        }
        var requirements: [FHIRScopeNeed.Requirement] = []
        for call in (bundle.entry ?? []).compactMap(\.request) {
            let path = call.url.split(separator: "?").first.map { $0.split(separator: "/").map(String.init) } ?? []
            switch FHIRScopeNeed.of(method: call.method, path: path) {
            case .all(let more): requirements += more
            case .bundle: requirements += [.init("*", .create), .init("*", .update)]
            case .none: break
            }
        }
        return .all(requirements)
    }

    private func refuse(_ request: Request, scopes: SMARTScopes, wanted: String) async throws -> Never {
        try await request.audit("token.scope", outcome: .denied, detail: "\(request.method.rawValue) \(request.url.path) needs \(wanted); granted \(scopes)")
        throw AppError.forbidden("This access token's scopes (\(scopes)) do not allow \(wanted). Ask for a token with that scope, within what the client is registered for.")
    }
}
