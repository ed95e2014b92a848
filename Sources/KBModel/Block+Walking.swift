/// Walking and rewriting the tree of blocks, in the spirit of swift-markdown's `MarkupWalker`
/// and `MarkupRewriter`: a walk descends into every child of every container unless the visitor
/// says otherwise. The containers and their children are named once, in `children` and
/// `replacingChildren`, whose switches have no `default`: a new case of `Block` that holds blocks
/// must be added there, and then every walk reaches into it.
extension Block {
    /// The lists of blocks this block holds, in document order: a list's items; a quote's,
    /// alert's or division's content; a table's cells, the header's first. Empty for leaves.
    public var children: [[Block]] {
        switch self {
        case .list(let list): list.items
        case .quote(let content), .division(_, let content): [content]
        case .alert(let alert): [alert.content]
        case .table(let table): ([table.header] + table.rows).flatMap(\.cells)
        case .paragraph, .heading, .code, .html, .thematicBreak, .include, .zoneStart, .zoneEnd, .video: []
        }
    }

    /// The block with each list of `children` replaced by `transform`'s result for it.
    public func replacingChildren(_ transform: ([Block]) -> [Block]) -> Block {
        switch self {
        case .list(var list):
            list.items = list.items.map(transform)
            return .list(list)
        case .quote(let content):
            return .quote(transform(content))
        case .division(let className, let content):
            return .division(className: className, content: transform(content))
        case .alert(var alert):
            alert.content = transform(alert.content)
            return .alert(alert)
        case .table(var table):
            table.header.cells = table.header.cells.map(transform)
            for index in table.rows.indices { table.rows[index].cells = table.rows[index].cells.map(transform) }
            return .table(table)
        case .paragraph, .heading, .code, .html, .thematicBreak, .include, .zoneStart, .zoneEnd, .video:
            return self
        }
    }
}

/// What a walk does after visiting a block.
public enum WalkStep {
    /// Visit the block's children next (the default).
    case descend
    /// Go on with the block's next sibling.
    case skipChildren
}

/// What a rewrite does with a block.
public enum BlockRewrite {
    /// Keep the block, rewriting its children.
    case descend
    /// Put these blocks in its place, as they are (not rewritten further).
    case replace([Block])

    /// Put this block in its place, as it is.
    public static func replace(_ block: Block) -> BlockRewrite { .replace([block]) }
}

extension Array where Element == Block {
    /// Visits every block at any depth, in document order (a block before its children).
    /// The depth of the tree is bounded when it is built (`Limits.treeDepth`), so the recursion is.
    public func walk(_ visit: (Block) -> WalkStep) {
        for block in self where visit(block) == .descend {
            for child in block.children { child.walk(visit) }
        }
    }

    /// The blocks rewritten from the top down: each block is given to `rewrite`, which keeps it
    /// (and its children are rewritten in turn) or replaces it with any number of blocks.
    public func rewritten(_ rewrite: (Block) -> BlockRewrite) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(count)
        for block in self {
            switch rewrite(block) {
            case .descend: result.append(block.replacingChildren { $0.rewritten(rewrite) })
            case .replace(let blocks): result += blocks
            }
        }
        return result
    }
}
