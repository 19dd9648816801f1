import Fluent
import Foundation
import Vapor

/// One form, one change: every form carries a one-time token (`_once`, written beside the CSRF token), and the first
/// post of it claims the token. A second post of the same form — a double tap, two tabs, a resubmission after Back —
/// changes nothing and returns to the page it came from, so one tap never makes two allergies, two visits or two notes.
/// A refused post (a 4xx with the form and its errors) gives the token back, so the corrected form can be sent.
struct OnceMiddleware: AsyncMiddleware {
    static let fieldName = "_once"
    /// Claims are kept this long; a form older than this is long expired (the idle sign-off is shorter).
    static let keep: TimeInterval = 2 * 86_400

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, let user = request.auth.get(CurrentUser.self), case .session? = Optional(user.via),
              let token = Self.sentToken(request) else {
            return try await next.respond(to: request)
        }
        let claim = FormSubmission(token: token, userID: user.id)
        do {
            try await claim.create(on: request.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            request.logger.info("form posted twice; the second post changed nothing", metadata: ["path": .string(request.url.path)])
            return request.redirect(to: Self.returnPath(request) ?? SiteURL.home.path)
        }
        if token.hasPrefix("0") { // about one post in 64 sweeps out old claims
            try await FormSubmission.query(on: request.db).filter(\.$createdAt < request.now.addingTimeInterval(-Self.keep)).delete()
        }
        let response = try await next.respond(to: request)
        if response.status.code >= 400 { try await claim.delete(on: request.db) }
        return response
    }

    private static func sentToken(_ request: Request) -> String? {
        struct Form: Decodable { var _once: String? }
        guard let token = (try? request.content.decode(Form.self))?._once, (16...64).contains(token.count) else { return nil }
        return token
    }

    /// The page the form was on, from the Referer, as a path on this site.
    private static func returnPath(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URLComponents(string: referer) else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return SiteURL.isSafeReturnPath(path) ? path : nil
    }
}
