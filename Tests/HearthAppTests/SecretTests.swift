import Foundation
import HearthCore
import Testing
@testable import HearthApp

/// Session cookies, CSRF and form tokens, and bearer tokens are made and hashed by hand for speed; these hold them to
/// Foundation's and the standard's answers.
@Suite struct SecretTests {
    @Test func base64URLIsFoundationsBase64MadeURLSafe() {
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max) }
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Secret.base64URL(bytes) == foundation, "\(length) bytes")
        }
    }

    @Test func aSecretIs32RandomBytes() {
        let made = (0..<200).map { _ in Secret.make() }
        #expect(Set(made).count == 200)
        for secret in made {
            #expect(secret.count == 43) // 32 bytes, URL-safe base64 without padding
            #expect(secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
    }

    @Test func storedHashesAreLowerCaseSHA256() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        #expect(Secret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(([0x00, 0x0f, 0xa0, 0xff] as [UInt8]).hexString == "000fa0ff")
        #expect([UInt8]().hexString == "")
    }
}
