import Vapor

/// A piece of HTML, escaped by construction.
///
/// Markup comes only from string literals (`StaticString`, so a runtime string cannot become markup);
/// every interpolated value is escaped (`& < > " '`), so it is safe in text and in quoted attribute values.
/// The one way to write unescaped markup is `HTML.unsafeRaw(_:)`, for trusted constants only.
///
///     var html: HTML = "<h1>\(page.heading)</h1>"
///     html += "<a href=\"\(row.href)\"\(if: row.current, " aria-current=\"page\"")>\(row.label)</a>"
///     html += "<ul>\(each: rows, { "<li>\($0.name)</li>" })</ul>\(page.error, { "<p class=\"form-error\">\($0)</p>" })"
///
/// Closures go inside the interpolation's parentheses (a trailing closure after `)` would be literal text).
///
/// Bytes are appended into one buffer; a page is one `[UInt8]` handed to the response without another copy of the text.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var bytes: [UInt8]

    init() { bytes = [] }

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(stringLiteral literal: StaticString) {
        bytes = []
        Self.append(literal, to: &bytes)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.html.bytes
    }

    /// Markup written as is, without escaping. Only for trusted constants (never user or database text); grep for it.
    static func unsafeRaw(_ trusted: String) -> HTML {
        var html = HTML()
        html.bytes.append(contentsOf: trusted.utf8)
        return html
    }

    /// Escaped text.
    static func text(_ value: String) -> HTML {
        var html = HTML()
        html.appendEscaped(value)
        return html
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
    var description: String { string }
    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ other: HTML) { bytes.append(contentsOf: other.bytes) }

    static func += (html: inout HTML, other: HTML) { html.bytes.append(contentsOf: other.bytes) }

    mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let entity: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                Self.append(entity, to: &bytes)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    fileprivate static func append(_ literal: StaticString, to bytes: inout [UInt8]) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Literal parts are markup; interpolated parts are values, escaped — except `HTML` itself, which is already safe.
    struct Interpolation: StringInterpolationProtocol {
        fileprivate var html: HTML

        init(literalCapacity: Int, interpolationCount: Int) {
            html = HTML(capacity: literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            HTML.append(literal, to: &html.bytes)
        }

        /// Text, escaped.
        mutating func appendInterpolation(_ value: String) { html.appendEscaped(value) }

        /// Text, escaped; nothing when absent.
        mutating func appendInterpolation(_ value: String?) {
            if let value { html.appendEscaped(value) }
        }

        mutating func appendInterpolation(_ value: Substring) { html.appendEscaped(String(value)) }

        mutating func appendInterpolation(_ number: some BinaryInteger) {
            html.bytes.append(contentsOf: String(number).utf8)
        }

        /// Markup already built (a component, a nested view).
        mutating func appendInterpolation(_ markup: HTML) { html.append(markup) }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { html.append(part) }
        }

        /// Markup built for each element of a list, appended in order: `\(each: rows, { "<li>\($0.name)</li>" })`.
        /// (The closure goes inside the parentheses: after them it would be literal text.)
        mutating func appendInterpolation<Element>(each elements: some Sequence<Element>, _ markup: (Element) -> HTML) {
            for element in elements { html.append(markup(element)) }
        }

        /// A literal piece of markup written only when the condition holds: `\(if: item.current, " aria-current=\"page\"")`.
        mutating func appendInterpolation(if condition: Bool, _ literal: StaticString) {
            if condition { HTML.append(literal, to: &html.bytes) }
        }

        /// Markup written only when the condition holds: `\(if: rows.isEmpty, { "<p class=\"empty\">None.</p>" })`.
        mutating func appendInterpolation(if condition: Bool, _ markup: () -> HTML) {
            if condition { html.append(markup()) }
        }

        /// Markup written only when there is a value: `\(page.error, { "<p class=\"form-error\">\($0)</p>" })`.
        mutating func appendInterpolation<Value>(_ value: Value?, _ markup: (Value) -> HTML) {
            if let value { html.append(markup(value)) }
        }

        /// ` name="value"` when there is a value; nothing when it is nil. The name is a literal.
        mutating func appendInterpolation(attribute name: StaticString, _ value: String?) {
            guard let value else { return }
            html.bytes.append(UInt8(ascii: " "))
            HTML.append(name, to: &html.bytes)
            HTML.append("=\"", to: &html.bytes)
            html.appendEscaped(value)
            html.bytes.append(UInt8(ascii: "\""))
        }
    }
}

extension HTML: AsyncResponseEncodable {
    /// A page answers as `text/html; charset=utf-8`.
    func encodeResponse(for request: Request) async throws -> Response {
        response(status: .ok)
    }

    func encodeResponse(status: HTTPResponseStatus, for request: Request) async throws -> Response {
        response(status: status)
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
    }
}
