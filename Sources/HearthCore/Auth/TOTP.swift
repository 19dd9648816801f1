import Crypto
import Foundation

/// Time-based one-time passwords as authenticator apps make them (RFC 6238, on HOTP, RFC 4226): HMAC-SHA1 of the
/// number of 30-second steps since 1970, truncated to 6 digits. A code is accepted one step either side of now
/// (RFC 6238 section 5.2, clock drift) and never twice: a step at or before the last one used is refused (section 5.2,
/// "the verifier MUST NOT accept the second attempt of the OTP after the successful validation").
public struct TOTP: Sendable {
    public static let period: TimeInterval = 30
    public static let digits = 6
    /// 20 bytes (160 bits), the length RFC 4226 section 4 recommends for the shared secret.
    public static let secretLength = 20

    public let secret: Data
    public let digits: Int

    public init(secret: Data, digits: Int = TOTP.digits) {
        self.secret = secret
        self.digits = digits
    }

    /// A new random secret for an authenticator.
    public static func newSecret() -> Data {
        SymmetricKey(size: .init(bitCount: secretLength * 8)).withUnsafeBytes { Data($0) }
    }

    /// The time step `T` of RFC 6238 section 4.2: whole periods since the Unix epoch.
    public static func step(at time: Date) -> Int64 {
        Int64((time.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The code for one time step, zero-padded to `digits`.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        // Dynamic truncation, RFC 4226 section 5.3.
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(binary % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    public func code(at time: Date) -> String { code(step: Self.step(at: time)) }

    public enum Check: Sendable, Equatable {
        /// Right; the step it belongs to must be remembered so the code is not accepted again.
        case accepted(step: Int64)
        /// Right, but for a step already used: a replay.
        case reused
        case wrong
    }

    /// Checks a typed code (spaces ignored) against the steps one either side of `now`.
    public func check(_ typed: String, now: Date, lastUsedStep: Int64?) -> Check {
        let code = typed.filter { !$0.isWhitespace && $0 != "-" }
        guard code.count == digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return .wrong }
        let current = Self.step(at: now)
        // Compare every candidate, so the time taken does not say which step matched.
        let matches = [current - 1, current, current + 1].filter { Self.same(self.code(step: $0), code) }
        guard let step = matches.max() else { return .wrong }
        if let last = lastUsedStep, step <= last { return .reused }
        return .accepted(step: step)
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The `otpauth://` address authenticator apps read (the Key Uri Format): issuer and account in the label and the
    /// parameters, SHA1, 6 digits, 30 seconds.
    public func uri(issuer: String, account: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "otpauth://totp/\(encode(issuer)):\(encode(account))?secret=\(Base32.encode(secret))&issuer=\(encode(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(Int(Self.period))"
    }
}

/// RFC 4648 section 6 base32 (A–Z, 2–7), without padding: how authenticator apps take a secret typed by hand.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ data: Data) -> String {
        var output = "", buffer = 0, bits = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// Case, spaces, dashes and padding ignored; nil when a character is not base32.
    public static func decode(_ text: String) -> Data? {
        var output = Data(), buffer = 0, bits = 0
        for character in text.uppercased() where !" -=".contains(character) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = ((buffer << 5) | value) & 0xffff
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }

    /// Groups of four, the way a person copies a secret into an app without losing their place.
    public static func grouped(_ text: String, by size: Int = 4) -> String {
        stride(from: 0, to: text.count, by: size).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex)])
        }.joined(separator: " ")
    }
}
