import _CryptoExtras
import Crypto
import Foundation

/// A client's public keys as registered (RFC 7517 JSON Web Key Set): RSA keys of at least 2048 bits for RS384 and
/// P-384 keys for ES384, the two algorithms SMART Backend Services requires servers to support.
struct JWKS: Sendable {
    struct Key: Decodable, Sendable {
        var kty: String
        var kid: String?
        var alg: String?
        var n: String?
        var e: String?
        var crv: String?
        var x: String?
        var y: String?
        var d: String?
    }

    private(set) var keys: [Key]

    /// Reads pasted JSON; throws `JWKSProblem` with a sentence for the administrator.
    init(json: String) throws {
        struct Set: Decodable { var keys: [Key] }
        guard let data = json.data(using: .utf8), let set = try? JSONDecoder().decode(Set.self, from: data) else {
            throw JWKSProblem("The key set is not JSON of the form {\"keys\": [ … ]}: paste the client's JWKS as it publishes it.")
        }
        guard !set.keys.isEmpty else { throw JWKSProblem("The key set has no keys: paste at least one RSA or P-384 public key.") }
        for key in set.keys {
            if key.d != nil { throw JWKSProblem("The key set holds a private key (\"d\"): paste the public keys only, and have the client replace that key.") }
            guard key.kty == "RSA" || (key.kty == "EC" && key.crv == "P-384") else {
                throw JWKSProblem("Key '\(key.kid ?? key.kty)' is neither RSA nor EC P-384: Hearth verifies RS384 and ES384 signatures only.")
            }
            if key.kty == "RSA", (try? Self.rsaKey(key))?.keySizeInBits ?? 0 < 2048 {
                throw JWKSProblem("RSA key '\(key.kid ?? "")' is unreadable or shorter than 2048 bits: use a 2048-bit or longer key.")
            }
            if key.kty == "EC", (try? Self.ecKey(key)) == nil {
                throw JWKSProblem("EC key '\(key.kid ?? "")' has no valid P-384 point (x, y): paste the key again.")
            }
        }
        keys = set.keys
    }

    /// Whether one of the keys fits the header (`kid`, `alg`) and signed `input`.
    func verifies(signature: Data, of input: Data, alg: String, kid: String?) -> Bool {
        let candidates = keys.filter { key in
            (kid == nil || key.kid == kid) && (key.alg == nil || key.alg == alg)
        }
        for key in candidates {
            switch (alg, key.kty) {
            case ("RS384", "RSA"):
                guard let publicKey = try? Self.rsaKey(key) else { continue }
                let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
                if publicKey.isValidSignature(rsaSignature, for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5) { return true }
            case ("ES384", "EC"):
                guard let publicKey = try? Self.ecKey(key),
                      let ecSignature = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { continue }
                if publicKey.isValidSignature(ecSignature, for: input) { return true }
            default:
                continue
            }
        }
        return false
    }

    private static func rsaKey(_ key: Key) throws -> _RSA.Signing.PublicKey {
        guard let n = key.n.flatMap(Base64URL.decode), let e = key.e.flatMap(Base64URL.decode) else { throw JWKSProblem("no n or e") }
        return try _RSA.Signing.PublicKey(n: n, e: e)
    }

    private static func ecKey(_ key: Key) throws -> P384.Signing.PublicKey {
        guard let x = key.x.flatMap(Base64URL.decode), let y = key.y.flatMap(Base64URL.decode), x.count == 48, y.count == 48 else {
            throw JWKSProblem("no x or y")
        }
        return try P384.Signing.PublicKey(rawRepresentation: x + y)
    }
}

struct JWKSProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Base64url without padding (RFC 7515 §2), as JWTs and JWKs write bytes.
enum Base64URL {
    static func decode(_ text: String) -> Data? {
        guard !text.contains(where: { "+/=".contains($0) }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
