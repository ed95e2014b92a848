import KBCore
import KBModel

/// Finds error codes in text by their shape, and by the context that makes a shape a code.
///
/// - `0x` followed by 8 (or 16) hexadecimal digits is a code anywhere.
/// - `0x` with 1–4 digits (`0xAB2`), a bare 8-digit hexadecimal number (`80180003`) and a
///   signed 32-bit decimal (`-2016330861`) are codes in a code cell, a heading, or right after
///   a word for "error" or "code" (`Fout 80180003`, `hr 0x8007064c`).
/// - Symbolic codes (`DeviceCapReached`, `OM_S_SERVICE_STOP`) are codes in code cells, in
///   parentheses next to a code, or after a word for "error".
/// - `0x` with another number of digits (`0x801c003`) is malformed: kept as written, never
///   turned into some other code.
public enum CodeScanner {
    public enum Context {
        /// Running text.
        case prose
        /// A heading: a code in a heading names the error the section is about.
        case heading
        /// A table cell that holds codes, or an error message that is a code.
        case codeCell
    }

    public struct Match {
        public var code: ErrorCode
        /// UTF-8 offsets of the code in the scanned text.
        public var range: Range<Int>
    }

    public static func codes(in text: String, context: Context) -> [ErrorCode] {
        scan(text, context: context).map(\.code)
    }

    public static func scan(_ text: String, context: Context) -> [Match] {
        let bytes = Array(text.utf8)
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            // A word glued to non-ASCII letters (`Felkod0x1`, `ö0x1`) is not a code token; one
            // next to non-ASCII punctuation (`”0x80cf4017”`) is.
            if isLetter(before: start, in: bytes) || isLetter(at: index, in: bytes) { continue }
            // Numbers joined by dots (`4.18.2007.8`, `5.7.511`) are read whole: a version is no
            // code, an SMTP status code (`5.7.511`, and `550` before it) is.
            if bytes[start..<index].allSatisfy(isDecimalDigit) {
                let dotted = dottedEnd(bytes, start: start, end: index)
                if dotted > index {
                    if let code = smtpStatus(bytes, start: start, end: dotted, context: context) {
                        matches.append(Match(code: code, range: start..<dotted))
                    }
                    index = dotted
                    continue
                }
                if index - start == 3, let status = smtpReply(bytes, start: start, end: index) {
                    matches.append(Match(code: status, range: start..<index))
                    continue
                }
            }
            if let code = code(bytes: bytes, start: start, end: index, context: context) {
                let negative = code.raw.hasPrefix("-")
                matches.append(Match(code: code, range: (negative ? start - 1 : start)..<index))
            }
        }
        return matches
    }

    private static func code(bytes: [UInt8], start: Int, end: Int, context: Context) -> ErrorCode? {
        let token = bytes[start..<end]
        let raw = String(decoding: token, as: UTF8.self)
        lazy var afterErrorWord = isPrecededByErrorWord(bytes, start)
        lazy var inParentheses = start > 0 && bytes[start - 1] == UInt8(ascii: "(")
            && end < bytes.count && bytes[end] == UInt8(ascii: ")")
        let trusted = context != .prose
        // A part of a GUID (`E61C1618-79D0-…`) is no code, in no shape.
        if token.allSatisfy(isHexDigit), isGUIDPart(bytes, start, end) { return nil }

        // 0x…
        if token.count > 2, token[start] == UInt8(ascii: "0"),
           token[start + 1] == UInt8(ascii: "x") || token[start + 1] == UInt8(ascii: "X") {
            let digits = token.dropFirst(2)
            guard digits.allSatisfy(isHexDigit) else { return nil }
            let digitText = Substring(String(decoding: digits, as: UTF8.self))
            if ErrorCode.isWellFormedHexLength(digits.count) {
                if digits.count <= 4, !(trusted || afterErrorWord) { return nil }
                return ErrorCode.hexadecimal(digits: digitText, raw: raw)
            }
            guard trusted || afterErrorWord || looksLikeHRESULT(digits) else { return nil }
            return ErrorCode(code: raw, raw: raw, kind: .malformed)
        }

        // Decimal numbers, with the sign that Windows gives failure HRESULTs.
        if token.allSatisfy(isDecimalDigit) {
            let negative = start > 0 && bytes[start - 1] == UInt8(ascii: "-")
                && (start < 2 || !isWordByte(bytes[start - 2]))
            if isGUIDPart(bytes, start, end) { return nil }
            if token.count == 8, !negative, trusted || afterErrorWord {
                // A bare 8-digit number after "error" is hexadecimal: Windows prints HRESULTs
                // without 0x (`Fout 80180003`).
                return ErrorCode.hexadecimal(digits: Substring(raw), raw: raw)
            }
            let signed = (negative ? "-" : "") + raw
            if token.count >= 9, token.count <= 10, let value = Int(signed),
               value < 0 || value > Int(Int32.max),
               trusted || afterErrorWord || inParentheses || (negative && isInParentheses(bytes, start - 1, end)) {
                return ErrorCode.hexadecimal(decimal: value, raw: signed)
            }
            if context == .codeCell, token.count <= 10 {
                return ErrorCode(code: signed, raw: signed, kind: .decimal)
            }
            // `Error 87 when you …`, `Fout 806`: a short number right after a word for error in a
            // heading is the error it is about.
            if context == .heading, token.count <= 6, afterErrorWord {
                return ErrorCode(code: signed, raw: signed, kind: .decimal)
            }
            return nil
        }

        // A bare 8-digit hexadecimal number with letters (`8018000a`).
        if token.count == 8, token.allSatisfy(isHexDigit), token.contains(where: isDecimalDigit),
           !isGUIDPart(bytes, start, end), trusted || afterErrorWord {
            return ErrorCode.hexadecimal(digits: Substring(raw), raw: raw)
        }

        // Symbolic names: in a heading only when they are the whole heading and read as an error
        // (`### DeviceCapReached`; not `InGracePeriod` or `Windows10GeneralConfiguration.WiFiBlocked`),
        // since headings also name settings, states and API members.
        if isStrictSymbolic(token) {
            let isWholeText = bytes[..<start].allSatisfy(isSpaceOrPunctuation) && bytes[end...].allSatisfy(isSpaceOrPunctuation)
            if context == .codeCell || afterErrorWord || (context == .heading && isWholeText && isErrorLikeName(token))
                || (context == .heading && isFollowedByErrorWord(bytes, end)) {
                return ErrorCode(code: raw, raw: raw, kind: .symbolic)
            }
            return nil
        }
        if context == .codeCell, isLenientSymbolic(token) {
            return ErrorCode(code: raw, raw: raw, kind: .symbolic)
        }
        return nil
    }

    // MARK: SMTP status codes

    /// The end of a run of numbers joined by single dots that starts at `start`, or `end` when
    /// no dot and digit follow.
    private static func dottedEnd(_ bytes: [UInt8], start: Int, end: Int) -> Int {
        var position = end
        while position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDecimalDigit(bytes[position + 1]) {
            position += 1
            while position < bytes.count, isDecimalDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, isWordByte(bytes[position]) { return max(position, end + 1) }
        return position
    }

    /// An SMTP enhanced status code (RFC 3463: `5.7.511`, `4.4.316`): a class of 2, 4 or 5, a
    /// subject and a detail of one to three digits. Outside code cells only after a word for
    /// error or a reply code (`550 5.7.606`).
    private static func smtpStatus(_ bytes: [UInt8], start: Int, end: Int, context: Context) -> ErrorCode? {
        let parts = bytes[start..<end].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 1, [UInt8(ascii: "2"), UInt8(ascii: "4"), UInt8(ascii: "5")].contains(parts[0].first!),
              (1...3).contains(parts[1].count), (1...3).contains(parts[2].count), parts.allSatisfy({ $0.allSatisfy(isDecimalDigit) }),
              start == 0 || bytes[start - 1] != UInt8(ascii: ".")
        else { return nil }
        var before = start
        while before > 0, bytes[before - 1] == UInt8(ascii: " ") { before -= 1 }
        let afterReply = before >= 3 && before < start && smtpReply(bytes, start: before - 3, end: before, checkFollowing: false) != nil
        // Versions have the same shape (`version 2.9.0`): a word for error or a reply code must say it is a status.
        guard context == .codeCell || isPrecededByErrorWord(bytes, start) || afterReply else { return nil }
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        return ErrorCode(code: raw, raw: raw, kind: .symbolic)
    }

    /// An SMTP reply code (`450`, `550`) followed by the enhanced status code of its class
    /// (`450 4.4.316`).
    private static func smtpReply(_ bytes: [UInt8], start: Int, end: Int, checkFollowing: Bool = true) -> ErrorCode? {
        guard end - start == 3, start == 0 || !isWordByte(bytes[start - 1]),
              [UInt8(ascii: "2"), UInt8(ascii: "4"), UInt8(ascii: "5")].contains(bytes[start]),
              bytes[start..<end].allSatisfy(isDecimalDigit)
        else { return nil }
        if checkFollowing {
            var next = end
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
            guard next > end, next + 2 < bytes.count, bytes[next] == bytes[start], bytes[next + 1] == UInt8(ascii: "."),
                  isDecimalDigit(bytes[next + 2])
            else { return nil }
        }
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        return ErrorCode(code: raw, raw: raw, kind: .decimal)
    }

    // MARK: Shapes

    /// `DeviceCapReached` (three or more capitalised humps), `OM_S_SERVICE_STOP`,
    /// `PKCS_Issue_CA_Unavailable` (underscore-separated, with capitals).
    @inlinable public static func isStrictSymbolic<C: Collection<UInt8>>(_ token: C) -> Bool {
        guard let first = token.first, isUpper(first) || isLower(first), token.count >= 4 else { return false }
        guard token.contains(where: isUpper) else { return false }
        if token.contains(UInt8(ascii: "_")) {
            let parts = token.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
            return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty } && isUpper(first)
        }
        guard isUpper(first), token.contains(where: isLower), token.allSatisfy({ isUpper($0) || isLower($0) || isDecimalDigit($0) })
        else { return false }
        let characters = Array(token)
        var humps = 0
        for index in characters.indices where isUpper(characters[index]) {
            let previousIsLower = index > 0 && (isLower(characters[index - 1]) || isDecimalDigit(characters[index - 1]))
            let nextIsLower = index + 1 < characters.count && isLower(characters[index + 1])
            let previousIsUpper = index > 0 && isUpper(characters[index - 1])
            if index == 0 || previousIsLower || (previousIsUpper && nextIsLower) { humps += 1 }
        }
        return humps >= 3
    }

    /// Whether a symbolic name says something went wrong: it is in capitals with underscores
    /// (`OM_S_SERVICE_STOP`, `E_UNEXPECTED`), or one of its words is an English word of failure
    /// (`DeviceCapReached`, `APNSCertificateNotValid`). Names of properties and states
    /// (`SerialNumber`, `InGracePeriod`) are not. Symbolic codes are English identifiers in every
    /// translation, so this test is the same for every language.
    @inlinable public static func isErrorLikeName<C: Collection<UInt8>>(_ token: C) -> Bool {
        if token.contains(UInt8(ascii: "_")), !token.contains(where: isLower) { return true }
        return isErrorShapedName(token)
    }

    /// A name that says it is an error: one of its words names a failure (`InstallFailed`,
    /// `ERROR_INSTALL_FAILURE`, `DeviceCapReached`), or it has the `E_` prefix of COM errors.
    /// `DS4_V2` or `ENABLED_STATE` are constants, not errors.
    @inlinable public static func isErrorShapedName<C: Collection<UInt8>>(_ token: C) -> Bool {
        if token.starts(with: [UInt8(ascii: "E"), UInt8(ascii: "_")]) { return true }
        return nameWords(token).contains(where: failureWords.contains)
    }

    /// Whether a name says it is an error by its first or last word (`ERROR_FILE_NOT_FOUND`,
    /// `MobileAssetError`, `E_FAIL`), not in passing (`XPCErrorDescription`, a key that holds one).
    @inlinable public static func namesAFailure<C: Collection<UInt8>>(_ token: C) -> Bool {
        if token.starts(with: [UInt8(ascii: "E"), UInt8(ascii: "_")]) { return true }
        let words = nameWords(token)
        return words.last.map(failureWords.contains) == true || ["error", "err"].contains(words.first ?? "")
    }

    /// The lower-cased words of a name: split at underscores and where a capital starts a word.
    @inlinable static func nameWords<C: Collection<UInt8>>(_ token: C) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        let characters = Array(token)
        for (index, byte) in characters.enumerated() {
            let startsWord = isUpper(byte) && index > 0
                && (isLower(characters[index - 1]) || (index + 1 < characters.count && isLower(characters[index + 1])))
            if byte == UInt8(ascii: "_") || startsWord {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self).lowercased()) }
                current = byte == UInt8(ascii: "_") ? [] : [byte]
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self).lowercased()) }
        return words
    }

    @usableFromInline static let failureWords: Set<String> = [
        "not", "no", "invalid", "failed", "fail", "fails", "failure", "error", "errors", "err", "denied", "unavailable",
        "expired", "missing", "unknown", "unsupported", "unexpected", "timeout", "timed", "reached", "blocked",
        "exceeded", "conflict", "rejected", "cancelled", "canceled", "disabled", "mismatch", "corrupt", "corrupted",
        "unable", "cannot", "cant", "exception", "bad", "busy", "lost", "limit", "locked", "revoked", "forbidden",
        "unauthorized", "violation", "wrong", "abort", "aborted", "illegal", "duplicate", "already", "restricted",
        "disallowed", "prohibited", "unreachable", "insufficient", "incompatible", "unrecognized", "overflow",
    ]

    /// Any identifier with a capital letter after its first character, or an underscore, or in
    /// capitals: what a column of symbolic names holds (`AccountNotOnboarded`, `E_FAIL`).
    /// Names starting in lower case (`iOS`, `macOS`) are products, not codes.
    @inlinable public static func isLenientSymbolic<C: Collection<UInt8>>(_ token: C) -> Bool {
        guard let first = token.first, isUpper(first) || isLower(first), token.count >= 3 else { return false }
        if token.contains(UInt8(ascii: "_")) { return token.contains(where: isUpper) }
        return isUpper(first) && token.dropFirst().contains(where: isUpper)
    }

    /// A malformed hexadecimal number that still looks like a failure HRESULT: seven or nine
    /// digits starting with 8–F (`0x801c003`, `0x80180002b`), a likely typo of a real code.
    @inlinable public static func looksLikeHRESULT<C: Collection<UInt8>>(_ digits: C) -> Bool {
        guard digits.count == 7 || digits.count == 9 else { return false }
        return hasFailureBit(digits)
    }

    /// Hexadecimal digits whose first one sets the top bit, as a failure HRESULT's does (`8…`–`F…`).
    @inlinable public static func hasFailureBit<C: Collection<UInt8>>(_ digits: C) -> Bool {
        guard let first = digits.first else { return false }
        return (first >= UInt8(ascii: "8") && first <= UInt8(ascii: "9")) || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "f"))
    }

    public static func hasFailureBit(_ digits: String) -> Bool { hasFailureBit(digits.utf8) }

    /// Part of a GUID (`6982ba0e-90ff-…`): joined by a hyphen to another run of hexadecimal
    /// digits. A minus sign (`-942583883`) or a hyphenated word (`500-fout`) does not count.
    private static func isGUIDPart(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        if start >= 2, bytes[start - 1] == UInt8(ascii: "-"), isWordByte(bytes[start - 2]) {
            var index = start - 2
            while index > 0, isWordByte(bytes[index - 1]) { index -= 1 }
            if bytes[index..<(start - 1)].allSatisfy(isHexDigit) { return true }
        }
        if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "-"), isWordByte(bytes[end + 1]) {
            var index = end + 1
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            if bytes[(end + 1)..<index].allSatisfy(isHexDigit) { return true }
        }
        return false
    }

    private static func isInParentheses(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        start > 0 && bytes[start - 1] == UInt8(ascii: "(") && end < bytes.count && bytes[end] == UInt8(ascii: ")")
    }

    /// Whether the words just before `start` on the same line name an error or a code,
    /// skipping the punctuation that usually sits between (`Fout: `, `(foutcode `, `hr `).
    public static func isPrecededByErrorWord(_ bytes: [UInt8], _ start: Int) -> Bool {
        var end = start
        while end > 0 {
            let byte = bytes[end - 1]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "(")
                || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == 0x09 {
                end -= 1
            } else {
                break
            }
        }
        guard end > 0 else { return false }
        var begin = end
        while begin > 0, end - begin < 48, bytes[begin - 1] != UInt8(ascii: "\n") { begin -= 1 }
        // Do not start in the middle of a UTF-8 sequence.
        while begin < end, bytes[begin] & 0xC0 == 0x80 { begin += 1 }
        return Vocabulary.endsWithErrorWord(String(decoding: bytes[begin..<end], as: UTF8.self))
    }

    /// Whether the word right after `end` is a word for error (`ZtdDeviceAlreadyAssigned error
    /// when …`, `… fout`).
    public static func isFollowedByErrorWord(_ bytes: [UInt8], _ end: Int) -> Bool {
        var start = end
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "-") { start += 1 }
        var stop = start
        while stop < bytes.count, stop - start < 24, bytes[stop] != UInt8(ascii: " "), bytes[stop] != UInt8(ascii: ","),
              bytes[stop] != UInt8(ascii: ":"), bytes[stop] != UInt8(ascii: ".") { stop += 1 }
        guard stop > start else { return false }
        return Vocabulary.isErrorWord(String(decoding: bytes[start..<stop], as: UTF8.self))
    }

    // MARK: Bytes

    /// White space or sentence punctuation, but not `.` inside `Type.Member`.
    private static func isSpaceOrPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!")
            || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: "`") || byte == UInt8(ascii: ".")
    }

    /// Whether the character that ends just before `offset` is a letter (of any script).
    private static func isLetter(before offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset > 0, bytes[offset - 1] >= 0x80 else { return false }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isLetter(at: start, in: bytes)
    }

    /// Whether the character that starts at `offset` is a non-ASCII letter of a script that
    /// separates words with spaces (`Felkod0x1` is one word). Chinese, Japanese, Korean and
    /// Thai do not: `エラーコード0x0000006` holds a code.
    private static func isLetter(at offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset < bytes.count, bytes[offset] >= 0x80 else { return false }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic && !Self.isWrittenWithoutSpaces(scalar)
    }

    /// Letters of scripts written without spaces between words: CJK ideographs, kana, Hangul,
    /// Thai, Lao, Khmer, Myanmar.
    public static func isWrittenWithoutSpaces(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x1100...0x11FF, 0x3040...0x30FF, 0x31F0...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x2FFFF:
            true
        default:
            false
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isUpper(byte) || isLower(byte) || isDecimalDigit(byte) || byte == UInt8(ascii: "_")
    }

    @usableFromInline static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @usableFromInline static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    @usableFromInline static func isDecimalDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inlinable public static func isHexDigit(_ byte: UInt8) -> Bool {
        isDecimalDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
