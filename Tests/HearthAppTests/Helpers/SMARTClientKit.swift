import _CryptoExtras
import Crypto
import Foundation
import Testing
import VaporTesting
@testable import HearthApp

/// A SMART Backend Services client as a test plays it: its keys, its signed assertions, its token requests.
struct SMARTTestClient {
    enum Key {
        case ec(P384.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    static let host = "hearth.test"
    static let tokenURL = "http://hearth.test/oauth/token"

    var key: Key
    var kid: String
    var clientID = ""

    static func ec(kid: String = "ec-1") -> SMARTTestClient { .init(key: .ec(P384.Signing.PrivateKey()), kid: kid) }
    static func rsa(kid: String = "rsa-1") throws -> SMARTTestClient { .init(key: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)), kid: kid) }

    /// The public JWKS an administrator pastes.
    var jwks: String {
        switch key {
        case .ec(let key):
            let raw = key.publicKey.rawRepresentation
            return #"{"keys":[{"kty":"EC","crv":"P-384","kid":"\#(kid)","x":"\#(b64(raw.prefix(48)))","y":"\#(b64(raw.suffix(48)))"}]}"#
        case .rsa(let key):
            let (n, e) = Self.modulusAndExponent(key.publicKey.pkcs1DERRepresentation)
            return #"{"keys":[{"kty":"RSA","kid":"\#(kid)","alg":"RS384","n":"\#(b64(n))","e":"\#(b64(e))"}]}"#
        }
    }

    /// A signed assertion; each claim can be bent to test a refusal.
    func assertion(aud: String = tokenURL, expiresIn: TimeInterval = 240, jti: String = UUID().uuidString, iss: String? = nil) throws -> String {
        let alg: String = if case .ec = key { "ES384" } else { "RS384" }
        let header = #"{"alg":"\#(alg)","kid":"\#(kid)","typ":"JWT"}"#
        let exp = Int(Date().addingTimeInterval(expiresIn).timeIntervalSince1970)
        let claims = #"{"iss":"\#(iss ?? clientID)","sub":"\#(iss ?? clientID)","aud":"\#(aud)","exp":\#(exp),"jti":"\#(jti)"}"#
        let input = b64(Data(header.utf8)) + "." + b64(Data(claims.utf8))
        let signature: Data = switch key {
        case .ec(let key): try key.signature(for: Data(input.utf8)).rawRepresentation
        case .rsa(let key): try key.signature(for: SHA384.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5).rawRepresentation
        }
        return input + "." + b64(signature)
    }

    /// `POST /oauth/token` with the assertion and scope, as a client library sends it.
    static func requestToken(_ app: Application, assertion: String, scope: String,
                             grantType: String = "client_credentials") async throws -> TestingHTTPResponse {
        let fields = ["grant_type": grantType, "client_assertion_type": SMARTController.assertionType, "client_assertion": assertion, "scope": scope]
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.replaceOrAdd(name: .host, value: host)
        let body = fields.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
        return try await app.testing().sendRequest(.POST, "/oauth/token", headers: headers, body: ByteBuffer(string: body))
    }

    /// The access token from a successful answer.
    static func accessToken(_ response: TestingHTTPResponse) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any]
        return try #require(object?["access_token"] as? String)
    }

    private func b64(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// n and e from a PKCS#1 RSAPublicKey (SEQUENCE { INTEGER n, INTEGER e }), leading zero bytes dropped.
    private static func modulusAndExponent(_ der: Data) -> (Data, Data) {
        var bytes = [UInt8](der), index = 0
        func length() -> Int {
            let first = Int(bytes[index]); index += 1
            guard first & 0x80 != 0 else { return first }
            var value = 0
            for _ in 0..<(first & 0x7F) { value = value << 8 | Int(bytes[index]); index += 1 }
            return value
        }
        func integer() -> Data {
            index += 1 // INTEGER tag
            let count = length()
            var value = Array(bytes[index..<index + count]); index += count
            while value.first == 0 { value.removeFirst() }
            return Data(value)
        }
        index += 1; _ = length() // SEQUENCE
        let n = integer(), e = integer()
        bytes = []
        return (n, e)
    }
}
