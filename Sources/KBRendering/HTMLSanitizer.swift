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

    public init() {}

    static let allowedElements: Set<String> = [
        "br", "p", "ol", "ul", "li", "strong", "b", "em", "i", "code", "kbd", "sup", "sub", "a", "img",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    ]
    static let voidElements: Set<String> = ["br", "img"]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select", "svg", "math",
        "frameset", "frame", "applet", "xmp", "noembed", "noframes",
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
        if tag.isClosing {
            guard let position = open.lastIndex(of: tag.name) else { return }
            while open.count > position { output += "</\(open.removeLast())>" }
            return
        }
        var attributes = ""
        for (name, value) in tag.attributes {
            guard let safe = Self.safeAttribute(element: tag.name, name: name, value: value) else { continue }
            attributes += " \(name)=\"\(safe.htmlEscapedKeepingEntities)\""
        }
        if tag.name == "a", attributes.isEmpty { return }
        if tag.name == "img", !attributes.contains(" src=") { return }
        output += "<\(tag.name)\(attributes)>"
        if !Self.voidElements.contains(tag.name) { open.append(tag.name) }
    }

    private static func safeAttribute(element: String, name: String, value: String) -> String? {
        switch (element, name) {
        case ("a", "href"):
            return URLSafety.isSafeLink(value) ? value : nil
        case ("a", "name"), ("a", "id"), ("a", "title"):
            return value
        case ("img", "src"):
            return URLSafety.isSafeImageSource(value) ? value : nil
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
