/// HTML's character references (`&amp;`, `&#106;`, `&#x6A`, `&#0000058`, `&colon;`, `&not`),
/// decoded the way an HTML5 tokenizer decodes them: numeric references with or without `;`
/// and with any number of digits, every named reference of the WHATWG table (2,231, the
/// legacy ones without `;` too), the longest name that matches, and the rule that a legacy
/// name in an attribute value stays as written before `=` or a letter or digit.
///
/// What a page holds is checked on the decoded text, the text the browser will see.
public enum HTMLCharacterReferences {
    public enum Context: Sendable {
        /// Text between tags.
        case text
        /// An attribute's value, where `&copy=1` in a URL stays as written.
        case attribute
    }

    public static func decode(_ text: String, in context: Context) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "#") {
                if let (scalar, end) = numeric(bytes, from: index + 2) {
                    output += Array(String(Character(scalar)).utf8)
                    index = end
                    continue
                }
            } else if let (value, end) = named(bytes, from: index + 1, context: context) {
                output += Array(value.utf8)
                index = end
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `&#…` from just after `#`: the scalar and where the reference ends (after its `;`).
    private static func numeric(_ bytes: [UInt8], from start: Int) -> (Unicode.Scalar, Int)? {
        var index = start
        var radix: UInt32 = 10
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.count, let digit = digitValue(bytes[index], radix: radix) {
            // Saturates: any number past U+10FFFF stays past it, however many digits follow.
            value = min(value * radix + digit, 0x110000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return (scalar(forNumber: value), index)
    }

    /// What a numeric reference stands for: U+FFFD for zero, surrogates and numbers past
    /// Unicode, the Windows-1252 characters for 0x80–0x9F, as browsers map them.
    static func scalar(forNumber value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return mapped }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `&name;` or a legacy `&name` from just after `&`: the longest name of the table that
    /// the text starts with.
    private static func named(_ bytes: [UInt8], from start: Int, context: Context) -> (String, Int)? {
        var end = start
        while end < bytes.count, end - start < longestName, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        // A name with `;` can only be the whole run of letters and digits.
        if end < bytes.count, bytes[end] == UInt8(ascii: ";"),
           let value = table[String(decoding: bytes[start...end], as: UTF8.self)] {
            return (value, end + 1)
        }
        // Legacy names (`amp`, `not`, `copy`) match without `;`, the longest first.
        for length in stride(from: min(end - start, longestLegacyName), through: 2, by: -1) {
            guard let value = table[String(decoding: bytes[start..<(start + length)], as: UTF8.self)] else { continue }
            let next = start + length
            if context == .attribute, next < bytes.count,
               bytes[next] == UInt8(ascii: "=") || isAlphanumeric(bytes[next]) {
                return nil
            }
            return (value, next)
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// Name (with its `;` when it has one) → characters. From WHATWG's `entities.json`, as
    /// Python's `html.entities.html5` carries it: `name HEX[,HEX]` per line.
    static let table: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2_300)
        for line in PackageResources.html_character_references_txt.split(separator: UInt8(ascii: "\n")) {
            let parts = line.split(separator: UInt8(ascii: " "))
            guard parts.count == 2 else { continue }
            var value = ""
            for code in parts[1].split(separator: UInt8(ascii: ",")) {
                if let number = UInt32(String(decoding: code, as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(number) {
                    value.unicodeScalars.append(scalar)
                }
            }
            table[String(decoding: parts[0], as: UTF8.self)] = value
        }
        return table
    }()

    /// `CounterClockwiseContourIntegral;` without its `;`.
    private static let longestName = 31
    /// The longest name without `;` (`frac34`, `middot`).
    private static let longestLegacyName = 6

    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]
}
