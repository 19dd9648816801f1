import Foundation

/// A SMART Backend Services client's signed JWT (RFC 7523 §3): who it is (`iss` = `sub` = client id), for whom
/// (`aud` = the token URL), until when (`exp`, at most five minutes ahead) and once only (`jti`).
struct ClientAssertion: Sendable {
    struct Header: Decodable, Sendable {
        var alg: String
        var kid: String?
        var typ: String?
    }

    struct Claims: Decodable, Sendable {
        var iss: String?
        var sub: String?
        var aud: Audience?
        var exp: Double?
        var jti: String?
    }

    /// `aud` may be one string or a list of them (RFC 7519 §4.1.3).
    struct Audience: Decodable, Sendable {
        var values: [String]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) { values = [one] } else { values = try container.decode([String].self) }
        }
    }

    static let algorithms: Set<String> = ["RS384", "ES384"]
    /// SMART Backend Services: "exp … no more than five minutes in the future".
    static let longestLife: TimeInterval = 5 * 60
    /// Clocks differ a little between the client and Hearth.
    static let skew: TimeInterval = 60

    var header: Header
    var claims: Claims
    var signingInput: Data
    var signature: Data

    /// Splits and decodes a compact JWS; the signature is checked later, against the client's keys.
    init(compact: String) throws {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let claimsData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSONDecoder().decode(Header.self, from: headerData),
              let claims = try? JSONDecoder().decode(Claims.self, from: claimsData)
        else { throw OAuthError.invalidClient("The client_assertion is not a signed JWT (header.claims.signature, base64url).") }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// The client id the assertion claims to come from; `iss` and `sub` must both name it.
    func clientID() throws -> String {
        guard let iss = claims.iss, !iss.isEmpty, iss == claims.sub else {
            throw OAuthError.invalidClient("The assertion's iss and sub must both be the client id Hearth gave at registration.")
        }
        return iss
    }

    /// Checks everything but the signature and the replay: algorithm, audience and lifetime.
    func checkClaims(tokenURL: String, now: Date) throws -> (jti: String, expires: Date) {
        guard Self.algorithms.contains(header.alg) else {
            throw OAuthError.invalidClient("The assertion is signed with \(header.alg): sign it with RS384 or ES384.")
        }
        guard claims.aud?.values.contains(tokenURL) == true else {
            throw OAuthError.invalidClient("The assertion's aud must be this token endpoint, \(tokenURL).")
        }
        guard let exp = claims.exp else { throw OAuthError.invalidClient("The assertion has no exp: give it one at most five minutes ahead.") }
        let expires = Date(timeIntervalSince1970: exp)
        guard expires > now.addingTimeInterval(-Self.skew) else { throw OAuthError.invalidClient("The assertion has expired: sign a new one.") }
        guard expires <= now.addingTimeInterval(Self.longestLife + Self.skew) else {
            throw OAuthError.invalidClient("The assertion's exp is more than five minutes ahead: sign one that expires sooner.")
        }
        guard let jti = claims.jti, !jti.isEmpty, jti.count <= 255 else {
            throw OAuthError.invalidClient("The assertion has no jti: give each assertion a unique id.")
        }
        return (jti, expires)
    }
}

/// An OAuth 2.0 error response (RFC 6749 §5.2): the code a client library acts on and a sentence for its developer.
struct OAuthError: Error, Sendable {
    var code: String
    var description: String
    var status: HTTPStatusCode

    enum HTTPStatusCode: Int, Sendable { case badRequest = 400, unauthorized = 401 }

    static func invalidClient(_ description: String) -> OAuthError { .init(code: "invalid_client", description: description, status: .unauthorized) }
    static func invalidRequest(_ description: String) -> OAuthError { .init(code: "invalid_request", description: description, status: .badRequest) }
    static func invalidScope(_ description: String) -> OAuthError { .init(code: "invalid_scope", description: description, status: .badRequest) }
    static func unsupportedGrantType(_ description: String) -> OAuthError { .init(code: "unsupported_grant_type", description: description, status: .badRequest) }
}
