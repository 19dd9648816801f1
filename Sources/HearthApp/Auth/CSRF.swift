import Foundation
import Vapor

/// Rejects state-changing browser requests that do not carry this session's anti-forgery token
/// (OWASP synchronizer token pattern). Bearer-token clients send no cookies and are exempt.
struct CSRFMiddleware: AsyncMiddleware {
    /// Before log-in there is no session: the log-in form is protected by a token in a cookie of its own.
    static let preSessionCookie = "hearth_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.GET, .HEAD, .OPTIONS].contains(request.method) {
            return try await next.respond(to: request)
        }
        // Read the body first, so an oversized one is refused as such (413) before anything else.
        _ = try await request.body.collect(max: 1 << 20).get()
        let user = request.auth.get(CurrentUser.self)
        if case .bearer? = user?.via {
            return try await next.respond(to: request)
        }
        // A browser whose session ended (the idle sign-off) is sent to sign in and brought back to the page it was on;
        // what was typed is kept in the browser (Public/js/keep.js) and put back into the form there.
        if user == nil, request.url.path != SiteURL.login.path, request.pendingSignIn == nil || request.url.path != SiteURL.loginCode.path {
            let back = Self.returnPath(request) ?? SiteURL.home.path
            return request.redirect(to: SiteURL.login.path + "?reason=expired&next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        guard let expected = user?.csrfToken ?? request.pendingSignIn?.csrfToken ?? request.cookies[Self.preSessionCookie]?.string,
              let sent = Self.sentToken(request),
              Secret.equal(expected, sent)
        else {
            try await Self.audit(request)
            throw AppError.forbidden("This form has expired or came from another site. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    /// A refused form is audited (45 CFR 164.312(b)): a signed-in user's every time; before sign-in, one record per
    /// address a minute with the count, so forged log-in posts cannot flood the trail.
    private static func audit(_ request: Request) async throws {
        let detail = "\(request.method.rawValue) \(request.url.path) without this session's form token"
        if request.auth.has(CurrentUser.self) {
            return try await request.audit("csrf.refused", outcome: .denied, detail: detail)
        }
        let minute = Date(timeIntervalSince1970: (request.now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        guard let count = await request.application.throttle.refused("forms from " + request.throttleAddress, until: minute) else { return }
        try await request.audit("csrf.refused", outcome: .denied, detail: detail + "; \(count) refused since the last record")
    }

    /// The page the form was on, from the Referer, as a path on this site.
    private static func returnPath(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URLComponents(string: referer) else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return SiteURL.isSafeReturnPath(path) && !path.hasPrefix(SiteURL.login.path) ? path : nil
    }

    private static func sentToken(_ request: Request) -> String? {
        if let header = request.headers.first(name: headerName) { return header }
        struct Form: Decodable { var _csrf: String? }
        return (try? request.content.decode(Form.self))?._csrf
    }

    /// The token a page should put in its forms, creating the pre-session cookie when needed.
    static func token(for request: Request) -> String {
        if let token = request.auth.get(CurrentUser.self)?.csrfToken ?? request.pendingSignIn?.csrfToken { return token }
        if let token = request.cookies[preSessionCookie]?.string, !token.isEmpty { return token }
        if let token = request.storage[PendingToken.self] { return token }
        let token = Secret.make()
        request.storage[PendingToken.self] = token
        return token
    }

    /// A pre-session token minted while rendering; the response must set it as a cookie.
    struct PendingToken: StorageKey { typealias Value = String }
}

/// Sets the pre-session CSRF cookie a page minted while it rendered.
struct CSRFCookieWriter: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let token = request.storage[CSRFMiddleware.PendingToken.self] {
            response.cookies[CSRFMiddleware.preSessionCookie] = .init(
                string: token, maxAge: 60 * 60 * 2, path: "/", isSecure: request.isSecure, isHTTPOnly: true, sameSite: .lax
            )
        }
        return response
    }
}
