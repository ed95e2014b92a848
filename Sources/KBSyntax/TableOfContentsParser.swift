import KBCore
import Yams
import KBText

/// Reads a DocFX `toc.yml`: a list of items with `name`, `href` (or `topicHref`, `tocHref`)
/// and nested `items`, or a mapping holding such a list under `items`.
public enum TableOfContentsParser {
    public struct Item: Sendable, Equatable {
        public var name: String
        public var href: String?
        public var items: [Item]
        /// The line of the item in the file.
        public var line: Int
    }

    public struct Result: Sendable {
        public var items: [Item]
        public var diagnostics: [Diagnostic]
    }

    public static func parse(_ yaml: String, file: String, limits: Limits = .default) -> Result {
        do {
            let parser = try Parser(yaml: yaml, resolver: .basic, constructor: .default, encoding: .utf8)
            guard let root = try parser.singleRoot() else { return Result(items: [], diagnostics: []) }
            var diagnostics: [Diagnostic] = []
            let list = root.sequence.map(Array.init) ?? root.mapping?["items"]?.sequence.map(Array.init)
            guard let list else {
                let diagnostic = Diagnostic(
                    .warning, .tocInvalid, "a table of contents is a list of items with 'name' and 'href'",
                    file: file, at: SourceLocation(line: 1))
                return Result(items: [], diagnostics: [diagnostic])
            }
            var budget = YAMLBudget(values: limits.yamlValues)
            let items = try list.compactMap { try item(from: $0, file: file, budget: &budget, depth: 1, diagnostics: &diagnostics) }
            return Result(items: items, diagnostics: diagnostics)
        } catch let exceeded as YAMLBudget.Exceeded {
            let diagnostic = Diagnostic(
                .error, .tocInvalid, "the table of contents \(exceeded.reason); it is left out of the navigation",
                file: file, at: SourceLocation(line: 1))
            return Result(items: [], diagnostics: [diagnostic])
        } catch {
            let line = (error as? YamlError).flatMap(Self.line(of:)) ?? 1
            let diagnostic = Diagnostic(
                .error, .tocInvalid, "the table of contents is not valid YAML; it is left out of the navigation",
                file: file, at: SourceLocation(line: line))
            return Result(items: [], diagnostics: [diagnostic])
        }
    }

    private static func item(
        from node: Node, file: String, budget: inout YAMLBudget, depth: Int, diagnostics: inout [Diagnostic]
    ) throws -> Item? {
        try budget.spend(depth: depth)
        let line = (node.mark?.line ?? 0)
        guard let mapping = node.mapping else {
            diagnostics.append(Diagnostic(
                .warning, .tocInvalid, "this item of the table of contents is not a mapping; it is left out",
                file: file, at: SourceLocation(line: max(line, 1))))
            return nil
        }
        let name = mapping["name"]?.scalar?.string ?? mapping["displayName"]?.scalar?.string ?? ""
        let href = ["href", "topicHref", "tocHref"].lazy.compactMap { mapping[$0]?.scalar?.string }.first
        let children = try mapping["items"]?.sequence.map { sequence in
            try sequence.compactMap { try item(from: $0, file: file, budget: &budget, depth: depth + 1, diagnostics: &diagnostics) }
        } ?? []
        return Item(name: name, href: href, items: children, line: max(line, 1))
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: nil
        }
    }
}

extension TableOfContentsParser {
    /// Reads a DocFX `TOC.md`: each heading is an item, nested by level; a link in the heading
    /// is the item's target (`## [Sign in](sign-in.md)`), a heading without one a group.
    public static func parseMarkdown(_ markdown: String, file: String) -> Result {
        let document = DocumentParser.parse(markdown, file: file)
        let tree = document.tree
        var roots: [Item] = []
        var stack: [(level: Int, item: Item)] = []
        func close(above level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last.item) } else { stack[stack.count - 1].item.items.append(last.item) }
            }
        }
        for index in tree.children(of: tree.root) where tree[index].kind == .heading {
            var title = ""
            var href: String?
            var next = index + 1
            while next < Int(tree[index].subtreeEnd) {
                let node = tree[next]
                if node.kind == .link, href == nil { href = node.destination }
                if node.kind == .text || node.kind == .code { title += node.literal }
                next += 1
            }
            let level = tree[index].headingLevel
            close(above: level)
            stack.append((level, Item(name: title.trimmingWhitespace, href: href, items: [], line: tree[index].start.line)))
        }
        close(above: 0)
        return Result(items: roots, diagnostics: document.diagnostics)
    }
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: String { Whitespace.trim(self) }
}
