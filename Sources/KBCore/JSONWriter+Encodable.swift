extension JSONWriter {
    /// An `Encodable` value's JSON, byte for byte what Foundation's `JSONEncoder` writes with
    /// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` for the pretty style), in
    /// a fraction of its time: Foundation's encoder checks every value against its special
    /// types (dates, data, URLs, decimals) with dynamic casts, which made the contract's
    /// writing a large part of a build.
    public static func encode(_ value: some Encodable, style: Style = .compact) throws -> [UInt8] {
        let compact = try TreeEncoder.encode(value, codingPath: [])
        return style == .compact ? compact : pretty(compact)
    }

    /// Compact JSON (as this writer writes it) in the pretty style.
    public static func pretty(_ compact: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(compact.count * 2)
        var level = 0
        var inString = false
        var escaped = false
        var index = 0
        func newline() {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
        while index < compact.count {
            let byte = compact[index]
            index += 1
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                output.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                output.append(byte)
                level += 1
                // An empty container is a blank line; its end comes next.
                if index < compact.count, compact[index] == UInt8(ascii: "}") || compact[index] == UInt8(ascii: "]") {
                    output.append(UInt8(ascii: "\n"))
                } else {
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                level -= 1
                newline()
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline()
            case UInt8(ascii: ":"):
                output.append(contentsOf: " : ".utf8)
            default:
                output.append(byte)
            }
        }
        return output
    }
}

/// A value being encoded: nothing yet, a scalar's JSON, an object or an array. A class, so
/// that a container handed out earlier still adds to the value it was made for. A member or
/// item is kept as its JSON as soon as it is encoded, not as a slot of its own: one allocation
/// per value instead of a tree of objects.
private final class Slot {
    enum Kind { case empty, scalar, object, array }
    /// A member or item: its JSON, or (from `nestedContainer`, which is filled later) its slot.
    enum Part {
        case json([UInt8])
        case slot(Slot)

        func write(into output: inout [UInt8]) {
            switch self {
            case .json(let bytes): output.append(contentsOf: bytes)
            case .slot(let slot): slot.write(into: &output)
            }
        }
    }

    var kind = Kind.empty
    var scalar: [UInt8] = []
    var members: [(key: String, value: Part)] = []
    var items: [Part] = []

    static func string(_ value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        JSONWriter.writeString(value, into: &bytes)
        return bytes
    }

    static func integer(_ value: some BinaryInteger) -> [UInt8] { Array(String(value).utf8) }
    static func bool(_ value: Bool) -> [UInt8] { Array((value ? "true" : "false").utf8) }
    static let null: [UInt8] = Array("null".utf8)

    /// A floating-point number as Foundation renders it (`1.0` is `1`); a number that is
    /// not finite has no JSON, an error as in Foundation.
    static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number, codingPath: [any CodingKey]) throws -> [UInt8] {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
        }
        return Array(JSONWriter.text(of: value).utf8)
    }

    /// The slot's JSON.
    var json: [UInt8] {
        if kind == .scalar { return scalar }
        var output: [UInt8] = []
        write(into: &output)
        return output
    }

    func write(into output: inout [UInt8]) {
        switch kind {
        case .empty:
            // A value that opened no container and encoded nothing: Foundation writes `{}`.
            output.append(contentsOf: "{}".utf8)
        case .scalar:
            output.append(contentsOf: scalar)
        case .object:
            output.append(UInt8(ascii: "{"))
            // Foundation sorts keys by their UTF-8 bytes (`A` < `_` < `a`, `a10` < `a9`).
            let order = members.indices.sorted { members[$0].key.utf8.lexicographicallyPrecedes(members[$1].key.utf8) }
            for (position, index) in order.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(members[index].key, into: &output)
                output.append(UInt8(ascii: ":"))
                members[index].value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array:
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ slot: Slot, codingPath: [any CodingKey]) {
        self.slot = slot
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.kind != .object {
            slot.kind = .object
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.kind != .array {
            slot.kind = .array
        }
        return UnkeyedContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(slot: slot, codingPath: codingPath)
    }

    /// A nested value's JSON.
    static func encode(_ value: some Encodable, codingPath: [any CodingKey]) throws -> [UInt8] {
        switch value {
        case let string as String: return Slot.string(string)
        case let integer as Int: return Slot.integer(integer)
        case let bool as Bool: return Slot.bool(bool)
        case let number as Double: return try Slot.number(number, codingPath: codingPath)
        case let number as Float: return try Slot.number(number, codingPath: codingPath)
        default:
            let slot = Slot()
            try value.encode(to: TreeEncoder(slot, codingPath: codingPath))
            return slot.json
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    private func add(_ json: [UInt8], _ key: Key) { slot.members.append((key.stringValue, .json(json))) }
    private func add(slot nested: Slot, _ key: Key) { slot.members.append((key.stringValue, .slot(nested))) }

    mutating func encodeNil(forKey key: Key) throws { add(Slot.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(Slot.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(Slot.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(Slot.integer(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(try Slot.number(value, codingPath: codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(try Slot.number(value, codingPath: codingPath + [key]), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(try TreeEncoder.encode(value, codingPath: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = Slot()
        add(slot: nested, key)
        return TreeEncoder(nested, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = Slot()
        add(slot: nested, key)
        return TreeEncoder(nested, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = Slot()
        add(slot: nested, key)
        return TreeEncoder(nested, codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { "Index \(intValue!)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.items.count }

    mutating func encodeNil() throws { slot.items.append(.json(Slot.null)) }
    mutating func encode(_ value: Bool) throws { slot.items.append(.json(Slot.bool(value))) }
    mutating func encode(_ value: String) throws { slot.items.append(.json(Slot.string(value))) }
    mutating func encode(_ value: Int) throws { slot.items.append(.json(Slot.integer(value))) }
    mutating func encode(_ value: Double) throws { slot.items.append(.json(try Slot.number(value, codingPath: codingPath))) }
    mutating func encode(_ value: Float) throws { slot.items.append(.json(try Slot.number(value, codingPath: codingPath))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        slot.items.append(.json(try TreeEncoder.encode(value, codingPath: codingPath + [IndexKey(count)])))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = Slot()
        slot.items.append(.slot(nested))
        return TreeEncoder(nested, codingPath: codingPath + [IndexKey(count - 1)]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = Slot()
        slot.items.append(.slot(nested))
        return TreeEncoder(nested, codingPath: codingPath + [IndexKey(count - 1)]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let nested = Slot()
        slot.items.append(.slot(nested))
        return TreeEncoder(nested, codingPath: codingPath + [IndexKey(count - 1)])
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    private func set(_ json: [UInt8]) {
        slot.kind = .scalar
        slot.scalar = json
        slot.members = []
        slot.items = []
    }

    mutating func encodeNil() throws { set(Slot.null) }
    mutating func encode(_ value: Bool) throws { set(Slot.bool(value)) }
    mutating func encode(_ value: String) throws { set(Slot.string(value)) }
    mutating func encode(_ value: Int) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: Int8) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: Int16) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: Int32) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: Int64) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: UInt8) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: UInt16) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: UInt32) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: UInt64) throws { set(Slot.integer(value)) }
    mutating func encode(_ value: Double) throws { set(try Slot.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { set(try Slot.number(value, codingPath: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try TreeEncoder.encode(value, codingPath: codingPath)) }
}
