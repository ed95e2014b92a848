// The only file that imports the gumbo C module. It copies the parsed tree into Swift values
// and frees gumbo's output before returning: no C type or pointer escapes.
import CGumbo

/// A piece of HTML parsed as a browser parses it (the WHATWG algorithm, by gumbo): elements
/// with their lower-case names and attributes, and text with character references decoded.
/// Comments are left out.
public struct HTMLElement: Hashable, Sendable {
    public var name: String
    public var attributes: [String: String]
    public var children: [HTMLNode]
    /// The line of the parsed text its start tag is on (1 for the first), 0 when the parser
    /// implied the element.
    public var line: Int

    public init(name: String, attributes: [String: String] = [:], children: [HTMLNode] = [], line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The element's child elements.
    public var elements: [HTMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The text of the element and its descendants, as `textContent` gives it.
    public var textContent: String {
        var result = ""
        var stack: [HTMLNode] = children.reversed()
        while let node = stack.popLast() {
            switch node {
            case .text(let text): result += text
            case .element(let element): stack += element.children.reversed()
            }
        }
        return result
    }
}

public enum HTMLNode: Hashable, Sendable {
    case element(HTMLElement)
    case text(String)
}

public enum HTMLFragment {
    public struct Refusal: Error, Hashable, Sendable {
        public var reason: String
    }

    /// Elements that never hold content, and elements whose end tag may be left out (a new
    /// `<li>`, `<td>` or `<p>` closes the one before): neither nests when left open.
    static let flatElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt", "rp",
        "caption", "colgroup",
    ]

    /// Parses `html` as the content of a `<body>` and returns the body's children.
    ///
    /// The parse is refused, before gumbo sees the text, when it could nest deeper than
    /// `maximumDepth` elements or hold more than `maximumElements`: gumbo frees its trees by
    /// recursion, and a hostile page must not run it out of stack.
    public static func parse(_ html: String, maximumDepth: Int = 256, maximumElements: Int = 200_000) throws(Refusal) -> [HTMLNode] {
        let bound = nestingBound(html)
        if bound.depth > maximumDepth {
            throw Refusal(reason: "it could nest \(bound.depth) elements deep, more than the limit of \(maximumDepth)")
        }
        if bound.elements > maximumElements {
            throw Refusal(reason: "it has \(bound.elements) elements, more than the limit of \(maximumElements)")
        }
        var options = kGumboDefaultOptions
        options.max_errors = 0
        var text = html
        return text.withUTF8 { bytes -> [HTMLNode] in
            guard let base = bytes.baseAddress else { return [] }
            let output = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                gumbo_parse_with_options(&options, characters, bytes.count)
            }
            guard let output else { return [] }
            defer { gumbo_destroy_output(&options, output) }
            guard let body = find(tag: GUMBO_TAG_BODY, in: output.pointee.root) else { return [] }
            return copyChildren(of: body)
        }
    }

    /// How deep the elements of `html` nest, counting every start tag as opening an element and
    /// every end tag as closing one (elements that need no end tag aside), and how many start
    /// tags it holds: a bound of what gumbo will build.
    static func nestingBound(_ html: String) -> (depth: Int, elements: Int) {
        var depth = 0, deepest = 0, elements = 0
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { index += 1; continue }
            let next = bytes[index + 1]
            let closing = next == UInt8(ascii: "/")
            var nameStart = index + (closing ? 2 : 1)
            var name: [UInt8] = []
            while nameStart < bytes.count, name.count < 16 {
                let byte = bytes[nameStart] | 0x20
                guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (bytes[nameStart] >= UInt8(ascii: "0") && bytes[nameStart] <= UInt8(ascii: "9")) else { break }
                name.append(byte)
                nameStart += 1
            }
            index += 1
            guard !name.isEmpty else { continue }
            let tag = String(decoding: name, as: UTF8.self)
            if closing {
                if !flatElements.contains(tag) { depth = max(0, depth - 1) }
            } else if !flatElements.contains(tag) {
                elements += 1
                depth += 1
                deepest = max(deepest, depth)
            } else {
                elements += 1
            }
        }
        return (deepest, elements)
    }

    private static func children(of node: UnsafeMutablePointer<GumboNode>) -> [UnsafeMutablePointer<GumboNode>] {
        let vector: GumboVector
        switch node.pointee.type {
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE: vector = node.pointee.v.element.children
        case GUMBO_NODE_DOCUMENT: vector = node.pointee.v.document.children
        default: return []
        }
        return (0..<Int(vector.length)).compactMap { vector.data[$0]?.assumingMemoryBound(to: GumboNode.self) }
    }

    private static func find(tag: GumboTag, in node: UnsafeMutablePointer<GumboNode>) -> UnsafeMutablePointer<GumboNode>? {
        children(of: node).first { $0.pointee.type == GUMBO_NODE_ELEMENT && $0.pointee.v.element.tag == tag }
    }

    /// Copies a subtree without recursion: a frame per open element.
    private static func copyChildren(of root: UnsafeMutablePointer<GumboNode>) -> [HTMLNode] {
        struct Frame {
            var element: HTMLElement
            var pending: [UnsafeMutablePointer<GumboNode>]
        }
        var stack = [Frame(element: HTMLElement(name: ""), pending: children(of: root).reversed())]
        while true {
            guard let node = stack[stack.count - 1].pending.popLast() else {
                let done = stack.removeLast()
                if stack.isEmpty { return done.element.children }
                stack[stack.count - 1].element.children.append(.element(done.element))
                continue
            }
            switch node.pointee.type {
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                let text = String(cString: node.pointee.v.text.text)
                if case .text(let previous)? = stack[stack.count - 1].element.children.last {
                    stack[stack.count - 1].element.children[stack[stack.count - 1].element.children.count - 1] = .text(previous + text)
                } else {
                    stack[stack.count - 1].element.children.append(.text(text))
                }
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                let element = node.pointee.v.element
                var attributes: [String: String] = [:]
                for index in 0..<Int(element.attributes.length) {
                    guard let attribute = element.attributes.data[index]?.assumingMemoryBound(to: GumboAttribute.self) else { continue }
                    let name = String(cString: attribute.pointee.name).lowercased()
                    if attributes[name] == nil { attributes[name] = String(cString: attribute.pointee.value) }
                }
                let copied = HTMLElement(name: name(of: element), attributes: attributes, line: Int(element.start_pos.line))
                stack.append(Frame(element: copied, pending: children(of: node).reversed()))
            default:
                continue
            }
        }
    }

    private static func name(of element: GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN { return String(cString: gumbo_normalized_tagname(element.tag)) }
        var original = element.original_tag
        gumbo_tag_from_original_text(&original)
        guard let data = original.data, original.length > 0 else { return "" }
        return data.withMemoryRebound(to: UInt8.self, capacity: original.length) { bytes in
            String(decoding: UnsafeBufferPointer(start: bytes, count: original.length), as: UTF8.self).lowercased()
        }
    }
}

extension HTMLFragment {
    /// The `<table` and `</table` tags in `html`, in any case: how many tables a piece of HTML
    /// opens, closes, and leaves open.
    public static func tableTags(in html: some StringProtocol) -> (opening: Int, closing: Int, unclosed: Int) {
        var opening = 0, closing = 0
        let bytes = Array(html.utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            let isClosing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
            let name = isClosing ? index + 1 : index
            guard name + 5 <= bytes.count,
                  String(decoding: bytes[name..<name + 5], as: UTF8.self).lowercased() == "table",
                  name + 5 == bytes.count || !(bytes[name + 5] | 0x20 >= UInt8(ascii: "a") && bytes[name + 5] | 0x20 <= UInt8(ascii: "z"))
            else { continue }
            if isClosing { closing += 1 } else { opening += 1 }
        }
        return (opening, closing, opening - closing)
    }
}
