import Foundation

/// Compact JSON written member by member, in the bytes `CompactJSONEncoder` writes for the same
/// value: for the most numerous values (the contract's chunks and article records, the build
/// record's stamps and diagnostics), whose Codable path spends more on its containers than on
/// the text, and holds a tree of the whole value. Members go in the order of their keys' UTF-8
/// bytes, as the encoder sorts them; a nil optional is left out, as the synthesized
/// conformances leave it out. Each writer is held to the encoder's bytes by a test, so a member
/// added to a value and not to its writer fails it.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// Whether the next member or item follows another in its object or array.
    private var follows = false

    public init() {}

    private mutating func separate() {
        if follows { bytes.append(UInt8(ascii: ",")) }
    }

    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
        follows = false
    }

    /// A key that is not known before: a dictionary's.
    public mutating func key(named name: String) {
        separate()
        CompactJSONEncoder.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        follows = false
    }

    public mutating func string(_ value: String) {
        separate()
        CompactJSONEncoder.writeString(value, into: &bytes)
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

    public mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        follows = true
    }

    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        follows = false
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        follows = true
    }

    public mutating func array<Items: Sequence>(_ items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        follows = false
        for element in items { item(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        follows = true
    }

    /// Writes at the end of `output`, without copying it.
    public static func append(to output: inout [UInt8], _ write: (inout JSONWriter) -> Void) {
        var json = JSONWriter()
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
}
