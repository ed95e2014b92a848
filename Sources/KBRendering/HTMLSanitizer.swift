import KBCore

/// Passes raw HTML from Markdown through an allowlist. Allowed: `br`, `p`, `ol`, `ul`, `li`,
/// `strong`, `b`, `em`, `i`, `code`, `kbd`, `sup`, `sub`, table elements, `a` with an `http`,
/// `https`, `mailto` or relative `href` (and `<a name>` anchors), `img` with `src` and `alt`.
/// Every other tag is dropped (its text stays, as text), `script`, `style` and similar elements
/// are dropped with their content, comments are dropped, and every attribute value is escaped.
///
/// Inline HTML reaches the renderer one tag at a time, so the sanitizer keeps the elements it
/// opened and closes them when the enclosing block ends (`finish`): output stays well nested
/// whatever the input.
public struct HTMLSanitizer {
    private var open: [String] = []
    /// Inside `<script>`, `<style>` and the like, whose content is dropped with them.
    private var droppedElement: String?

    /// Rewrites `href` and `src` values that pass the checks (`.md` links to pages).
    public var rewriteURL: (String) -> String = { $0 }
    /// Inside a paragraph or a heading, where block elements (`<p>`, lists, tables) cannot be:
    /// their tags are dropped and their text kept.
    public var isInline = false

    public init() {}

    /// Whether an `<a>` written in raw HTML is open: text there must not get links of its own.
    public var isInsideLink: Bool { open.contains("a") }

    /// Whether the content being written belongs to a dropped element such as `<script>`: text
    /// that reaches the renderer outside this sanitizer must be dropped too.
    public var isDroppingContent: Bool { droppedElement != nil }

    static let allowedElements: Set<String> = [
        "br", "p", "ol", "ul", "li", "strong", "b", "em", "i", "code", "kbd", "sup", "sub", "a", "img",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    ]
    static let voidElements: Set<String> = ["br", "img"]
    /// Elements dropped with everything inside them, up to their end tag.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "template", "noscript", "textarea", "select", "svg", "math",
        "frameset", "applet", "xmp", "noembed", "noframes",
    ]

    /// Writes the sanitized form of `raw` (a tag, several tags, or an HTML block) to `output`.
    public mutating func write(_ raw: String, into output: inout String) {
        let bytes = Array(raw.utf8)
        var index = 0
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty, droppedElement == nil {
                output += String(decoding: text, as: UTF8.self).htmlEscapedKeepingEntities
            }
            text.removeAll()
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index...].starts(with: Array("<!--".utf8)) {
                    flushText()
                    index = Self.find(Array("-->".utf8), in: bytes, from: index + 4).map { $0 + 3 } ?? bytes.count
                    continue
                }
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") || bytes[index + 1] == UInt8(ascii: "?") {
                    flushText()
                    index = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
                    continue
                }
                var scanner = HTMLTagScanner(Array(bytes[index...]))
                if let tag = scanner.tag() {
                    flushText()
                    emit(tag, into: &output)
                    index += scanner.position
                    continue
                }
            }
            text.append(bytes[index])
            index += 1
        }
        flushText()
    }

    /// Closes the open elements that cannot hold the block about to follow (a Markdown paragraph
    /// or list between two HTML blocks): paragraphs, inline elements, and table or list structure
    /// outside a cell or an item.
    public mutating func closeForBlockContent(into output: inout String) {
        let cannotHoldBlocks = Self.inlineElements.union(["p", "tr", "thead", "tbody", "tfoot", "table", "ol", "ul"])
        while let last = open.last, cannotHoldBlocks.contains(last) {
            output += "</\(open.removeLast())>"
        }
    }

    /// Closes what is still open, at the end of the block that holds the HTML.
    public mutating func finish(into output: inout String) {
        while let element = open.popLast() { output += "</\(element)>" }
        droppedElement = nil
    }

    private mutating func emit(_ tag: HTMLTag, into output: inout String) {
        if let dropped = droppedElement {
            if tag.isClosing, tag.name == dropped { droppedElement = nil }
            return
        }
        if Self.droppedWithContent.contains(tag.name) {
            if !tag.isClosing, !tag.isSelfClosing { droppedElement = tag.name }
            return
        }
        guard Self.allowedElements.contains(tag.name) else { return }
        if isInline, Self.blockElements.contains(tag.name) { return }
        if tag.isClosing {
            guard let position = open.lastIndex(of: tag.name) else { return }
            while open.count > position { output += "</\(open.removeLast())>" }
            return
        }
        var attributes = ""
        for (name, value) in tag.attributes {
            guard var safe = Self.safeAttribute(element: tag.name, name: name, value: value) else { continue }
            if name == "href" || name == "src" { safe = rewriteURL(safe) }
            attributes += " \(name)=\"\(safe.htmlEscapedKeepingEntities)\""
        }
        if tag.name == "a", attributes.isEmpty { return }
        if tag.name == "img", !attributes.contains(" src=") { return }
        closeImplied(by: tag.name, into: &output)
        if (tag.name == "td" || tag.name == "th"), open.last != "tr" {
            output += "<tr>"
            open.append("tr")
        }
        output += "<\(tag.name)\(attributes)>"
        if !Self.voidElements.contains(tag.name) { open.append(tag.name) }
    }

    static let inlineElements: Set<String> = ["strong", "b", "em", "i", "code", "kbd", "sup", "sub", "a"]
    static let blockElements: Set<String> = ["p", "ol", "ul", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"]

    /// Closes what HTML closes implicitly before `name` opens, as browsers do: a cell closes the
    /// open cell of its row, a row the open row, an item the open item of its list, a block the
    /// open paragraph and the inline elements around it. Authors rely on this (`<tr><td>a<td>b`).
    private mutating func closeImplied(by name: String, into output: inout String) {
        func closeUpTo(_ targets: Set<String>, within boundaries: Set<String>) {
            guard let position = open.lastIndex(where: { targets.contains($0) || boundaries.contains($0) }),
                  targets.contains(open[position])
            else { return }
            while open.count > position { output += "</\(open.removeLast())>" }
        }
        switch name {
        case "td", "th":
            closeUpTo(["td", "th"], within: ["tr", "table"])
        case "tr":
            closeUpTo(["tr"], within: ["table", "thead", "tbody", "tfoot"])
        case "thead", "tbody", "tfoot":
            closeUpTo(["thead", "tbody", "tfoot"], within: ["table"])
        case "li":
            closeUpTo(["li"], within: ["ol", "ul"])
        default:
            break
        }
        if Self.blockElements.contains(name) {
            // Inline elements do not hold blocks, and paragraphs do not hold blocks either.
            while let last = open.last, Self.inlineElements.contains(last) || last == "p" {
                output += "</\(open.removeLast())>"
            }
        }
    }

    private static func safeAttribute(element: String, name: String, value: String) -> String? {
        switch (element, name) {
        case ("a", "href"):
            return URLSafety.isSafeLink(value) ? URLSafety.escaped(value.decodingBasicEntities) : nil
        case ("a", "name"), ("a", "id"), ("a", "title"):
            return value
        case ("img", "src"):
            return URLSafety.isSafeImageSource(value) ? URLSafety.escaped(value.decodingBasicEntities) : nil
        case ("img", "alt"), ("img", "title"), ("img", "width"), ("img", "height"):
            return value
        case ("td", "colspan"), ("td", "rowspan"), ("th", "colspan"), ("th", "rowspan"), ("ol", "start"):
            return value.allSatisfy(\.isNumber) && !value.isEmpty ? value : nil
        default:
            return nil
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// Which URLs may reach a page.
public enum URLSafety {
    /// `http:`, `https:`, `mailto:`, or a relative reference; never `javascript:` or another
    /// scheme, however it is disguised with case, entities, white space or control characters.
    public static func isSafeLink(_ value: String) -> Bool {
        guard let scheme = scheme(of: value) else { return true }
        return ["http", "https", "mailto"].contains(scheme)
    }

    /// `http:`, `https:` or relative.
    public static func isSafeImageSource(_ value: String) -> Bool {
        guard let scheme = scheme(of: value) else { return true }
        return ["http", "https"].contains(scheme)
    }

    /// The URL with every byte that may not appear in one percent-encoded (spaces, backslashes,
    /// non-ASCII), as cmark-gfm's HTML renderer does; existing `%XX` escapes are kept.
    public static func escaped(_ url: String) -> String {
        var result = ""
        let hashes = url.utf8.filter { $0 == UInt8(ascii: "#") }.count
        guard hashes > 1 || url.utf8.contains(where: { !isSafe($0) }) else { return url }
        var seenHash = false
        for byte in url.utf8 {
            // Only the first `#` starts the fragment; a second one is part of it.
            let isLaterHash = byte == UInt8(ascii: "#") && seenHash
            if byte == UInt8(ascii: "#") { seenHash = true }
            if isSafe(byte), !isLaterHash {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*'(),%#@?=;:/&$~".utf8.contains(byte)
        }
    }

    /// The scheme of a URL as a browser would read it, lower-cased; nil when relative.
    static func scheme(of value: String) -> String? {
        // Browsers ignore control characters and white space inside the scheme; entities in an
        // attribute are decoded before the URL is read, so `&#106;avascript:` counts as a scheme.
        let decoded = value.decodingBasicEntities
        var scheme = ""
        for scalar in decoded.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            if scalar == ":" { return scheme.isEmpty ? "" : scheme.lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}

extension String {
    /// Escapes markup but keeps character references (`&amp;`, `&#39;`, `&gt;`) that the author
    /// wrote, so that they are not shown double-escaped.
    var htmlEscapedKeepingEntities: String {
        var result = ""
        let scalars = Array(unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "&":
                if let end = Self.entityEnd(scalars, index) {
                    result.unicodeScalars.append(contentsOf: scalars[index...end])
                    index = end + 1
                    continue
                }
                result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return result
    }

    /// The index of the `;` ending a character reference that starts at `start`.
    private static func entityEnd(_ scalars: [Unicode.Scalar], _ start: Int) -> Int? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        let numeric = scalars[index] == "#"
        if numeric { index += 1 }
        let first = index
        while index < scalars.count, index - first < 32 {
            let scalar = scalars[index]
            if scalar == ";" { return index > first ? index : nil }
            let valid = numeric
                ? (scalar.properties.numericType != nil || "xXabcdefABCDEF".unicodeScalars.contains(scalar))
                : (scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil))
            guard valid else { return nil }
            index += 1
        }
        return nil
    }

    /// Decodes numeric and the most common named character references, for URL checks.
    var decodingBasicEntities: String {
        guard contains("&") else { return self }
        var result = ""
        var rest = Substring(self)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semicolon) < 12 else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16) {
                decoded = Unicode.Scalar(value).map { String($0) }
            } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()) {
                decoded = Unicode.Scalar(value).map { String($0) }
            } else {
                decoded = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
                           "newline": "\n"][String(name).lowercased()]
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
