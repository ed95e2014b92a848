extension String {
    /// Text safe inside HTML elements and double-quoted attribute values: `& < > " '` escaped.
    public var htmlEscaped: String {
        var text = self
        return text.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscaping) else { return self }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: Self.ampersand)
                case UInt8(ascii: "<"): result.append(contentsOf: Self.lessThan)
                case UInt8(ascii: ">"): result.append(contentsOf: Self.greaterThan)
                case UInt8(ascii: "\""): result.append(contentsOf: Self.quote)
                case UInt8(ascii: "'"): result.append(contentsOf: Self.apostrophe)
                default: result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)
}
