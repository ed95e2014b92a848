/// `String.count` without walking grapheme clusters where the scalars settle it. Counting
/// Characters looks up Unicode's break rules for every pair of scalars; chunking counts every
/// piece of every article's text several times.
public enum CharacterCount {
    /// The number of Characters in `text`, as `text.count` gives it. When every scalar is below
    /// U+0300 (ASCII, Latin-1 and Latin Extended), a kana, ideograph or CJK punctuation mark
    /// that neither extends nor joins (`isPlainCJK`), or a dash, quotation mark or other
    /// punctuation of the General Punctuation block (`isPlainPunctuation`: the `›` of every
    /// chunk's path, typographic quotes), each scalar is a Character of its own except the LF
    /// of a CR LF: the count is the scalars less the CR LF pairs. Any other scalar (a
    /// combining mark, Hangul, an emoji, …) leaves the count to the standard library.
    public static func of(_ text: String) -> Int {
        walk(text, upTo: .max)?.characters ?? text.count
    }

    /// The first `count` Characters of `text`, as `text.prefix(count)` gives them, found from
    /// the bytes under the same condition as `of`.
    public static func prefix(_ text: String, _ count: Int) -> Substring {
        guard let end = walk(text, upTo: count)?.end else { return text.prefix(count) }
        return text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)]
    }

    /// The Characters of `text`, at most `limit`, and the byte offset where they end; nil when
    /// a scalar before that is not one `plainWidth` reads.
    private static func walk(_ text: String, upTo limit: Int) -> (characters: Int, end: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            var characters = 0
            var index = 0
            while index < bytes.count {
                guard let width = countedWidth(at: index, in: bytes) else { return nil }
                // An LF after a CR continues its Character; any other scalar starts one.
                if !(bytes[index] == 0x0A && index > 0 && bytes[index - 1] == 0x0D) {
                    if characters == limit { return (characters, index) }
                    characters += 1
                }
                index += width
            }
            return (characters, bytes.count)
        }
    }

    /// The length in bytes of the scalar starting at `index` when it is a Character of its own
    /// beside any other such scalar (below U+0300, or `isPlainCJK`); nil for any other scalar.
    @inline(__always)
    public static func plainWidth(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return 1 }
        // U+0080–U+02FF: lead bytes C2–CB.
        if byte < 0xCC { return 2 }
        guard byte >= 0xE0, byte < 0xF0, index + 2 < bytes.count else { return nil }
        let value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        return isPlainCJK(value) ? 3 : nil
    }

    /// `plainWidth`, and 3 for a scalar `isPlainPunctuation` takes: the scalars `walk` counts.
    @inline(__always)
    static func countedWidth(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let width = plainWidth(at: index, in: bytes) { return width }
        guard bytes[index] == 0xE2, index + 2 < bytes.count else { return nil }
        let value = UInt32(0x2000) | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        return isPlainPunctuation(value) ? 3 : nil
    }

    /// Dashes, quotation marks, bullets, the ellipsis, primes, `‹ ›` and the rest of the General
    /// Punctuation block that is punctuation: their grapheme cluster break property is Other,
    /// as is that of every scalar `plainWidth` takes, so each is a Character of its own beside
    /// them (`CharacterCountTests` checks every one against the standard library). The zero
    /// width and format characters around them (U+200B–U+200F, U+2028–U+202E, U+2060–) are
    /// not here: some extend or join what precedes them.
    public static func isPlainPunctuation(_ value: UInt32) -> Bool {
        (0x2010...0x2027).contains(value) || (0x202F...0x205E).contains(value)
    }

    /// Whether `text` has more than `limit` Characters; no walk at all when its bytes are
    /// within the limit, as a Character is at least one byte.
    public static func exceeds(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count > limit && of(text) > limit
    }

    /// Scalars whose grapheme cluster break property is Other: a break on both sides of them
    /// whatever their neighbours in these ranges are (`CharacterCountTests` checks every one
    /// against the standard library). The voiced sound marks (U+3099–U+309C), U+302A–U+302F
    /// and the halfwidth sound marks (U+FF9E, U+FF9F) extend what precedes them: not here.
    public static func isPlainCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3000...0x3029,  // CJK symbols and punctuation before the tone marks
             0x3041...0x3096,  // Hiragana
             0x30A0...0x30FF,  // Katakana
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xFF01...0xFF9D:  // Fullwidth forms and halfwidth katakana
            return true
        default:
            return false
        }
    }
}
