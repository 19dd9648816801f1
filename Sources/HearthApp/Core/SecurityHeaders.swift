import Vapor

/// Headers every response carries: pages with PHI are never kept by the browser (Back after signing out shows no
/// chart), never framed, and never run or load anything from another origin (45 CFR 164.312(a)(2)(iii), (e)(1);
/// OWASP Secure Headers). Stylesheets and scripts under Public/ may be cached; nothing else may.
struct SecurityHeaders: AsyncMiddleware {
    /// The app's own files only. Two allowances, both for markup already in the templates: `style` attributes
    /// (the assessment's progress bar width) and the print page's `onclick="window.print()"`, by its hash.
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "script-src 'self'",
        "script-src-attr 'unsafe-hashes' 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='",
    ].joined(separator: "; ")

    /// One year, as browsers' preload lists expect; sent only over TLS (RFC 6797 §7.2).
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    /// Public/ holds no PHI: its files may be cached.
    static let staticPrefixes = ["/css/", "/js/", "/favicon"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = Self.headers(path: request.url.path, secure: request.isSecure)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func headers(path: String, secure: Bool) -> [(String, String)] {
        var headers = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        ]
        if !staticPrefixes.contains(where: { path.hasPrefix($0) }) {
            headers.append(("Cache-Control", "no-store"))
        }
        if secure { headers.append(("Strict-Transport-Security", strictTransportSecurity)) }
        return headers
    }
}
