import KBOutput
import KBCore
import KBWeb

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
    public var isInsideLink: Bool { openLinks > 0 }
    private var openLinks = 0

    /// Elements open at once, at most: deeper tags are dropped (their text stays), so that
    /// no walk over the open elements grows with the input.
    public static let maximumDepth = 64

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
                output += HTMLCharacterReferences.decode(String(decoding: text, as: UTF8.self), in: .text).htmlEscaped
            }
            text.removeAll()
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index...].starts(with: Array("<!--".utf8)) {
                    flushText()
                    index = bytes.firstIndex(of: "-->".utf8, from: index + 4).map { $0 + 3 } ?? bytes.count
                    continue
                }
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") || bytes[index + 1] == UInt8(ascii: "?") {
                    flushText()
                    index = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
                    continue
                }
                var scanner = HTMLTagScanner(bytes, from: index)
                if let tag = scanner.tag() {
                    flushText()
                    emit(tag, into: &output)
                    index = scanner.position
                    continue
                }
                if scanner.reachedEnd {
                    // An unfinished tag runs to the end: the rest is text (escaped), and no
                    // later `<` needs a scan of its own.
                    text += bytes[index...]
                    break
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
        while let last = open.last, cannotHoldBlocks.contains(last) { close(into: &output) }
    }

    /// Closes what is still open, at the end of the block that holds the HTML.
    public mutating func finish(into output: inout String) {
        while !open.isEmpty { close(into: &output) }
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
            while open.count > position { close(into: &output) }
            return
        }
        if open.count >= Self.maximumDepth, !Self.voidElements.contains(tag.name) { return }
        var attributes = ""
        for (name, value) in tag.attributes {
            guard let safe = safeAttribute(element: tag.name, name: name, value: value) else { continue }
            attributes += " \(name)=\"\(safe.htmlEscaped)\""
        }
        if tag.name == "a", attributes.isEmpty { return }
        if tag.name == "img", !attributes.contains(" src=") { return }
        closeImplied(by: tag.name, into: &output)
        if (tag.name == "td" || tag.name == "th"), open.last != "tr" {
            output += "<tr>"
            open.append("tr")
        }
        output += "<\(tag.name)\(attributes)>"
        if !Self.voidElements.contains(tag.name) {
            open.append(tag.name)
            if tag.name == "a" { openLinks += 1 }
        }
    }

    /// Closes the innermost open element.
    private mutating func close(into output: inout String) {
        let name = open.removeLast()
        if name == "a" { openLinks -= 1 }
        output += "</\(name)>"
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
            while open.count > position { close(into: &output) }
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
            while let last = open.last, Self.inlineElements.contains(last) || last == "p" { close(into: &output) }
        }
    }

    /// An allowed attribute's value as the browser would read it (character references
    /// decoded as HTML5 decodes them), checked on that decoded value: it is written escaped, so
    /// what was checked is what the browser gets.
    private func safeAttribute(element: String, name: String, value: String) -> String? {
        switch (element, name) {
        case ("a", "href"):
            return URLSafety.safe(rewriteURL(HTMLCharacterReferences.decode(value, in: .attribute)), for: .link)
        case ("img", "src"):
            return URLSafety.safe(rewriteURL(HTMLCharacterReferences.decode(value, in: .attribute)), for: .image)
        case ("a", "name"), ("a", "id"), ("a", "title"), ("img", "alt"), ("img", "title"), ("img", "width"), ("img", "height"):
            return HTMLCharacterReferences.decode(value, in: .attribute)
        case ("td", "colspan"), ("td", "rowspan"), ("th", "colspan"), ("th", "rowspan"), ("ol", "start"):
            let number = HTMLCharacterReferences.decode(value, in: .attribute)
            return !number.isEmpty && number.count <= 4 && number.allSatisfy { $0.isASCII && $0.isNumber } ? number : nil
        default:
            return nil
        }
    }
}
