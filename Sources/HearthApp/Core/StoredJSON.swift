import Foundation

/// HearthCore values kept as JSON in a row (a medication, a referral, a visit note): one way to write them and one
/// way to read them back, where a row that cannot be read is a 409 naming what it was, never a 500.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    /// `what` names the record in the message: "This referral cannot be read. Ask an administrator to check it."
    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do { return try JSONDecoder.iso.decode(type, from: Data(text.utf8)) } catch {
            throw AppError.conflict("This \(what) cannot be read. Ask an administrator to check it.")
        }
    }
}

extension JSONEncoder {
    /// Stable JSON for stored documents: the same value always encodes to the same text. One shared encoder, made once
    /// (its options are never changed after; encoding is safe from any thread).
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    /// Reads what `JSONEncoder.sorted` wrote: one shared decoder, made once (a chart decodes dozens of stored documents).
    static let iso: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
