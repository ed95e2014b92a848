/// A JSON document as a value, for what is put together before it is written (the model dump,
/// the search index's records, the pages' structured data, the JSON Schemas); written by
/// `JSONWriter`, object keys in the order of their UTF-8 bytes.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// Already written JSON, as is (written by a `JSONWriter` of the same style, at the level
    /// where it goes).
    case serialized([UInt8])

    /// `nil` becomes `null`.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    public static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    /// The UTF-8 text of the document.
    public func serialized(_ style: JSONWriter.Style = .pretty) -> [UInt8] {
        var json = JSONWriter(style: style)
        json.value(self)
        return json.bytes
    }
}

extension JSONWriter {
    /// Writes a JSON value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let value): boolean(value)
        case .int(let value): number(value)
        case .string(let value): string(value)
        case .serialized(let bytes): raw(bytes)
        case .array(let values): array(values) { $0.value($1) }
        case .object(let members):
            object { json in
                for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    json.key(named: key)
                    json.value(members[key]!)
                }
            }
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
}
