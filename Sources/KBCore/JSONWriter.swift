/// The one JSON writer of kb: everything kb writes as JSON (the contract, the search index, the
/// pages' structured data, the model dump, the build record, diagnostics, answers of `kb
/// lookup --json` and `kb mcp`) goes through it, so that every file escapes, orders and spaces
/// JSON the same way. Its bytes are Foundation's `JSONEncoder`'s with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` in the pretty style), which the tests hold
/// it to: members in the order of their keys' UTF-8 bytes (when written from a `JSONValue` or
/// an `Encodable` value; written member by member, in the order given), text as UTF-8 with
/// `"`, `\` and control characters escaped.
///
/// Three ways in: member by member (`object`, `member`: the most numerous values, whose Codable
/// path spends more on its containers than on the text), a `JSONValue` tree (`value`), or any
/// `Encodable` value (`JSONWriter.encode`).
public struct JSONWriter {
    public enum Style: Sendable {
        /// One line, no spaces.
        case compact
        /// Two spaces per level, `"key" : value`, an empty container as `[`, a blank line, `]`.
        case pretty
    }

    public var bytes: [UInt8] = []
    public let style: Style
    /// Whether the next member or item follows another in its object or array.
    private var follows = false
    /// Whether a key was just written, so that its value follows on the same line.
    private var afterKey = false
    /// How deep the writer is in containers.
    private var level = 0

    public init(style: Style = .compact) {
        self.style = style
    }

    /// A writer that starts `level` containers deep (a part written apart, to be spliced in).
    public init(style: Style, level: Int) {
        self.style = style
        self.level = level
        // The part begins where the writer it goes into put it: no separator before it.
        afterKey = true
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if follows { bytes.append(UInt8(ascii: ",")) }
        if style == .pretty, level > 0 { newline() }
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private mutating func keySeparator() {
        if style == .pretty { bytes.append(contentsOf: " : ".utf8) } else { bytes.append(UInt8(ascii: ":")) }
        follows = false
        afterKey = true
    }

    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        keySeparator()
    }

    /// A key that is not known before: a dictionary's.
    public mutating func key(named name: String) {
        separate()
        Self.writeString(name, into: &bytes)
        keySeparator()
    }

    public mutating func string(_ value: String) {
        separate()
        Self.writeString(value, into: &bytes)
        follows = true
    }

    public mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        follows = true
    }

    public mutating func number(_ value: UInt64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        follows = true
    }

    /// A floating-point number as Foundation writes it: an integral value without a fraction
    /// (`1`), else the shortest text that reads back the same (`1.5`, `1e-07`). Not finite
    /// numbers have no JSON: they are written as `null`.
    public mutating func number(_ value: Double) {
        separate()
        bytes.append(contentsOf: Self.text(of: value).utf8)
        follows = true
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        follows = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        follows = true
    }

    /// JSON already written by a writer of the same style at this level, as is.
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        follows = true
    }

    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        container(UInt8(ascii: "{"), UInt8(ascii: "}")) { members(&$0) }
    }

    public mutating func array<Items: Sequence>(_ items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        container(UInt8(ascii: "["), UInt8(ascii: "]")) { json in
            for element in items { item(&json, element) }
        }
    }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(open)
        follows = false
        level += 1
        body(&self)
        level -= 1
        if style == .pretty {
            if !follows { bytes.append(UInt8(ascii: "\n")) }
            newline()
        }
        bytes.append(close)
        follows = true
    }

    /// Writes at the end of `output`, without copying it.
    public static func append(to output: inout [UInt8], style: Style = .compact, _ write: (inout JSONWriter) -> Void) {
        var json = JSONWriter(style: style)
        swap(&json.bytes, &output)
        write(&json)
        swap(&json.bytes, &output)
    }

    // Members.

    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    public mutating func member(_ name: StaticString, _ value: UInt64) {
        key(name)
        number(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        boolean(value)
    }

    public mutating func member(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { $0.string($1) }
    }

    public mutating func member<Items: Sequence>(_ name: StaticString, _ items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        key(name)
        array(items, item)
    }

    // Scalars.

    /// A string as a JSON string: `"` and `\` escaped, `\b \f \n \r \t` by their letters, other
    /// control characters as `\u00XX` (lowercase hex), everything else (`/`, DEL, any non-ASCII
    /// character) as its UTF-8.
    public static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: bytes[start..<index])
                start = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: bytes[start...])
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A finite number's JSON text as Foundation writes it: Swift's shortest text that reads
    /// back the same, without a fraction of `.0` (`1`, `0.1`, `1e+20`); `null` for others.
    static func text<Number: BinaryFloatingPoint & CustomStringConvertible>(of value: Number) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
