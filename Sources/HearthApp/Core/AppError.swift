import Vapor

/// The errors Hearth's own code raises; each says what to do next and never carries PHI.
enum AppError: Error, Sendable {
    case notFound(String = "That page or record does not exist, or you do not have access to it.")
    case forbidden(String)
    case unauthenticated
    case invalidInput(String)
    case conflict(String)
    case badRequest(String)
}

extension AppError: AbortError {
    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .invalidInput: .unprocessableEntity
        case .conflict: .conflict
        case .badRequest: .badRequest
        }
    }

    var reason: String {
        switch self {
        case .notFound(let message), .forbidden(let message), .invalidInput(let message),
             .conflict(let message), .badRequest(let message):
            message
        case .unauthenticated:
            "Sign in first: send a session cookie from /login or an `Authorization: Bearer` token."
        }
    }

    /// The short machine-readable code in JSON error bodies.
    var code: String {
        switch self {
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .unauthenticated: "unauthenticated"
        case .invalidInput: "invalid_input"
        case .conflict: "conflict"
        case .badRequest: "bad_request"
        }
    }
}
