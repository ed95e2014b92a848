import CFileSystem
import KBCore
import KBLinking
import KBOutput
import Synchronization

/// A build's whole life, in one place: the settings (kb.yml with the flags over it, made by the
/// command line), whether the last build of the same output still stands, the steps, the
/// collisions between the files they make, where the files go (a folder, memory, or nowhere
/// but their paths), and what is kept of the build for the next one.
///
/// ```
/// settings ─► store.lastBuild? ──────────────────────────────────► the last build's report
///                 │ (changed, or no store)
///                 ▼
///             model ► link ► media ► one step per format ► collisions ─► where the files go:
///                                                                        .store   staged, settled, swapped in, recorded
///                                                                        .memory  kept, collisions settled (serve, tests)
///                                                                        .paths   only their paths, planned (check)
/// ```
///
/// Every command and test that builds is one of the presets below (`build`; `memory` for kb
/// serve and the tests; `check`, `dump`, `contract` for kb lookup --content; `model`), so that
/// two of them cannot differ by accident: `kb check` runs what `kb build` runs and reports what
/// it would, collisions included.
public struct SiteBuild: Sendable {
    /// Where the files a build makes go.
    public enum Destination: Sendable {
        /// Kept in `BuildState.files`, one per path (collisions settled).
        case memory
        /// Only their paths, to find collisions (`kb check`): planned by the formats that can
        /// (`OutputFormat.plannedFiles`), else made and dropped.
        case paths
        /// Written to a store as they are made, settled and published at the end (`kb build`).
        case store(any SiteStore)
    }

    public var settings: BuildSettings
    /// The output formats, in the order they run.
    public var formats: [any OutputFormat]
    /// Whether the content's media are published (every site does; `kb dump` does not).
    public var publishesMedia: Bool
    public var destination: Destination
    /// Whether memory let go by a step goes back to the system before the next (`kb build`, a
    /// process that ends with the build: the next step's peak then does not stand on the
    /// last one's free but held memory).
    public var releasesMemoryBetweenSteps = false

    public init(settings: BuildSettings, formats: [any OutputFormat], publishesMedia: Bool = true, destination: Destination = .memory) {
        self.settings = settings
        self.formats = formats
        self.publishesMedia = publishesMedia
        self.destination = destination
    }

    // MARK: Presets

    /// `kb build`: the site, written to `store` as it is made.
    public static func build(_ settings: BuildSettings, formats: [any OutputFormat], into store: any SiteStore) -> SiteBuild {
        var build = SiteBuild(settings: settings, formats: formats, destination: .store(store))
        build.releasesMemoryBetweenSteps = true
        return build
    }

    /// `kb serve` and the tests: the site, held in memory.
    public static func memory(_ settings: BuildSettings, formats: [any OutputFormat]) -> SiteBuild {
        SiteBuild(settings: settings, formats: formats)
    }

    /// `kb check`: everything `build` does but make the files' bytes: their paths are planned,
    /// or the files made and dropped, so that it reports the collisions `build` would settle.
    public static func check(_ settings: BuildSettings, formats: [any OutputFormat]) -> SiteBuild {
        SiteBuild(settings: settings, formats: formats, destination: .paths)
    }

    /// `kb dump`: the model, linked, as the dump format prints it.
    public static func dump(_ settings: BuildSettings) -> SiteBuild {
        SiteBuild(settings: settings, formats: [OutputFormats.dump], publishesMedia: false)
    }

    /// `kb lookup --content`: the JSON contract, held in memory.
    public static func contract(_ settings: BuildSettings) -> SiteBuild {
        SiteBuild(settings: settings, formats: OutputFormats.contract, publishesMedia: false)
    }

    /// The model alone, extracted and not linked (tests, benchmarks).
    public static func model(_ settings: BuildSettings = BuildSettings()) -> SiteBuild {
        SiteBuild(settings: settings, formats: [], publishesMedia: false)
    }

    // MARK: Running

    /// The steps this build runs, in order.
    public var pipeline: Pipeline {
        var steps: [BuildStep] = [.model]
        guard publishesMedia || !formats.isEmpty else { return Pipeline(steps: steps) }
        steps.append(.link)
        if publishesMedia { steps.append(.media) }
        switch destination {
        case .memory: steps += formats.map { BuildStep.output($0) } + [.settleCollisions]
        case .paths: steps += formats.map { BuildStep.plan($0) } + [.reportCollisions]
        case .store: steps += formats.map { BuildStep.output($0) } + [.write]
        }
        return Pipeline(steps: steps)
    }

    /// Runs the build over `source`. With a store whose last build still stands (nothing it
    /// was made from changed) and without `rebuild`, nothing is built: the outcome holds that
    /// build's report, its diagnostics emitted again.
    public func run(
        _ source: any ContentSource, diagnostics: DiagnosticEngine = DiagnosticEngine(), rebuild: Bool = false,
        progress: (@Sendable (Pipeline.Progress) -> Void)? = nil
    ) async throws -> BuildOutcome {
        if case .store(let store) = destination, !rebuild, let report = store.lastBuild() {
            diagnostics.emit(report.diagnostics)
            return BuildOutcome(state: nil, report: report)
        }
        let state = try await make(source, diagnostics: diagnostics, progress: progress)
        let report = BuildReport(
            diagnostics: diagnostics.diagnostics, virtualLocale: state.layout.virtualLocale, summary: Self.summary(of: state))
        if case .store(let store) = destination { store.keep(report) }
        return BuildOutcome(state: state, report: report)
    }

    /// Runs every step over `source`, whatever the store's last build.
    public func make(
        _ source: any ContentSource, diagnostics: DiagnosticEngine = DiagnosticEngine(),
        progress: (@Sendable (Pipeline.Progress) -> Void)? = nil
    ) async throws -> BuildState {
        var settings = self.settings
        settings.links = SiteLinks.declared(by: formats)
        var staged: (any StagedSite)?
        switch destination {
        case .memory:
            settings.sink = nil
        case .paths:
            settings.sink = PathRecorder()
        case .store(let store):
            // The record describes the site about to be replaced: a build stopped halfway must
            // not leave it behind.
            store.forget()
            staged = try store.stage()
            settings.sink = staged
        }
        if releasesMemoryBetweenSteps { kb_keep_large_blocks_apart() }
        let release = releasesMemoryBetweenSteps
        do {
            return try await pipeline.run(source, settings: settings, diagnostics: diagnostics) { step in
                if release { kb_release_free_memory() }
                progress?(step)
            }
        } catch {
            staged?.discard()
            throw error
        }
    }

    /// `3075 articles, 4414 error entries, 938 codes in 5 languages: 8562 files`.
    static func summary(of state: BuildState) -> String {
        let linked = state.linked
        let entries = linked?.articles.reduce(0) { $0 + $1.entries.count } ?? 0
        func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
            "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
        }
        return "\(count(linked?.articles.count ?? 0, "article")), \(count(entries, "error entry", "error entries")), "
            + "\(count(linked?.codes.codes.count ?? 0, "code")) in \(count(linked?.locales.count ?? 0, "language")): "
            + count(state.fileCount, "file")
    }
}

/// What a build reported: kept by a store for a build that finds nothing changed.
public struct BuildReport: Sendable {
    /// Everything the build reported, after the severity rules.
    public var diagnostics: [Diagnostic]
    /// The locale folder a tree without locale folders was read as, for reporting paths.
    public var virtualLocale: String?
    /// What was built: `3075 articles, 4414 error entries, 938 codes in 5 languages: 8562 files`.
    public var summary: String

    public init(diagnostics: [Diagnostic], virtualLocale: String?, summary: String) {
        self.diagnostics = diagnostics
        self.virtualLocale = virtualLocale
        self.summary = summary
    }
}

/// What a build ended with.
public struct BuildOutcome: Sendable {
    /// What the steps made; nil when the store's last build still stood and nothing was built.
    public var state: BuildState?
    public var report: BuildReport

    /// Whether nothing was built, the last build standing.
    public var isUpToDate: Bool { state == nil }
}

/// Where `kb build` keeps a site: a folder on disk (`SiteFolderStore` in the command line), or
/// anything else that can stage files as they come and publish them whole.
public protocol SiteStore: Sendable {
    /// What the last build of this store reported, when it still stands: nothing it was made
    /// from (content, settings, kb itself) changed, and what it published is untouched.
    func lastBuild() -> BuildReport?
    /// Forgets the last build, whose site is about to be replaced.
    func forget()
    /// An empty place to put the new site's files as they are made.
    func stage() throws -> any StagedSite
    /// Keeps what this build reported, for the next (after it was published).
    func keep(_ report: BuildReport)
}

/// A site being put in its store: files come in as they are made, each path once at the end.
public protocol StagedSite: SiteSink {
    /// Settles the collisions between the files added (`BuiltSite.keptFiles`) and publishes
    /// the site whole; returns what it left out, and why.
    func publish() throws -> [Diagnostic]
    /// Drops what was staged, leaving the store's last site as it was.
    func discard()
}

/// A sink that keeps only the paths and origins of the files it is given, and the formats with
/// a folder of their own whose files were not made (`BuildStep.plan`).
final class PathRecorder: SiteSink {
    private struct State {
        var files: [(path: String, origin: String?)] = []
        var deferred: [(format: any OutputFormat, folder: String, input: OutputInput)] = []
    }
    private let state = Mutex(State())

    func add(_ made: [BuiltSite.File]) throws {
        record(made.map { ($0.path, $0.origin) })
    }

    func record(_ paths: [(path: String, origin: String?)]) {
        state.withLock { $0.files += paths }
    }

    func deferFormat(_ format: any OutputFormat, folder: String, input: OutputInput) {
        state.withLock { $0.deferred.append((format, folder, input)) }
    }

    var recorded: [(path: String, origin: String?)] { state.withLock { $0.files } }

    var deferred: [(format: any OutputFormat, folder: String, input: OutputInput)] { state.withLock { $0.deferred } }
}

/// The collisions of the last build, for a build that follows it (`kb serve`): the same paths
/// and origins, in the same order, settle the same way.
public final class CollisionMemo: Sendable {
    private struct Last {
        var paths: [(path: String, origin: String?)] = []
        var kept: [Int] = []
        var diagnostics: [Diagnostic] = []
    }
    private let last = Mutex(Last())

    public init() {}

    /// `BuiltSite.keptFiles` for these files, worked out again only when their paths or origins
    /// changed.
    func kept(_ files: [(path: String, origin: String?)]) -> (kept: [Int], diagnostics: [Diagnostic]) {
        last.withLock { last in
            let same = files.count == last.paths.count && zip(files, last.paths).allSatisfy { $0.path == $1.path && $0.origin == $1.origin }
            if !same {
                let (kept, diagnostics) = BuiltSite.keptFiles(files)
                last = Last(paths: files, kept: kept.sorted(), diagnostics: diagnostics)
            }
            return (last.kept, last.diagnostics)
        }
    }
}

extension BuildStep {
    /// The site in memory with one file per path (`BuiltSite.keptFiles`), in the order the steps
    /// made them; the files left out are reported.
    static let settleCollisions = BuildStep("collisions") { state in
        let paths = state.files.map { (path: $0.path, origin: $0.origin) }
        let (kept, diagnostics) = state.settings.collisionMemo?.kept(paths) ?? {
            let (kept, diagnostics) = BuiltSite.keptFiles(paths)
            return (kept.sorted(), diagnostics)
        }()
        if kept.count != state.files.count {
            let files = state.files
            state.files = kept.map { files[$0] }
        }
        state.diagnostics.emit(diagnostics)
    }

    /// One output format's paths, for a check of the site (`kb check`): the paths it plans,
    /// else its files made and dropped; a format with a folder of its own is put off until the
    /// collisions step, which makes its files only if a file of the content lies in its folder
    /// (the files kb generates do not collide with one another, so only such a file could).
    static func plan(_ format: any OutputFormat) -> BuildStep {
        BuildStep(format.name) { state in
            let input = try state.outputInput(for: format)
            guard let recorder = state.settings.sink as? PathRecorder else { return }
            if let folder = type(of: format).folder {
                recorder.deferFormat(format, folder: folder, input: input)
            } else if let planned = format.plannedFiles(for: input) {
                recorder.record(planned)
            } else {
                try format.emit(for: input) { try state.add($0) }
            }
        }
    }

    /// The collisions between the paths a build would write, reported as `kb build` reports
    /// them.
    static let reportCollisions = BuildStep("collisions") { state in
        guard let recorder = state.settings.sink as? PathRecorder else { return }
        let fromContent = recorder.recorded.filter { $0.origin != nil }.map { $0.path.lowercased() }
        for (format, folder, input) in recorder.deferred {
            let name = folder.lowercased()
            guard fromContent.contains(where: { $0.hasPrefix(name) || $0 + "/" == name }) else { continue }
            try format.emit(for: input) { try state.add($0) }
        }
        state.diagnostics.emit(BuiltSite.keptFiles(recorder.recorded).diagnostics)
    }

    /// Settles the collisions of the staged site and publishes it.
    static let write = BuildStep("write") { state in
        guard let staged = state.settings.sink as? any StagedSite else { return }
        state.diagnostics.emit(try staged.publish())
    }
}
