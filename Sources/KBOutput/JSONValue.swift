/// A JSON document, written deterministically: object keys sorted, no trailing white space,
/// non-ASCII text kept as UTF-8, `/` not escaped. Foundation's JSONEncoder was a sixth of the
/// time of `kb dump`; this writer appends bytes directly.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// Already serialized JSON, written as is (at the indentation it was serialized for).
    case serialized([UInt8])

    /// `nil` becomes `null`.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    public static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    /// The UTF-8 text of the document; `indent` spaces per level, or one line when 0.
    public func serialized(indent: Int = 2) -> [UInt8] {
        var output: [UInt8] = []
        write(into: &output, indent: indent, level: 0)
        return output
    }

    public func write(into output: inout [UInt8], indent: Int, level: Int) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value):
            output.append(contentsOf: String(value).utf8)
        case .string(let value):
            Self.writeString(value, into: &output)
        case .serialized(let bytes):
            output.append(contentsOf: bytes)
        case .array(let values):
            guard !values.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(into: &output, indent: indent, level: level + 1)
                value.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(into: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(into: &output, indent: indent, level: level + 1)
                Self.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent > 0 { output.append(UInt8(ascii: " ")) }
                members[key]!.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(into: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout [UInt8], indent: Int, level: Int) {
        guard indent > 0 else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
