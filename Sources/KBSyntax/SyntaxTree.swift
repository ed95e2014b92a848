import KBCore

/// A Markdown document as cmark-gfm parsed it, copied into Swift values.
///
/// Nodes are stored flat, in document (pre-)order: a node's descendants follow it, up to
/// `subtreeEnd`. This keeps the copy to one array instead of one allocation per node, and
/// walking children is a matter of jumping from subtree to subtree.
public struct SyntaxTree: Sendable {
    public let nodes: [SyntaxNode]
    /// Where the first node lies that was too deep to copy (and was kept as text), if any.
    public var depthLimitedAt: SourceLocation?

    public init(nodes: [SyntaxNode]) {
        self.nodes = nodes
    }

    /// The index of the document node.
    public var root: Int { 0 }

    public subscript(index: Int) -> SyntaxNode { nodes[index] }

    /// The direct children of the node at `index`.
    public func children(of index: Int) -> Children {
        Children(nodes: nodes, parent: index)
    }

    public struct Children: Sequence, Sendable {
        let nodes: [SyntaxNode]
        let parent: Int

        public func makeIterator() -> Iterator {
            Iterator(nodes: nodes, upcoming: parent + 1, end: Int(nodes[parent].subtreeEnd))
        }

        public struct Iterator: IteratorProtocol {
            let nodes: [SyntaxNode]
            var upcoming: Int
            let end: Int

            public mutating func next() -> Int? {
                guard upcoming < end else { return nil }
                defer { upcoming = Int(nodes[upcoming].subtreeEnd) }
                return upcoming
            }
        }
    }
}

/// One node of a `SyntaxTree`. Fields that do not apply to a kind are empty.
public struct SyntaxNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading,
             thematicBreak, footnoteDefinition
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image,
             footnoteReference
        case table, tableHeader, tableRow, tableCell, strikethrough
        case unknown
    }

    public enum TableAlignment: UInt8, Sendable {
        case none, left, center, right
    }

    public var kind: Kind
    public var start: SourceLocation
    public var end: SourceLocation
    /// The index just past this node's last descendant.
    public var subtreeEnd: Int32
    /// Text of `text`, `code`, `htmlInline`, `htmlBlock` and `codeBlock` nodes.
    public var literal: String = ""
    /// Link or image destination.
    public var destination: String = ""
    /// Link or image title, or a code block's info string.
    public var title: String = ""
    /// Heading level (1–6).
    public var headingLevel: Int = 0
    public var listIsOrdered: Bool = false
    public var listStart: Int = 0
    public var listIsTight: Bool = false
    public var tableAlignments: [TableAlignment] = []

    public init(kind: Kind, start: SourceLocation, end: SourceLocation, subtreeEnd: Int32) {
        self.kind = kind
        self.start = start
        self.end = end
        self.subtreeEnd = subtreeEnd
    }
}
