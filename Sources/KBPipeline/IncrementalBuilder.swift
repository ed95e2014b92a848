import KBCore
import KBExtraction
import KBLinking
import KBOutput
import Synchronization

/// Builds the same content again and again, each time doing only what the changes since the
/// last build touch (`kb serve`): files whose inputs did not change are not extracted again
/// (`ExtractionCache`), outputs whose articles did not change are not made again
/// (`OutputMemo`), only the links of changed articles are checked again (`LinkCache`), and
/// collisions are settled again only when the files' paths changed (`CollisionMemo`). The
/// files it returns are the ones a build from scratch returns: the tests hold it to that, byte
/// for byte, through edits, additions, renames and deletions of articles, includes and tables
/// of contents.
public final class IncrementalBuilder: Sendable {
    public let build: SiteBuild
    private let cache = ExtractionCache()
    private let memo = OutputMemo()
    private let virtualLocale = Mutex<String?>(nil)

    /// Builds as `build` does (a build held in memory) with the caches.
    public init(_ build: SiteBuild) {
        var build = build
        build.destination = .memory
        build.settings.extractionCache = cache
        build.settings.outputMemo = memo
        build.settings.linkCache = LinkCache()
        build.settings.collisionMemo = CollisionMemo()
        self.build = build
    }

    /// Builds `source`, given the paths of its files (as the source names them) that changed
    /// since the last build: edited, added or deleted. The first build makes everything.
    public func build(
        _ source: any ContentSource, changed: some Sequence<String>, diagnostics: DiagnosticEngine = DiagnosticEngine()
    ) async throws -> BuildState {
        // The steps see a tree without locale folders below its locale: so do the paths here.
        let prefix = virtualLocale.withLock { $0 }
        cache.invalidate(changed.map { path in prefix.map { $0 + "/" + path } ?? path })
        cache.begin()
        let state = try await build.make(source, diagnostics: diagnostics)
        virtualLocale.withLock { $0 = state.layout.virtualLocale }
        return state
    }

    /// How many files the last build extracted, and how many outputs it made and reused.
    public var lastCounts: (extracted: Int, made: Int, reused: Int) {
        let (reused, made) = memo.counts
        return (cache.extractedLastTime, made, reused)
    }
}
