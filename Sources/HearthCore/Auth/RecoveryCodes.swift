import Crypto
import Foundation

/// Single-use recovery codes for when the authenticator is lost (NIST SP 800-63B 5.1.2, look-up secrets): ten codes
/// of 16 characters from Crockford's base32 (80 bits each, above the 64 bits 5.1.2.1 asks for), shown once and
/// stored only as a hash salted with the user's id, keyed when the server has a key outside the database.
public enum RecoveryCodes {
    public static let count = 10
    static let length = 16
    /// Crockford's base32: no I, L, O or U, so nothing reads as another character.
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// `count` new codes, as shown: four groups of four, e.g. "7kq2-m9xd-4hrb-p0tw".
    public static func generate() -> [String] {
        (0..<count).map { _ in
            var generator = SystemRandomNumberGenerator()
            let characters = (0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
            return stride(from: 0, to: length, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
        }
    }

    /// A code as typed, in one canonical form: case, spaces and dashes ignored, I and L read as 1, O as 0 (Crockford).
    /// Nil when it cannot be a recovery code.
    public static func normalize(_ typed: String) -> String? {
        var out = ""
        for character in typed.lowercased() where !" -".contains(character) {
            switch character {
            case "i", "l": out.append("1")
            case "o": out.append("0")
            default:
                guard alphabet.contains(character) else { return nil }
                out.append(character)
            }
        }
        return out.count == length ? out : nil
    }

    /// The stored form of one code of one user: `hmac:` with the server's key, else `sha256:`. The user's id salts it,
    /// so one table of hashes serves no one else.
    public static func hash(_ code: String, userID: String, key: SecretKey?) -> String? {
        guard let code = normalize(code) else { return nil }
        let text = Data("\(userID):\(code)".utf8)
        guard let key else { return "sha256:" + Data(SHA256.hash(data: text)).hexString }
        return "hmac:" + Data(HMAC<SHA256>.authenticationCode(for: text, using: key.derived("hearth recovery codes v1"))).hexString
    }
}

/// The server's key outside the database (the audit key), from which the two-step secrets' keys are derived with
/// HKDF-SHA256 (RFC 5869), one per purpose, so neither the TOTP secrets nor the recovery-code hashes are usable from
/// the database alone.
public struct SecretKey: Sendable {
    let bytes: Data

    public init(_ key: AuditKey) { bytes = key.bytes }

    func derived(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: bytes), info: Data(purpose.utf8), outputByteCount: 32)
    }
}

/// An authenticator secret as stored: `gcm:` AES-256-GCM sealed with a key derived from the server's key, the user's
/// id as associated data (a sealed secret copied to another user's row does not open); `plain:` base32 when the server
/// has no key (docs/ARCHITECTURE.md says to set one).
public enum SealedSecret {
    public static func seal(_ secret: Data, userID: String, key: SecretKey?) throws -> String {
        guard let key else { return "plain:" + Base32.encode(secret) }
        let box = try AES.GCM.seal(secret, using: key.derived("hearth totp secrets v1"), authenticating: Data(userID.utf8))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return "gcm:" + combined.base64EncodedString()
    }

    /// The secret, or nil when it was sealed with another key (or for another user) or is not a sealed secret at all.
    public static func open(_ stored: String, userID: String, key: SecretKey?) -> Data? {
        if stored.hasPrefix("plain:") { return Base32.decode(String(stored.dropFirst(6))) }
        guard stored.hasPrefix("gcm:"), let key, let combined = Data(base64Encoded: String(stored.dropFirst(4))),
              let box = try? AES.GCM.SealedBox(combined: combined) else { return nil }
        return try? AES.GCM.open(box, using: key.derived("hearth totp secrets v1"), authenticating: Data(userID.utf8))
    }
}
