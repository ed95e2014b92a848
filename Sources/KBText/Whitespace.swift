/// White space handling on UTF-8 bytes. `Character.isWhitespace` looks up Unicode properties
/// for every character, which dominated extraction time; these functions recognise the same
/// white space (ASCII, NEL, NBSP, the U+2000 spaces, line and paragraph separators, narrow
/// and ideographic spaces) from the bytes directly.
public enum Whitespace {
    /// The length in bytes of the white-space character starting at `index`, or 0.
    @inline(__always)
    public static func width(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0
        }
        let remaining = bytes.count - index
        switch byte {
        case 0xC2:
            guard remaining >= 2 else { return 0 }
            return bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 ? 2 : 0
        case 0xE1:
            guard remaining >= 3 else { return 0 }
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            if second == 0x81, third == 0x9F { return 3 }
            return 0
        case 0xE3:
            guard remaining >= 3 else { return 0 }
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Whether the text is empty or only white space.
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        var text = String(text)
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let width = width(at: index, in: bytes)
                if width == 0 { return false }
                index += width
            }
            return true
        }
    }

    /// Runs of white space become one space; leading and trailing white space is dropped.
    public static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let width = width(at: index, in: bytes)
                if width > 0 {
                    pendingSpace = !result.isEmpty
                    index += width
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The text without leading and trailing white space; the text itself when it has none.
    public static func trim(_ text: some StringProtocol) -> String {
        var text = String(text)
        let range: Range<Int> = text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                let width = width(at: start, in: bytes)
                if width == 0 { break }
                start += width
            }
            // From the end, a character at a time: its first byte is the last one that does not
            // continue another.
            var end = bytes.count
            while end > start {
                var first = end - 1
                while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
                guard width(at: first, in: bytes) == end - first else { break }
                end = first
            }
            return start..<end
        }
        if range.count == text.utf8.count { return text }
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
