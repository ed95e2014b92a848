// The only file that imports the cmark-gfm C module. It copies the parsed tree into Swift
// values and frees every cmark object before returning: no C type or pointer escapes.
import CCmarkGFM
import Foundation
import KBCore
import KBText

/// Parses Markdown with libcmark-gfm and the `table`, `strikethrough`, `autolink` and
/// `tagfilter` extensions, with source positions on.
public enum MarkdownParser {
    /// Parses `markdown`, whose first line is line `firstLine` of its file.
    ///
    /// - Parameter columnShifts: for lines whose leading whitespace was removed before parsing,
    ///   how many bytes were removed, so that columns still point into the original file.
    /// - Parameter maximumDepth: how deep the copied tree may be; what lies deeper (list
    ///   items indented further and further, emphasis in emphasis…) is kept as its plain text,
    ///   so that no walk of the tree runs out of stack.
    public static func parse(
        _ markdown: Substring,
        firstLine: Int = 1,
        columnShifts: [Int: Int] = [:],
        maximumDepth: Int = Limits.default.treeDepth
    ) -> SyntaxTree {
        var text = markdown
        return text.withUTF8 { bytes in
            parse(bytes, lineOffset: firstLine - 1, columnShifts: columnShifts, maximumDepth: maximumDepth)
        }
    }

    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        lineOffset: Int,
        columnShifts: [Int: Int],
        maximumDepth: Int
    ) -> SyntaxTree {
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        defer { cmark_parser_free(parser) }
        for syntaxExtension in syntaxExtensions {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        bytes.withMemoryRebound(to: CChar.self) { characters in
            if let base = characters.baseAddress {
                cmark_parser_feed(parser, base, characters.count)
            }
        }
        inlineParsing.lock()
        let document = cmark_parser_finish(parser)!
        inlineParsing.unlock()
        defer { cmark_node_free(document) }

        var nodes: [SyntaxNode] = []
        nodes.reserveCapacity(bytes.count / 16)
        var open: [Int] = []
        let iterator = cmark_iter_new(document)!
        defer { cmark_iter_free(iterator) }
        // A node too deep to copy, and the text of its subtree so far.
        var flattening: (node: OpaquePointer, copy: SyntaxNode, text: String)?
        var depthLimitedAt: SourceLocation?

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if let deep = flattening {
                if event == CMARK_EVENT_EXIT, node == deep.node {
                    appendFlattened(deep.copy, text: deep.text, under: open.last.map { nodes[$0].kind }, to: &nodes)
                    flattening = nil
                } else if event == CMARK_EVENT_ENTER {
                    flattening!.text += plainText(of: node)
                }
                continue
            }
            if event == CMARK_EVENT_EXIT {
                let index = open.removeLast()
                nodes[index].subtreeEnd = Int32(nodes.count)
                continue
            }
            let copied = copy(node, lineOffset: lineOffset, columnShifts: columnShifts)
            if open.count >= maximumDepth {
                if depthLimitedAt == nil { depthLimitedAt = copied.start }
                if isContainer(node) {
                    flattening = (node, copied, "")
                } else {
                    appendFlattened(copied, text: plainText(of: node), under: open.last.map { nodes[$0].kind }, to: &nodes)
                }
                continue
            }
            let index = nodes.count
            nodes.append(copied)
            if isContainer(node) {
                open.append(index)
            } else {
                nodes[index].subtreeEnd = Int32(index + 1)
            }
        }
        var tree = SyntaxTree(nodes: nodes)
        tree.depthLimitedAt = depthLimitedAt
        return tree
    }

    /// The text a leaf holds, for a subtree kept as text.
    private static func plainText(of node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: " "
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM: " "
        default: ""
        }
    }

    /// A subtree too deep to copy, as its text: a text node where inlines may be, wrapped in a
    /// paragraph (and a list item, a table cell) where blocks must be.
    private static func appendFlattened(_ deep: SyntaxNode, text: String, under parent: SyntaxNode.Kind?, to nodes: inout [SyntaxNode]) {
        var wrappers: [SyntaxNode.Kind]
        switch parent {
        case .list?: wrappers = [.item, .paragraph]
        case .document?, .blockQuote?, .item?, .customBlock?, .footnoteDefinition?: wrappers = [.paragraph]
        case .tableHeader?, .tableRow?: wrappers = [.tableCell]
        case .table?: return
        default: wrappers = []
        }
        let text = Whitespace.collapse(text)
        guard !text.isEmpty else { return }
        let start = nodes.count
        let end = Int32(start + wrappers.count + 1)
        for kind in wrappers {
            nodes.append(SyntaxNode(kind: kind, start: deep.start, end: deep.end, subtreeEnd: end))
        }
        var leaf = SyntaxNode(kind: .text, start: deep.start, end: deep.end, subtreeEnd: end)
        leaf.literal = text
        nodes.append(leaf)
    }

    /// Registration of the core extensions is not known to be thread-safe: a global `let` runs it
    /// exactly once. The extension objects are immutable afterwards and shared by every parser.
    nonisolated(unsafe) private static let syntaxExtensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        let names = ["table", "strikethrough", "autolink", "tagfilter"]
        return names.compactMap { name in name.withCString { cmark_find_syntax_extension($0) } }
    }()

    /// cmark-gfm decides where inline text runs stop from a process-wide table of "special"
    /// characters. `cmark_parser_finish`, which parses the inlines, adds its extensions'
    /// characters to that table (`~` for strikethrough, `:` and `w` for autolinks) and removes
    /// them when done; a parse on another thread in the meantime reads a table that changes
    /// under it and comes out different from run to run (text lost around `\<` or `**`). So
    /// inline parsing runs under this lock; block parsing and copying the tree stay parallel.
    private static let inlineParsing = NSLock()

    /// Nodes that can have children get an exit event from the iterator; leaves do not.
    private static func isContainer(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
             CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
             CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_FOOTNOTE_REFERENCE:
            false
        default:
            true
        }
    }

    private static func copy(_ node: OpaquePointer, lineOffset: Int, columnShifts: [Int: Int]) -> SyntaxNode {
        let kind = kind(of: node)
        // cmark leaves positions at 0 where it has none (soft breaks, some inlines): keep 0,
        // meaning "unknown", rather than shifting it into a wrong line.
        let rawStart = Int(cmark_node_get_start_line(node))
        let rawEnd = Int(cmark_node_get_end_line(node))
        let startLine = rawStart == 0 ? 0 : rawStart + lineOffset
        let endLine = rawEnd == 0 ? 0 : rawEnd + lineOffset
        var startColumn = Int(cmark_node_get_start_column(node))
        var endColumn = Int(cmark_node_get_end_column(node))
        if !columnShifts.isEmpty {
            startColumn += columnShifts[startLine] ?? 0
            endColumn += columnShifts[endLine] ?? 0
        }
        var copied = SyntaxNode(
            kind: kind,
            start: SourceLocation(line: startLine, column: startColumn),
            end: SourceLocation(line: endLine, column: endColumn),
            subtreeEnd: 0
        )
        switch kind {
        case .text, .code, .htmlInline, .htmlBlock, .customInline, .customBlock:
            copied.literal = string(cmark_node_get_literal(node))
        case .codeBlock:
            copied.literal = string(cmark_node_get_literal(node))
            copied.title = string(cmark_node_get_fence_info(node))
        case .link, .image:
            copied.destination = string(cmark_node_get_url(node))
            copied.title = string(cmark_node_get_title(node))
        case .heading:
            copied.headingLevel = Int(cmark_node_get_heading_level(node))
        case .list:
            copied.listIsOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            copied.listStart = Int(cmark_node_get_list_start(node))
            copied.listIsTight = cmark_node_get_list_tight(node) != 0
        case .table:
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            if let alignments = cmark_gfm_extensions_get_table_alignments(node) {
                copied.tableAlignments = (0..<columns).map { column in
                    switch alignments[column] {
                    case UInt8(ascii: "l"): .left
                    case UInt8(ascii: "c"): .center
                    case UInt8(ascii: "r"): .right
                    default: .none
                    }
                }
            }
        default:
            break
        }
        return copied
    }

    private static func kind(of node: OpaquePointer) -> SyntaxNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default:
            // Extension node types are registered at run time, so they have no fixed enum value;
            // they are identified by their type string, as swift-markdown does.
            guard let name = cmark_node_get_type_string(node) else { return .unknown }
            switch String(cString: name) {
            case "table": return .table
            case "table_header": return .tableHeader
            case "table_row": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .unknown
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer, pointer.pointee != 0 else { return "" }
        return String(cString: pointer)
    }
}
