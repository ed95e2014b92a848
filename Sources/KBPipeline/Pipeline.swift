import KBCore
import KBExtraction
import KBLinking
import KBModel
import KBOutput

/// The build as a list of named steps, run in order over one `BuildState`:
///
/// ```
/// model      read, parse and extract every article (in parallel), read the tables of contents
/// link       keep one article per page, link translations, entries and codes, check links
/// media      the images and other files articles use, that no browser runs
/// pages      ┐
/// search     │ one step per output format (OutputFormats.all, as chosen), each adding its files
/// contract   │
/// llms       ┘
/// collisions one file per path: settled in memory, reported (kb check), or `write`: settled
///            in the store and published (kb build)
/// ```
///
/// `SiteBuild` chooses the steps (its presets are what every command and test runs); `--timings`
/// reports each by its name.
public struct Pipeline: Sendable {
    public var steps: [BuildStep]

    public init(steps: [BuildStep]) {
        self.steps = steps
    }

    /// Runs every step in order over the content, emitting diagnostics into `diagnostics`.
    /// `progress` hears of each step as it starts, with what the build holds so far.
    public func run(
        _ source: any ContentSource, settings: BuildSettings = BuildSettings(), diagnostics: DiagnosticEngine = DiagnosticEngine(),
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> BuildState {
        var state = BuildState(source: source, settings: settings, diagnostics: diagnostics)
        if let note = state.layout.leftOutNote { diagnostics.emit(note) }
        let clock = ContinuousClock()
        for (index, step) in steps.enumerated() {
            progress?(Progress(
                step: step.name, number: index + 1, steps: steps.count, articles: state.model.articles.count,
                files: state.fileCount, sources: state.layout.articles.count))
            let start = clock.now
            try await step.body(&state)
            state.timings.append((step.name, clock.now - start))
        }
        return state
    }

    /// Where a build is: the step starting, and the counts so far.
    public struct Progress: Sendable {
        public var step: String
        public var number: Int
        public var steps: Int
        /// Articles extracted so far.
        public var articles: Int
        /// Files made so far.
        public var files: Int
        /// Article files to read.
        public var sources: Int
    }
}

/// What a build is given besides its content.
public struct BuildSettings: Sendable {
    public var options: SiteOptions
    public var limits: Limits
    public var content: ContentSettings
    /// What earlier builds extracted, for a build that follows them (`kb serve`): only files
    /// changed since are extracted again.
    public var extractionCache: ExtractionCache?
    /// What earlier builds' output formats made, for a build that follows them (`kb serve`):
    /// only what changed articles touch is made again.
    public var outputMemo: OutputMemo?
    /// What earlier builds linked, for a build that follows them (`kb serve`).
    public var linkCache: LinkCache?
    /// Where the files of the build's formats that others name lie (set by `SiteBuild` from
    /// its formats).
    public internal(set) var links = SiteLinks()
    /// How the last build's collisions settled, for a build that follows it (`kb serve`).
    public var collisionMemo: CollisionMemo?
    /// Where the files go as the steps make them (set by `SiteBuild`); nil to keep them in
    /// `BuildState.files`.
    public internal(set) var sink: (any SiteSink)?

    public init(
        options: SiteOptions = SiteOptions(), limits: Limits = .default, content: ContentSettings = ContentSettings(),
        extractionCache: ExtractionCache? = nil, outputMemo: OutputMemo? = nil, linkCache: LinkCache? = nil
    ) {
        self.options = options
        self.limits = limits
        self.content = content
        self.extractionCache = extractionCache
        self.outputMemo = outputMemo
        self.linkCache = linkCache
    }
}

/// What the steps of a build have made so far.
public struct BuildState: Sendable {
    /// The content as the steps read it: a tree without locale folders is shown as the folder
    /// of its locale (`LocaleFolderView`).
    public let source: any ContentSource
    /// Which files are articles, tables of contents and media, in `source`'s paths.
    public let layout: ContentLayout
    public let settings: BuildSettings
    public let diagnostics: DiagnosticEngine
    /// The model as extracted (after `model`).
    public var model = KnowledgeBase(articles: [], diagnostics: [])
    /// The model of the articles that have a page of their own, linked (after `link`).
    public var linked: LinkedKnowledgeBase?
    /// The site's files, as the steps add them; empty when they go to a sink
    /// (`BuildSettings.sink`).
    public var files: [BuiltSite.File] = []
    /// How many files the steps made, sent to the sink or kept.
    public private(set) var fileCount = 0
    /// Each step's name and wall time, in order.
    public var timings: [(step: String, duration: Duration)] = []
    /// CPU time of the `model` step's stages, summed over files.
    public var modelStages = StageTimings()

    init(source: any ContentSource, settings: BuildSettings, diagnostics: DiagnosticEngine) {
        let stored = ContentLayout(files: source.files, settings: settings.content)
        if let locale = stored.virtualLocale {
            self.source = LocaleFolderView(source, locale: locale)
        } else {
            self.source = source
        }
        layout = stored
        var settings = settings
        settings.options.virtualLocale = stored.virtualLocale
        self.settings = settings
        self.diagnostics = diagnostics
    }

    /// Adds files of the site: to the sink, or to `files`.
    public mutating func add(_ made: [BuiltSite.File]) throws {
        fileCount += made.count
        if let sink = settings.sink {
            try sink.add(made)
        } else {
            files += made
        }
    }

    /// What an output format's step reads: the model, linked (an error before the link step).
    func outputInput(for format: any OutputFormat) throws -> OutputInput {
        guard let linked else { throw PipelineError.stepBeforeItsInput(format.name, needs: "link") }
        return OutputInput(model: model, linked: linked, options: settings.options, links: settings.links, memo: settings.outputMemo)
    }

    /// The files by path (for reading a built site held in memory).
    public var filesByPath: [String: BuiltSite.File] {
        Dictionary(files.map { ($0.path, $0) }) { first, _ in first }
    }
}

/// One named step of the pipeline.
public struct BuildStep: Sendable {
    public let name: String
    let body: @Sendable (inout BuildState) async throws -> Void

    public init(_ name: String, _ body: @escaping @Sendable (inout BuildState) async throws -> Void) {
        self.name = name
        self.body = body
    }

}

extension BuildStep {
    /// Reads, parses and extracts every article and reads the tables of contents. The problems
    /// found listing the content are the model's first diagnostics (`kb dump` prints them too).
    public static let model = BuildStep("model") { state in
        let source = state.source
        let (model, stages) = await KnowledgeBaseBuilder(limits: state.settings.limits).measuredBuild(
            files: state.layout.articles, tablesOfContents: state.layout.tablesOfContents, found: source.diagnostics,
            read: { try source.text($0) }, cache: state.settings.extractionCache)
        state.model = model
        state.modelStages = stages
        state.diagnostics.emit(model.diagnostics)
    }

    /// Keeps the articles whose page is their own, then links translations, entries and codes
    /// and checks links.
    public static let link = BuildStep("link") { state in
        let (kept, collisions) = SitePaths.keepingArticlesWithOwnPages(state.model)
        // The links are checked: the outputs do not read the lists of them again.
        let linked = TranslationLinker.link(kept, contentFiles: Set(state.source.files), cache: state.settings.linkCache).droppingLinks()
        state.model.droppingLinks()
        state.linked = linked
        state.settings.outputMemo?.begin(linked)
        state.diagnostics.emit(collisions)
        state.diagnostics.emit(linked.diagnostics)
    }

    /// The files of the content articles use (images, documents) that no browser runs
    /// (`MediaPolicy`), published at the same paths.
    public static let media = BuildStep("media") { state in
        let source = state.source
        var published: [BuiltSite.File] = []
        for path in state.layout.media {
            switch MediaPolicy.verdict(for: path, read: { try source.bytes(path) }) {
            case .copy:
                if let file = source.published(path) { published.append(file) }
            case .publish(let bytes):
                published.append(BuiltSite.File(path: path, contents: bytes, origin: path))
            case .refuse(let severity, let reason):
                state.diagnostics.emit(Diagnostic(severity, .fileNotPublished, reason, file: path, at: nil))
            }
        }
        try state.add(published)
    }

    /// One output format's files.
    public static func output(_ format: any OutputFormat) -> BuildStep {
        BuildStep(format.name) { state in
            let input = try state.outputInput(for: format)
            // To the sink as they come (kb build), or kept in the state.
            try format.emit(for: input) { try state.add($0) }
        }
    }
}

/// Steps put together in an order that cannot run (only `Pipeline(steps:)` can: `SiteBuild`'s
/// presets put them in order).
public enum PipelineError: Error, CustomStringConvertible {
    case stepBeforeItsInput(String, needs: String)

    public var description: String {
        switch self {
        case let .stepBeforeItsInput(step, needs): "the step '\(step)' runs before the step '\(needs)' it reads"
        }
    }
}
