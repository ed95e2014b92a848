import KBCore
import KBExtraction
import KBLinking
import KBOutput
import Synchronization

/// Builds the same content again and again, each time doing only what the changes since the
/// last build touch (`kb serve`): files whose inputs did not change are not extracted again
/// (`ExtractionCache`), and outputs whose articles did not change are not made again
/// (`OutputMemo`), and only the links of changed articles are checked again (`LinkCache`). The files it returns are the ones a build
/// from scratch returns: the tests hold it to that, byte for byte, through edits, additions,
/// renames and deletions of articles, includes and tables of contents.
public final class IncrementalBuilder: Sendable {
    public let pipeline: Pipeline
    public let settings: BuildSettings
    private let cache = ExtractionCache()
    private let memo = OutputMemo()
    private let virtualLocale = Mutex<String?>(nil)

    public init(pipeline: Pipeline, settings: BuildSettings) {
        self.pipeline = pipeline
        var settings = settings
        settings.extractionCache = cache
        settings.outputMemo = memo
        settings.linkCache = LinkCache()
        self.settings = settings
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
        let state = try await pipeline.run(source, settings: settings, diagnostics: diagnostics)
        virtualLocale.withLock { $0 = state.layout.virtualLocale }
        return state
    }

    /// How many files the last build extracted, and how many outputs it made and reused.
    public var lastCounts: (extracted: Int, made: Int, reused: Int) {
        let (reused, made) = memo.counts
        return (cache.extractedLastTime, made, reused)
    }
}
