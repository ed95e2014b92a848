/// Which URLs may reach a page, a Markdown file or a JSON file, and in what form.
///
/// A URL is checked as a browser will read it (the WHATWG URL parser's first steps): C0
/// control characters and spaces at either end are stripped, tabs and line breaks anywhere are
/// removed, and the scheme is the run of letters, digits, `+`, `-` and `.` before the first
/// `:`, starting with a letter. Only `http`, `https` and `mailto` (images: `http`, `https`) and
/// relative references pass. The URL that passes is returned in the form it must be written
/// in: cleaned the same way and percent-encoded, so that what was checked is what the browser
/// gets. Character references are not decoded here: pass the URL as the browser will see it
/// after decoding the HTML around it (`HTMLCharacterReferences.decode`), and escape it as
/// HTML again when writing it.
public enum URLSafety {
    public enum Use: Sendable {
        /// A link: `http`, `https`, `mailto` or relative.
        case link
        /// An image source: `http`, `https` or relative.
        case image
    }

    /// The URL to write, or nil when it may not appear (`javascript:`, `data:`, `vbscript:`
    /// and every other scheme, however disguised).
    public static func safe(_ url: String, for use: Use = .link) -> String? {
        let cleaned = browserCleaned(url)
        switch scheme(of: cleaned) {
        case nil:
            var escaped = escaped(cleaned)
            // `a:b/c.html` would be read as the scheme `a:`; `./a:b/c.html` is the same path.
            if firstSegmentHoldsColon(escaped) { escaped = "./" + escaped }
            return escaped
        case let scheme?:
            let allowed = use == .link ? ["http", "https", "mailto"] : ["http", "https"]
            return allowed.contains(scheme) ? escaped(cleaned) : nil
        }
    }

    /// The URL with C0 controls and spaces stripped at both ends and tabs and line breaks
    /// removed everywhere, as browsers read an `href`.
    static func browserCleaned(_ url: String) -> String {
        var scalars = Substring(url).unicodeScalars
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        guard scalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return String(scalars) }
        var result = String.UnicodeScalarView()
        for scalar in scalars where scalar != "\t" && scalar != "\n" && scalar != "\r" { result.append(scalar) }
        return String(result)
    }

    /// The scheme of a cleaned URL, lower-cased; nil when it is a relative reference.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for (offset, byte) in url.utf8.enumerated() {
            let isLetter = byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
            if offset == 0 {
                guard isLetter else { return nil }
            } else if byte == UInt8(ascii: ":") {
                return scheme.lowercased()
            } else if !(isLetter || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")) {
                return nil
            }
            scheme.unicodeScalars.append(Unicode.Scalar(byte))
        }
        return nil
    }

    private static func firstSegmentHoldsColon(_ url: String) -> Bool {
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { return true }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return false }
        }
        return false
    }

    /// The URL with every byte that may not appear in one percent-encoded (spaces, controls,
    /// quotes, angle brackets, backslashes, non-ASCII), as cmark-gfm's HTML renderer does;
    /// existing `%XX` escapes are kept, and `#` after the first one is encoded.
    public static func escaped(_ url: String) -> String {
        let hashes = url.utf8.lazy.filter { $0 == UInt8(ascii: "#") }.count
        guard hashes > 1 || url.utf8.contains(where: { !isURLByte($0) }) else { return url }
        var result: [UInt8] = []
        result.reserveCapacity(url.utf8.count + 16)
        var seenHash = false
        for byte in url.utf8 {
            // Only the first `#` starts the fragment; a second one is part of it.
            let isLaterHash = byte == UInt8(ascii: "#") && seenHash
            if byte == UInt8(ascii: "#") { seenHash = true }
            if isURLByte(byte), !isLaterHash {
                result.append(byte)
            } else {
                result += percentEncoded(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A path of the site (`nl-nl/odd name #1.html`) as a URL path: each byte outside the
    /// unreserved characters and `/` percent-encoded (`%` too), and `./` in front when its
    /// first segment holds a colon.
    public static func pathURL(_ path: String) -> String {
        // Most paths need no escape: the path itself, not a copy.
        if path.utf8.allSatisfy(isPathByte) { return firstSegmentHoldsColon(path) ? "./" + path : path }
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            if isPathByte(byte) { result.append(byte) } else { result += percentEncoded(byte) }
        }
        let url = String(decoding: result, as: UTF8.self)
        return firstSegmentHoldsColon(url) ? "./" + url : url
    }

    private static func percentEncoded(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    private static func isURLByte(_ byte: UInt8) -> Bool { urlBytes[Int(byte)] }

    /// Bytes a path keeps as they are: unreserved characters, sub-delimiters that mean
    /// nothing in a path, `:`, `@` and `/`.
    private static func isPathByte(_ byte: UInt8) -> Bool { pathBytes[Int(byte)] }

    private static let urlBytes = byteTable("-_.+!*'(),%#@?=;:/&$~")
    private static let pathBytes = byteTable("-_.~!$'()*+,;=:@/")

    /// Letters, digits and `others`, as a table by byte.
    private static func byteTable(_ others: String) -> [Bool] {
        (0..<256).map { value in
            let byte = UInt8(value)
            return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || others.utf8.contains(byte)
        }
    }
}
