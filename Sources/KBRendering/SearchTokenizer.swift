import KBCore

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
        var word = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flushWord() {
            if !word.isEmpty { terms.append(Term(text: String(word), isNGram: false)) }
            word = String.UnicodeScalarView()
        }
        func flushRun() {
            if run.count == 1 {
                terms.append(Term(text: String(run[0]), isNGram: true))
            } else if run.count > 1 {
                for index in 0..<(run.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(run[index])
                    pair.append(run[index + 1])
                    terms.append(Term(text: String(pair), isNGram: true))
                }
            }
            run = []
        }
        for scalar in TextFolding.fold(text).unicodeScalars {
            if isUnspaced(scalar) {
                flushWord()
                run.append(scalar)
            } else if isWordCharacter(scalar) {
                flushRun()
                word.append(scalar)
            } else {
                flushWord()
                flushRun()
            }
        }
        flushWord()
        flushRun()
        return terms
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
