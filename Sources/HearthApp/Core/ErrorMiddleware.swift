import Vapor

/// The one error handler: a readable page for browsers, `{"error","reason"}` for JSON clients,
/// an OperationOutcome for FHIR clients. Never a stack trace, never PHI; 500s are logged with the request id.
struct HearthErrorMiddleware: AsyncMiddleware {
    let methodsByPath: RouteMethods

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    private func response(for error: any Error, request: Request) async -> Response {
        var (status, reason, code) = describe(error, request: request)
        var headers = HTTPHeaders()
        if error is RouteNotFound, let allowed = methodsByPath.allowed(for: request.url.path), !allowed.isEmpty {
            status = .methodNotAllowed
            code = "method_not_allowed"
            reason = "This address accepts \(allowed.sorted().joined(separator: ", ")), not \(request.method.rawValue)."
            headers.replaceOrAdd(name: .allow, value: allowed.sorted().joined(separator: ", "))
        }
        if case .notFound? = error as? AppError, let patientID = request.storage[OpenedPatientKey.self] {
            // Another patient's record asked for through a chart this user may open (issue 20 #9; 45 CFR 164.312(b)).
            try? await request.audit("patient.record.not-found", outcome: .denied, patientID: patientID,
                                     detail: "\(request.method.rawValue) \(request.url.path): no such record on this patient's chart")
        }
        if let abort = error as? any AbortError, status == .tooManyRequests {
            for (name, value) in abort.headers { headers.replaceOrAdd(name: name, value: value) }
        }
        if status == .unauthorized {
            headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"hearth\"")
        }
        if status.code >= 500 {
            request.logger.error("Request failed: \(String(reflecting: error))")
        }
        let format = ResponseFormat(request)
        if format == .html, status == .unauthorized {
            let back = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            var target = SiteURL.login.path + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            if request.storage[SessionEndedKey.self] == true { target += "&reason=idle" }
            return request.redirect(to: target)
        }
        let body: Response
        switch format {
        case .fhir:
            body = fhirOutcome(status: status, reason: reason)
        case .json:
            body = json(["error": code, "reason": reason], status: status)
        case .html:
            body = htmlPage(status: status, reason: reason, request: request, error: error)
        }
        body.status = status
        for (name, value) in headers { body.headers.replaceOrAdd(name: name, value: value) }
        return body
    }

    private func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, String, String) {
        switch error {
        case let error as AppError:
            return (error.status, error.reason, error.code)
        case is RouteNotFound:
            return (.notFound, "There is no page at this address. Check the link, or start again from the home page.", "not_found")
        case is DecodingError:
            return (.badRequest, "The request body could not be read: \(Self.explain(error)). Send well-formed JSON or form data.", "bad_request")
        case let abort as any AbortError:
            let reason = abort.status == .payloadTooLarge
                ? "The request body is larger than 1 MiB. Send less data in one request."
                : abort.reason
            return (abort.status, reason, abort.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"))
        default:
            return (.internalServerError, "Something went wrong on our side. Nothing was saved. Please try again; if it keeps happening, give the support team this reference: \(request.id).", "internal_error")
        }
    }

    /// Says which field was wrong without echoing the value (which may be PHI).
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "malformed body" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? "the body" : "field '\(keys.joined(separator: "."))'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field '\(key.stringValue)'" + (parent == "the body" ? "" : " in \(parent)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "malformed body"
        }
    }

    private func json(_ object: [String: String], status: HTTPResponseStatus) -> Response {
        let response = Response(status: status)
        try? response.content.encode(object, as: .json)
        return response
    }

    private func fhirOutcome(status: HTTPResponseStatus, reason: String) -> Response {
        let outcome = OperationOutcome(severity: status.code >= 500 ? "fatal" : "error", code: FHIRIssueCode(status), diagnostics: reason)
        return (try? Response.fhir(outcome, status: status)) ?? Response(status: status)
    }

    private func htmlPage(status: HTTPResponseStatus, reason: String, request: Request, error: any Error) -> Response {
        var page = ErrorPage(
            shell: PageShell(request: request, title: status.reasonPhrase),
            status: Int(status.code), heading: ErrorPage.heading(for: status), reason: reason, requestID: request.id
        )
        if case .notFound? = error as? AppError { page.emergencyOffer = EmergencyAccessView.offer(for: request) }
        return page.html.response(status: status)
    }
}

/// How an error reply is shaped for the client that asked.
enum ResponseFormat: Equatable {
    case html, json, fhir

    init(_ request: Request) {
        let path = request.url.path
        let accept = request.headers.first(name: .accept) ?? ""
        if path == SiteURL.fhir(.base).path || path.hasPrefix(SiteURL.fhir(.base).path + "/") {
            self = .fhir
        } else if path.hasPrefix("/api/") || !accept.contains("text/html") {
            self = .json
        } else {
            self = .html
        }
    }
}

/// The methods each registered path answers, for 405 replies with an `Allow` header.
struct RouteMethods: Sendable {
    private var patterns: [(components: [PathComponent], methods: Set<String>)] = []

    init(routes: Routes) {
        var byPath: [String: (components: [PathComponent], methods: Set<String>)] = [:]
        for route in routes.all {
            let key = route.path.string
            byPath[key, default: (route.path, [])].methods.insert(route.method.rawValue)
            if route.method == .GET { byPath[key]?.methods.insert("HEAD") }
        }
        patterns = Array(byPath.values)
    }

    /// The methods that would have matched this path, or nil when no route has it at all.
    func allowed(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/").map(String.init)
        var methods = Set<String>()
        for pattern in patterns where Self.matches(pattern.components, parts) {
            methods.formUnion(pattern.methods)
        }
        return methods.isEmpty ? nil : methods
    }

    private static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        if pattern.last == .catchall { return parts.count >= pattern.count - 1 }
        guard pattern.count == parts.count else { return false }
        for (component, part) in zip(pattern, parts) {
            if case .constant(let constant) = component, constant != part { return false }
        }
        return true
    }
}
