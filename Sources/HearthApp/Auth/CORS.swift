import Vapor

/// Lets browser apps from the configured origins (`HEARTH_CORS_ORIGINS`) call the FHIR, OAuth and JSON APIs: a
/// preflight from such an origin is answered, and its responses carry `Access-Control-Allow-Origin`. Other origins get
/// no CORS header at all, so their browsers refuse to hand them the response. No credentials: a cross-origin app sends
/// a bearer token; the session cookie never counts across origins [Fetch standard, CORS protocol].
struct CORSGate: AsyncMiddleware {
    let origins: Set<String>

    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Match, If-Modified-Since, X-Request-ID"
    static let exposedHeaders = "Location, Content-Location, ETag, Last-Modified, X-Progress, WWW-Authenticate, Retry-After, X-Request-ID"

    /// The first words of the addresses a cross-origin app may call (FHIR, OAuth, SMART discovery, the JSON API),
    /// from the typed URLs; pages for people are same-origin only.
    static let machineRoots: Set<String> = Set([SiteURL.fhir(.base), .oauthToken, .smartConfiguration, .api(.me)].compactMap { $0.segments.first?.text })

    static func isMachinePath(_ path: String) -> Bool {
        path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first.map { machineRoots.contains(String($0)) } ?? false
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let origin = request.headers.first(name: .origin), origins.contains(origin), Self.isMachinePath(request.url.path) else {
            return try await next.respond(to: request)
        }
        if request.method == .OPTIONS, request.headers.first(name: .accessControlRequestMethod) != nil {
            let response = Response(status: .noContent)
            response.headers.replaceOrAdd(name: .accessControlAllowMethods, value: Self.allowedMethods)
            response.headers.replaceOrAdd(name: .accessControlAllowHeaders, value: Self.allowedHeaders)
            response.headers.replaceOrAdd(name: .accessControlMaxAge, value: "600")
            return allow(origin, on: response)
        }
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .accessControlExpose, value: Self.exposedHeaders)
        return allow(origin, on: response)
    }

    private func allow(_ origin: String, on response: Response) -> Response {
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: origin)
        response.headers.add(name: .vary, value: "Origin")
        return response
    }
}

extension Settings {
    /// `HEARTH_CORS_ORIGINS`: origins separated by commas, each `scheme://host[:port]` as browsers send it.
    static func corsOrigins(_ text: String?) throws -> Set<String> {
        let origins = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in origins {
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil,
                  url.path.isEmpty, url.query == nil, origin != "*" else {
                throw SettingsError(message: "HEARTH_CORS_ORIGINS '\(origin)' must be an origin such as https://app.example.org (scheme, host, optional port; no path, no *).")
            }
        }
        return Set(origins)
    }
}
