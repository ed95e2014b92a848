/// Turns text into search terms. The site's JavaScript does exactly the same to the query
/// (`templates/assets/search.js`), so that what is typed meets what was indexed:
///
/// 1. fold: lower case per character, Latin letters without diacritics (`TextFolding`),
///    nonspacing marks dropped;
/// 2. split into runs of letters, digits and `_`;
/// 3. runs of scripts written without spaces (Chinese, Japanese, Korean, Thai) become their
///    overlapping two-character pieces, so that any two or more characters of a word match
///    without the user adding spaces (`設定方法` → `設定`, `定方`, `方法`).
public enum SearchTokenizer {
    public struct Term: Hashable, Sendable {
        public var text: String
        /// A piece of a run without spaces rather than a word.
        public var isNGram: Bool
    }

    public static func terms(in text: String) -> [Term] {
        var terms: [Term] = []
        forEachTerm(in: text) { terms.append(Term(text: $0, isNGram: $1)) }
        return terms
    }

    /// Calls `body` with each term of a text in order, and whether it is a two-character piece.
    /// Works on the folded text's UTF-8 bytes: most terms are short and become strings without
    /// a heap allocation.
    public static func forEachTerm(in text: String, _ body: (String, Bool) -> Void) {
        var folded = TextFolding.fold(text)
        folded.withUTF8 { bytes in
            var wordStart = -1
            var run: [Range<Int>] = []  // The characters of a run written without spaces.
            func flushWord(at end: Int) {
                guard wordStart >= 0 else { return }
                body(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self), false)
                wordStart = -1
            }
            func flushRun() {
                guard !run.isEmpty else { return }
                if run.count == 1 {
                    body(String(decoding: UnsafeBufferPointer(rebasing: bytes[run[0]]), as: UTF8.self), true)
                } else {
                    for index in 0..<(run.count - 1) {
                        let pair = run[index].lowerBound..<run[index + 1].upperBound
                        body(String(decoding: UnsafeBufferPointer(rebasing: bytes[pair]), as: UTF8.self), true)
                    }
                }
                run.removeAll(keepingCapacity: true)
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || (byte >= 0x41 && byte <= 0x5A) {
                        flushRun()
                        if wordStart < 0 { wordStart = index }
                    } else {
                        flushWord(at: index)
                        flushRun()
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < bytes.count {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                if isUnspaced(scalar) {
                    flushWord(at: index)
                    run.append(index..<min(index + length, bytes.count))
                } else if isWordCharacter(scalar) {
                    flushRun()
                    if wordStart < 0 { wordStart = index }
                } else {
                    flushWord(at: index)
                    flushRun()
                }
                index += length
            }
            flushWord(at: bytes.count)
            flushRun()
        }
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x5F
                || (value >= 0x41 && value <= 0x5A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Scripts written without spaces between words; the same ranges as the JavaScript.
    static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0E7F,  // Thai
             0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,  // Hangul
             0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F:  // Han
            return true
        default:
            return false
        }
    }
}
