/// One HTML tag as written in Markdown (`<br/>`, `<a name="x">`, `</li>`), parsed leniently.
public struct HTMLTag: Hashable, Sendable {
    /// Lower-cased element name.
    public var name: String
    public var isClosing: Bool
    public var isSelfClosing: Bool
    /// Attributes in the order written, names lower-cased, values with entities left as written.
    public var attributes: [(name: String, value: String)]

    public static func == (lhs: HTMLTag, rhs: HTMLTag) -> Bool {
        lhs.name == rhs.name && lhs.isClosing == rhs.isClosing && lhs.isSelfClosing == rhs.isSelfClosing
            && lhs.attributes.elementsEqual(rhs.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(isClosing)
        for attribute in attributes {
            hasher.combine(attribute.name)
            hasher.combine(attribute.value)
        }
    }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Parses text that is exactly one tag; nil for anything else (comments, text, several tags).
    public init?(_ text: some StringProtocol) {
        var scanner = HTMLTagScanner(Array(text.utf8))
        guard let tag = scanner.tag(), scanner.isAtEnd else { return nil }
        self = tag
    }

    init(name: String, isClosing: Bool, isSelfClosing: Bool, attributes: [(name: String, value: String)]) {
        self.name = name
        self.isClosing = isClosing
        self.isSelfClosing = isSelfClosing
        self.attributes = attributes
    }
}

/// Reads a tag at a position of a byte buffer, the way browsers tokenize it.
public struct HTMLTagScanner {
    private let bytes: [UInt8]
    /// Where the scanner is: after a tag read, just past its `>`.
    public private(set) var position: Int
    /// Whether the last `tag()` ran into the end of the buffer inside a tag: a browser reads
    /// everything up to there as one unfinished tag, so no later `<` starts one either.
    public private(set) var reachedEnd = false

    /// A scanner over `bytes`, reading from `start`.
    public init(_ bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        self.position = start
    }

    public var isAtEnd: Bool {
        var index = position
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        return index == bytes.count
    }

    public mutating func tag() -> HTMLTag? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { return nil }
        position += 1
        var isClosing = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") {
            isClosing = true
            position += 1
        }
        guard position < bytes.count, Self.isLetter(bytes[position]) else { return nil }
        let name = readName()
        var attributes: [(name: String, value: String)] = []
        var isSelfClosing = false
        while position < bytes.count {
            skipSpaces()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                return HTMLTag(name: name, isClosing: isClosing, isSelfClosing: isSelfClosing, attributes: attributes)
            }
            if byte == UInt8(ascii: "/") {
                isSelfClosing = true
                position += 1
                continue
            }
            isSelfClosing = false
            let attributeName = readName()
            if attributeName.isEmpty {
                position += 1
                continue
            }
            skipSpaces()
            var value = ""
            if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                position += 1
                skipSpaces()
                value = readValue()
            }
            attributes.append((attributeName, value))
        }
        reachedEnd = true
        return nil
    }

    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") {
                break
            }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
    }

    private mutating func readValue() -> String {
        guard position < bytes.count else { return "" }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote { position += 1 }
            let value = String(decoding: bytes[start..<position], as: UTF8.self)
            if position < bytes.count { position += 1 }
            return value
        }
        let start = position
        while position < bytes.count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
