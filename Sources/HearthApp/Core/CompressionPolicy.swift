import Vapor

/// Which responses may be gzipped for a client that accepts it. Compressing a response that holds a secret (a CSRF
/// token, PHI) beside text an attacker chose lets a network observer read the secret from the sizes (BREACH,
/// CVE-2013-3587), and a page signed in by cookie can be requested by another site's top-level navigation
/// (`SameSite=Lax`). So: the files under Public/ (no secrets) and answers to a bearer token (another site cannot make
/// a browser send one) are compressed; pages signed in by cookie are not. The server's default stays "disabled",
/// which lets this per-response choice through.
struct CompressionPolicy: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if Self.mayCompress(path: request.url.path, user: request.auth.get(CurrentUser.self)) {
            response.headers.responseCompression = .enable
        }
        return response
    }

    static func mayCompress(path: String, user: CurrentUser?) -> Bool {
        if SecurityHeaders.staticPrefixes.contains(where: path.hasPrefix) { return true }
        guard let user, case .bearer = user.via else { return false }
        return true
    }
}
