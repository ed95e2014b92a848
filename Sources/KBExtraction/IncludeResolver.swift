import KBCore
import KBModel
import KBSyntax
import Synchronization

/// Resolves DocFX `[!INCLUDE[…](path)]` directives: the included file's blocks take the
/// directive's place. Only files inside the content root are read; a missing file, a cycle or
/// a path that leaves the content root gives a diagnostic and leaves the directive in place.
///
/// Included files are parsed once and shared by every article that includes them (the
/// resolver is shared by the parallel extraction, hence the lock around its cache).
public final class IncludeResolver: Sendable {
    public typealias Reader = KnowledgeBaseBuilder.Reader

    private struct Parsed: Sendable {
        var blocks: [Block]
        var links: [ArticleLink]
        var diagnostics: [Diagnostic]
        /// Bytes of the file's text.
        var size: Int
    }

    private enum CacheEntry: Sendable {
        case parsed(Parsed)
        case missing(String)
    }

    private let read: Reader
    private let limits: Limits
    private let cache = Mutex<[String: CacheEntry]>([:])
    /// Included files whose own problems (such as invalid front matter) were already reported.
    private let reported = Mutex<Set<String>>([])

    public init(read: @escaping Reader, limits: Limits = .default) {
        self.read = read
        self.limits = limits
    }

    struct Resolution {
        var blocks: [Block]
        var links: [ArticleLink] = []
        var diagnostics: [Diagnostic] = []
    }

    /// What includes may still add to one article: includes expanded each count, with their
    /// bytes, so that a file including another twice at each of 25 levels stops early.
    struct Budget {
        var bytes: Int
        var includes: Int
        /// The limit was reached and reported.
        var exhausted = false

        init(limits: Limits) {
            bytes = limits.includedSize
            includes = limits.includeCount
        }
    }

    /// `blocks` of the file `file`, with every include directive, at any depth, replaced.
    func resolve(_ blocks: [Block], in file: String, budget: inout Budget) -> Resolution {
        resolve(blocks, in: file, visiting: [], budget: &budget, articleFolder: ContentPath.folder(of: file), rebase: nil)
    }

    /// `blocks` of `file`, included (at any depth) in an article of `articleFolder`: every
    /// include directive replaced, and every link passed through `rebase`, which makes it
    /// relative to the article's folder (nil in the article itself). Each block is rebased
    /// once, straight to the article's folder, however deep its include lies.
    private func resolve(
        _ blocks: [Block], in file: String, visiting: [String], budget: inout Budget, articleFolder: String,
        rebase: ((String) -> String)?
    ) -> Resolution {
        var resolution = Resolution(blocks: [])
        let resolved = blocks.rewritten { block in
            func rebased() -> Block { rebase.map { block.mappingLinks($0) } ?? block }
            switch block {
            case .include(let include):
                let expanded = expand(include, in: file, visiting: visiting + [file], budget: &budget,
                                      articleFolder: articleFolder, into: &resolution)
                return .replace(expanded ?? [rebased()])
            case .table:
                // Cells hold no includes; their links are rebased with the table's.
                return .replace(rebased())
            default:
                // Containers are walked into; leaves are rebased.
                return block.children.isEmpty ? .replace(rebased()) : .descend
            }
        }
        resolution.blocks = resolved
        return resolution
    }

    /// The blocks an include directive stands for, their links relative to the article's
    /// folder; nil when it is left as it is (reported).
    private func expand(
        _ include: Include, in file: String, visiting: [String], budget: inout Budget, articleFolder: String,
        into resolution: inout Resolution
    ) -> [Block]? {
        let folder = ContentPath.folder(of: file)
        let reference = include.path.split(separator: "#", maxSplits: 1).first.map(String.init) ?? include.path
        let base = reference.hasPrefix("/") ? String(file.split(separator: "/").first ?? "") : folder
        guard let target = ContentPath.resolve(reference, from: base), !target.isEmpty else {
            resolution.diagnostics.append(Diagnostic(
                .error, .includeOutsideContentRoot,
                "the include '\(include.path)' points outside the content folder; it is not included",
                file: file, at: include.location))
            return nil
        }
        if let start = visiting.firstIndex(of: target) {
            let cycle = (visiting[start...] + [target]).joined(separator: " → ")
            resolution.diagnostics.append(Diagnostic(
                .error, .includeCycle, "the include '\(include.path)' includes itself again (\(cycle)); it is not included",
                file: file, at: include.location))
            return nil
        }
        if visiting.count > limits.includeDepth {
            resolution.diagnostics.append(Diagnostic(
                .error, .includeTooDeep,
                "the include '\(include.path)' lies \(visiting.count) includes deep, more than the limit of \(limits.includeDepth); it is not included",
                file: file, at: include.location))
            return nil
        }
        guard !budget.exhausted else { return nil }
        let targetFolder = ContentPath.folder(of: target)
        let loaded = load(target)
        // What the file adds: its text, and for each of its links the way from the article's
        // folder to the file's, which rebasing puts in front (a deep folder could otherwise make
        // 2 MiB of short links into gigabytes).
        let cost: Int
        if case .parsed(let parsed) = loaded {
            cost = parsed.size + parsed.links.count * Self.rebase("x", from: targetFolder, to: articleFolder).utf8.count
        } else {
            cost = 0
        }
        switch loaded {
        case .parsed where cost > budget.bytes || budget.includes <= 0:
            budget.exhausted = true
            resolution.diagnostics.append(Diagnostic(
                .error, .includeTooLarge,
                "includes add more than \(limits.includeCount) files or \(limits.includedSize) bytes to this article; "
                    + "'\(include.path)' and the includes after it are not included",
                file: file, at: include.location))
            return nil
        case .missing(let reason):
            resolution.diagnostics.append(Diagnostic(
                .error, .includeMissing, "the included file '\(include.path)' cannot be read (\(reason))",
                file: file, at: include.location))
            return nil
        case .parsed(let parsed):
            budget.bytes -= cost
            budget.includes -= 1
            if reported.withLock({ $0.insert(target).inserted }) {
                resolution.diagnostics += parsed.diagnostics
            }
            // Links in the included file are relative to its folder: rebase them on the article's.
            let toArticle: (String) -> String = { Self.rebase($0, from: targetFolder, to: articleFolder) }
            let inner = resolve(parsed.blocks, in: target, visiting: visiting, budget: &budget, articleFolder: articleFolder,
                                rebase: toArticle)
            resolution.diagnostics += inner.diagnostics
            // The included file's own links; those of the files it includes are rebased already.
            resolution.links += parsed.links.map { link in
                var link = link
                link.destination = toArticle(link.destination)
                return link
            } + inner.links
            return inner.blocks
        }
    }

    private func load(_ path: String) -> CacheEntry {
        if let cached = cache.withLock({ $0[path] }) { return cached }
        let entry: CacheEntry
        do {
            let text = try read(path)
            let document = DocumentParser.parse(text, file: path, limits: limits)
            var builder = BlockBuilder(document: document, limits: limits)
            let blocks = builder.blocks(childrenOf: document.tree.root)
            let links = builder.links.map { link in
                var link = link
                link.includedFrom = path
                return link
            }
            entry = .parsed(Parsed(
                blocks: blocks, links: links, diagnostics: document.diagnostics + builder.diagnostics, size: text.utf8.count))
        } catch {
            entry = .missing("\(error)")
        }
        cache.withLock { $0[path] = entry }
        return entry
    }

    /// A relative destination written in `fromFolder`, as seen from `toFolder`.
    static func rebase(_ destination: String, from fromFolder: String, to toFolder: String) -> String {
        guard ContentPath.isRelative(destination) else { return destination }
        let hash = destination.firstIndex(of: "#") ?? destination.endIndex
        guard let absolute = ContentPath.resolve(String(destination[..<hash]), from: fromFolder) else { return destination }
        return ContentPath.relative(absolute, from: toFolder) + destination[hash...]
    }
}
