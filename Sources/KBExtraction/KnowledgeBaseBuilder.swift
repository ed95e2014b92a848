import KBCore
import KBModel
import KBSyntax
import Synchronization

/// Reads every article of a content tree into the model, in parallel: parsing and extraction
/// of one file never depend on another. File access is passed in, so that this stage does no
/// I/O of its own and tests can run on files held in memory.
public struct KnowledgeBaseBuilder: Sendable {
    /// Returns the text of a file given its path relative to the content root.
    public typealias Reader = @Sendable (String) throws -> String

    /// The bounds one file may make the build reach.
    public var limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Builds the model from the articles `files` and the `toc.yml` files `tablesOfContents`
    /// (paths relative to the content root, `/`-separated). Includes are read through `read`
    /// too. A file that cannot be read gives a diagnostic; every other file is still read.
    public func build(
        files: [String], tablesOfContents: [String] = [], found: [Diagnostic] = [], read: @escaping Reader
    ) async -> KnowledgeBase {
        await measuredBuild(files: files, tablesOfContents: tablesOfContents, found: found, read: read).knowledgeBase
    }

    /// `build`, with the time spent in each stage, summed over all files.
    ///
    /// - Parameter found: diagnostics found before, while listing the files; they join the
    ///   knowledge base's own.
    ///
    /// - Parameter cache: the outcomes of an earlier build to reuse: a file is extracted again
    ///   only when a file it read (itself, its includes) is in `cache.changed`.
    public func measuredBuild(
        files: [String], tablesOfContents: [String] = [], found: [Diagnostic] = [], read: @escaping Reader,
        cache: ExtractionCache? = nil
    ) async -> (knowledgeBase: KnowledgeBase, timings: StageTimings) {
        let limits = self.limits
        typealias Outcome = (index: Int, result: ArticleExtractor.Result?, diagnostics: [Diagnostic], timings: StageTimings)
        /// Reads, parses and extracts one file, following a reading when one is given; with a
        /// cache, reuses what an earlier build made of the same files.
        @Sendable func extract(_ index: Int, following: Reading?) -> Outcome {
            let file = files[index]
            guard let cache else { return extractReading(index, following: following, read: read) }
            let key = ExtractionCache.Key(file: file, following: following)
            if let reused = cache.reusable(key) { return (index, reused.result, reused.diagnostics, StageTimings()) }
            let reads = Mutex<Set<String>>([file])
            let outcome = extractReading(index, following: following) { path in
                reads.withLock { _ = $0.insert(path) }
                return try read(path)
            }
            cache.store(key, ExtractionCache.Entry(result: outcome.result, diagnostics: outcome.diagnostics, reads: reads.withLock { $0 }))
            return outcome
        }
        @Sendable func extractReading(_ index: Int, following: Reading?, read: @escaping Reader) -> Outcome {
            let extractor = ArticleExtractor(includes: IncludeResolver(read: read, limits: limits), limits: limits)
            let file = files[index]
            var timings = StageTimings()
            let clock = ContinuousClock()
            var mark = clock.now
            func lap(_ stage: WritableKeyPath<StageTimings, Duration>) {
                let now = clock.now
                timings[keyPath: stage] += now - mark
                mark = now
            }
            let text: String
            do {
                text = try read(file)
            } catch let error as FileReadError {
                return (index, nil, [Diagnostic(.error, error.identifier, error.description, file: file, at: nil)], timings)
            } catch {
                let diagnostic = Diagnostic(.error, .fileUnreadable, "the file cannot be read: \(error)", file: file, at: nil)
                return (index, nil, [diagnostic], timings)
            }
            lap(\.reading)
            let parts = DocumentParser.split(text, file: file)
            let frontMatter = DocumentParser.frontMatter(of: parts, limits: limits)
            lap(\.frontMatter)
            let document = DocumentParser.parse(parts, frontMatter: frontMatter, limits: limits)
            lap(\.markdown)
            let result = extractor.extract(document, following: following)
            lap(\.extraction)
            return (index, result, [], timings)
        }
        func extractAll(_ work: [(index: Int, following: Reading?)]) async -> [Outcome] {
            await withTaskGroup(of: Outcome.self) { group in
                for (index, following) in work {
                    group.addTask { extract(index, following: following) }
                }
                var collected: [Outcome] = []
                for await outcome in group { collected.append(outcome) }
                return collected.sorted { $0.index < $1.index }
            }
        }
        var outcomes = await extractAll(files.indices.map { ($0, nil) })

        // Translations agree by construction: articles whose translations of the same structure
        // read a table or a section otherwise are read again, making the decisions most make.
        let extracted = outcomes.compactMap { outcome in outcome.result.map { (outcome.index, $0) } }
        let (overrides, disagreements) = ReadingConsensus.overrides(
            for: extracted.map { ($0.1.article.id, $0.1.article.source, $0.1.article.metadata.sourceGitCommit) },
            readings: extracted.map(\.1.reading))
        if !overrides.isEmpty {
            let again = await extractAll(overrides.map { (extracted[$0.key].0, $0.value) })
            for outcome in again {
                var merged = outcome
                merged.timings += outcomes[outcome.index].timings
                outcomes[outcome.index] = merged
            }
        }

        var articles: [Article] = []
        var diagnostics = found + disagreements
        var timings = StageTimings()
        for outcome in outcomes {
            diagnostics += outcome.diagnostics
            timings += outcome.timings
            if let result = outcome.result {
                articles.append(result.article)
                diagnostics += result.diagnostics
            }
        }
        articles.sort { ($0.locale, $0.source) < ($1.locale, $1.source) }

        var articleIDs: [String: Set<String>] = [:]
        for article in articles { articleIDs[article.locale, default: []].insert(article.id) }
        var contents: [TableOfContents] = []
        for path in tablesOfContents {
            // A table of contents depends on the files it reads and on which articles exist.
            let (table, problems): (TableOfContents?, [Diagnostic])
            if let reused = cache?.reusableTable(path, articleIDs: articleIDs) {
                (table, problems) = reused
            } else {
                let reads = Mutex<Set<String>>([path])
                let navigation = NavigationBuilder(articleIDs: articleIDs, read: { file in
                    reads.withLock { _ = $0.insert(file) }
                    return try read(file)
                }, limits: limits)
                (table, problems) = navigation.tableOfContents(at: path)
                cache?.storeTable(path, ExtractionCache.TableEntry(
                    articleIDs: articleIDs, table: table, diagnostics: problems, reads: reads.withLock { $0 }))
            }
            diagnostics += problems
            if let table { contents.append(table) }
        }
        contents.sort { ($0.locale, $0.folder) < ($1.locale, $1.folder) }
        diagnostics.sort()
        cache?.settle()
        return (KnowledgeBase(articles: articles, diagnostics: diagnostics, tablesOfContents: contents), timings)
    }
}

/// Time spent per stage, summed over the files (so, CPU time when files run in parallel).
public struct StageTimings: Sendable {
    public var reading: Duration = .zero
    public var frontMatter: Duration = .zero
    public var markdown: Duration = .zero
    public var extraction: Duration = .zero

    public init() {}

    public static func += (lhs: inout StageTimings, rhs: StageTimings) {
        lhs.reading += rhs.reading
        lhs.frontMatter += rhs.frontMatter
        lhs.markdown += rhs.markdown
        lhs.extraction += rhs.extraction
    }
}

/// What one build extracted from each file, kept for the next (`kb serve`): a file is read again
/// only when a file it read changed. Outcomes depend only on the files read (the article, its
/// includes) and the reading followed, so reusing them gives what extracting again would.
public final class ExtractionCache: Sendable {
    struct Key: Hashable, Sendable {
        var file: String
        var following: Reading?
    }

    struct Entry: Sendable {
        var result: ArticleExtractor.Result?
        var diagnostics: [Diagnostic]
        /// Every path read, those that could not be read included.
        var reads: Set<String>
    }

    struct TableEntry: Sendable {
        var articleIDs: [String: Set<String>]
        var table: TableOfContents?
        var diagnostics: [Diagnostic]
        var reads: Set<String>
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var used: Set<Key> = []
        var tables: [String: TableEntry] = [:]
        var usedTables: Set<String> = []
        var changed: Set<String> = []
        var extracted = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Marks paths as changed since the last build (edited, added, deleted, renamed).
    public func invalidate(_ paths: some Sequence<String>) {
        state.withLock { $0.changed.formUnion(paths) }
    }

    /// How many files the last build extracted rather than reused.
    public var extractedLastTime: Int { state.withLock { $0.extracted } }

    func reusable(_ key: Key) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.reads.isDisjoint(with: state.changed) else { return nil }
            state.used.insert(key)
            return entry
        }
    }

    func store(_ key: Key, _ entry: Entry) {
        state.withLock { state in
            state.entries[key] = entry
            state.used.insert(key)
            state.extracted += 1
        }
    }

    func reusableTable(_ path: String, articleIDs: [String: Set<String>]) -> (TableOfContents?, [Diagnostic])? {
        state.withLock { state in
            guard let entry = state.tables[path], entry.reads.isDisjoint(with: state.changed), entry.articleIDs == articleIDs else {
                return nil
            }
            state.usedTables.insert(path)
            return (entry.table, entry.diagnostics)
        }
    }

    func storeTable(_ path: String, _ entry: TableEntry) {
        state.withLock { state in
            state.tables[path] = entry
            state.usedTables.insert(path)
        }
    }

    /// After a build: forgets what it did not use (deleted files, readings no longer followed)
    /// and the changes it has seen.
    func settle() {
        state.withLock { state in
            state.entries = state.entries.filter { state.used.contains($0.key) }
            state.tables = state.tables.filter { state.usedTables.contains($0.key) }
            state.usedTables = []
            state.used = []
            state.changed = []
        }
    }

    /// Starts counting a new build.
    public func begin() {
        state.withLock { $0.extracted = 0 }
    }
}
