import Foundation
import KBCore
import KBExtraction
import KBModel
import KBOutput
import KBPages
import KBPipeline
import KBSyntax
import Synchronization

// What the test targets share: where things are, content and sites built in memory by the same
// pipeline `kb build` runs, and running the kb executable and the scripts.

/// The repository's root folder, found from this file's place in it.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The repository's sample content (the seed articles).
public let seedContent = repositoryRoot.appendingPathComponent("content").path

/// `../shared/corpus`: the real articles, for the end-to-end tests only.
public let corpusPath = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

/// `../shared/corpus-m365`: Microsoft 365 security docs in Danish and Polish, with HTML tables.
public let m365CorpusPath = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus-m365").path

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh folder for one test, removed by the caller.
public func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kb-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every file below a folder, read into memory (hidden files left out).
public func memoryContent(_ folder: String) throws -> MemoryContent {
    let root = URL(fileURLWithPath: folder)
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    while let url = enumerator?.nextObject() as? URL {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        files[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] = Array(try Data(contentsOf: url))
    }
    return MemoryContent(files)
}

/// The seed articles, held in memory.
public func seedFiles() throws -> MemoryContent { try memoryContent(seedContent) }

/// The model of files held in memory (path relative to the content root → text), as the
/// pipeline's `model` step makes it: files in `includes` folders are read only when included.
public func knowledgeBase(_ files: [String: String]) async throws -> KnowledgeBase {
    try await SiteBuild.model().make(MemoryContent(texts: files)).model
}

/// The seed articles' model.
public func seedModel() async throws -> KnowledgeBase {
    try await SiteBuild.model().make(try seedFiles()).model
}

/// Extracts one article from Markdown text.
public func article(_ markdown: String, path: String = "en-us/test/article.md") -> (Article, [Diagnostic]) {
    let result = ArticleExtractor().extract(DocumentParser.parse(markdown, file: path))
    return (result.article, result.diagnostics)
}

/// Builds content held in memory as `kb build` would (`SiteBuild.memory`, the default
/// templates unless others are given, the outputs named as kb.yml's `outputs` names them, else
/// the default ones), or runs the steps given.
public func build(
    _ source: any ContentSource, steps: [BuildStep]? = nil, templates: TemplateSet? = nil, options: SiteOptions = SiteOptions(),
    outputs: [String]? = nil
) async throws -> BuildState {
    let settings = BuildSettings(options: options)
    if let steps { return try await Pipeline(steps: steps).run(source, settings: settings) }
    var formats = try OutputFormats.chosen(outputs)
    if let templates { formats = formats.map { $0.name == PagesFormat.name ? PagesFormat(templates: templates) : $0 } }
    return try await SiteBuild.memory(settings, formats: formats).make(source)
}

/// The site `kb build` writes for these files, in memory: path → text.
public func renderedSite(
    _ files: [String: String], templates: TemplateSet? = nil, options: SiteOptions = SiteOptions(), outputs: [String]? = nil
) async throws -> [String: String] {
    texts(try await build(MemoryContent(texts: files), templates: templates, options: options, outputs: outputs))
}

/// The site `kb build` writes for the seed articles, in memory: path → text.
public func sampleSite(templates: TemplateSet? = nil, options: SiteOptions = SiteOptions(), outputs: [String]? = nil) async throws
    -> [String: String]
{
    texts(try await build(try seedFiles(), templates: templates, options: options, outputs: outputs))
}

func texts(_ state: BuildState) -> [String: String] {
    Dictionary(state.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }) { first, _ in first }
}

/// A random number generator that gives the same numbers for the same seed (SplitMix64), so
/// that a failing randomized test fails again.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: Processes (end-to-end tests)

/// The `kb` executable, built before the tests by `make test` (`swift build --product kb`).
public func kbExecutable() throws -> URL {
    let candidates = [ProcessInfo.processInfo.environment["KB_EXECUTABLE"], ".build/debug/kb", ".build/release/kb"]
    for candidate in candidates.compactMap({ $0 }) {
        let url = candidate.hasPrefix("/") ? URL(fileURLWithPath: candidate) : repositoryRoot.appendingPathComponent(candidate)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw TestFailure("the kb executable is not built: run `swift build --product kb` (make test does)")
}

/// Runs a command and returns its exit status, standard output and standard error.
@discardableResult
public func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil) throws
    -> (status: Int32, output: String, errors: String)
{
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let input = Pipe()
    if standardInput != nil { process.standardInput = input }
    try process.run()
    if let standardInput {
        input.fileHandleForWriting.write(Data(standardInput.utf8))
        try input.fileHandleForWriting.close()
    }
    // Standard error is read on another thread, so that neither pipe fills while the other is read.
    let errorData = Mutex(Data())
    let reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) {
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        errorData.withLock { $0 = data }
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData.withLock { $0 }, as: UTF8.self))
}

/// Runs one of the repository's Python scripts (`scripts/check-…`).
@discardableResult
public func script(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", repositoryRoot.appendingPathComponent("scripts/" + name).path] + arguments)
}

/// Builds a content folder with the kb executable into `folder/site`, and returns that path.
public func buildSite(_ content: String = seedContent, in folder: URL, arguments: [String] = []) throws -> URL {
    let site = folder.appendingPathComponent("site")
    let (status, _, errors) = try run(try kbExecutable(), ["build", content, "-o", site.path, "-q"] + arguments)
    guard status == 0 else { throw TestFailure("kb build \(content) failed: \(errors)") }
    return site
}

/// Every file below a folder with its bytes, by relative path.
public func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
    }
    return files
}
