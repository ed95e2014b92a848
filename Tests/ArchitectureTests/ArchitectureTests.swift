import Foundation
import KBTestSupport
import Testing

/// Architecture.md's diagram lists the targets in layers, lowest first; these tests hold the
/// sources to it.
@Suite("The architecture as Architecture.md draws it")
struct ArchitectureTests {
    /// The targets of the diagram (the first code block of Architecture.md), in order: a line
    /// that does not start with a space names a target.
    static func layers() throws -> [String] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Architecture.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```")
        guard blocks.count > 1 else { throw TestFailure("Architecture.md has no diagram") }
        return blocks[1].split(separator: "\n").compactMap { line in
            guard let first = line.first, first != " " else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    /// Each target of `Sources/` → the kb modules its Swift files import.
    static func imports() throws -> [String: Set<String>] {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        var result: [String: Set<String>] = [:]
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path) where !target.hasPrefix(".") {
            var modules: Set<String> = []
            let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: sources.appendingPathComponent(target).appendingPathComponent(path), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                    guard words.count == 2, words[0] == "import" else { continue }
                    modules.insert(String(words[1]))
                }
            }
            result[target] = modules
        }
        return result
    }

    @Test("the diagram lists every target of Sources/, and only those")
    func everyTarget() throws {
        let layers = try Self.layers()
        #expect(Set(layers) == Set(try Self.imports().keys))
        #expect(layers.count == Set(layers).count, "a target is listed twice")
    }

    @Test("every import points down the diagram: no target imports one listed below it")
    func importsPointDown() throws {
        let layers = try Self.layers()
        let position = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1, $0) })
        var upward: [String] = []
        for (target, modules) in try Self.imports() {
            for module in modules.sorted() {
                guard let level = position[module], let own = position[target] else { continue }
                if level >= own { upward.append("\(target) imports \(module)") }
            }
        }
        #expect(upward.isEmpty, "\(upward.sorted())")
    }

    @Test("no output format imports another, and only executables import the command line")
    func formatsStandAlone() throws {
        let imports = try Self.imports()
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let formats = try imports.keys.filter { target in
            let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: sources.appendingPathComponent(target).appendingPathComponent(path), encoding: .utf8)
                if text.contains(": OutputFormat {") { return true }
            }
            return false
        }
        #expect(Set(formats) == ["KBPages", "KBSearchIndex", "KBContractFiles", "KBLanguageModelFiles", "KBDump"])
        for format in formats {
            let others = imports[format, default: []].intersection(formats)
            #expect(others.isEmpty, "\(format) imports \(others.sorted())")
        }
        let importers = imports.filter { $0.value.contains("KBCommandLine") }.keys.sorted()
        #expect(importers == ["KBFuzz", "kb"])
    }

    /// The imports found must be real: the reading above finds what the command line imports.
    @Test("the reading of imports finds them")
    func readingWorks() throws {
        let imports = try Self.imports()
        #expect(imports["KBCommandLine"]?.isSuperset(of: ["KBPipeline", "KBQuery", "ArgumentParser"]) == true)
        #expect(imports["KBFuzz"]?.contains("KBMCP") == true)  // an @testable import
    }

    /// Each target of `Sources/` → its Swift files' lines of code, comments left out.
    static func codeLines() throws -> [String: [(file: String, line: Int, text: String)]] {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        var result: [String: [(file: String, line: Int, text: String)]] = [:]
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path) where !target.hasPrefix(".") {
            let enumerator = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: sources.appendingPathComponent(target).appendingPathComponent(path), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.drop { $0 == " " }
                    guard !trimmed.hasPrefix("//") else { continue }
                    result[target, default: []].append((target + "/" + path, number + 1, String(line)))
                }
            }
        }
        return result
    }

    /// What only the pipeline may do: put steps together and run them. A command is a preset
    /// of `SiteBuild`.
    static var stepAssembly: Regex<(Substring, Substring?)> { #/(^|[^A-Za-z])Pipeline\(|BuildStep|\.steps\.append|\[\.model\b|\.output\(|\.pipeline\.run/# }

    /// The lines of `lines` that assemble steps themselves.
    static func assembliesOfSteps(_ lines: [(file: String, line: Int, text: String)]) -> [String] {
        lines.filter { $0.text.contains(stepAssembly) }.map { "\($0.file):\($0.line): \($0.text)" }
    }

    /// A format's own paths, as they begin or end in a string literal, and the targets that
    /// may write them: the format's, and the contract's types, which its readers share.
    static let ownedPaths: [(literal: String, owners: Set<String>)] = [
        ("\"api/v1", ["KBContract"]),
        ("\"search/", ["KBSearchIndex"]),
        ("llms.txt\"", ["KBLanguageModelFiles"]),
        ("llms-full.txt\"", ["KBLanguageModelFiles"]),
        ("search-records.json\"", ["KBContract"]),
        ("\"model.json\"", ["KBDump"]),
    ]

    /// The lines of `lines` (of `target`) that name another format's path.
    static func foreignPaths(_ target: String, _ lines: [(file: String, line: Int, text: String)]) -> [String] {
        lines.compactMap { line in
            ownedPaths.first { line.text.contains($0.literal) && !$0.owners.contains(target) }
                .map { "\(line.file):\(line.line) names \($0.literal) of \($0.owners.sorted().joined())" }
        }
    }

    @Test("no command assembles the steps of a build: every command is a preset of SiteBuild")
    func commandsArePresets() throws {
        let lines = try Self.codeLines()
        for target in ["KBCommandLine", "KBFuzz", "kb", "KBPreview", "KBMCP", "KBQuery"] {
            let found = Self.assembliesOfSteps(lines[target] ?? [])
            #expect(found.isEmpty, "\(found)")
        }
        // The check finds what it looks for.
        let sample = [("BuildCommand.swift", 1, "        var pipeline = Pipeline(steps: [.model, .link])"),
                      ("BuildCommand.swift", 2, "        pipeline.steps.append(BuildStep(\"write\") { _ in })")]
        #expect(Self.assembliesOfSteps(sample).count == 2)
    }

    @Test("a format's paths are written only in its own target")
    func pathsStayWithTheirFormat() throws {
        var found: [String] = []
        for (target, lines) in try Self.codeLines() { found += Self.foreignPaths(target, lines) }
        #expect(found.isEmpty, "\(found.sorted())")
        // The check finds what it looks for.
        #expect(Self.foreignPaths("KBLanguageModelFiles", [("LanguageModelFiles.swift", 1, #"link("api/v1/codes.json", from: path)"#)]).count == 1)
        #expect(Self.foreignPaths("KBPages", [("SiteRenderer.swift", 1, #"let twin = "nl-nl/llms.txt""#)]).count == 1)
        #expect(Self.foreignPaths("KBContract", [("Contract.swift", 1, #"static let folder = "api/v1/""#)]).isEmpty)
    }

    @Test("what a format keeps for the next build is in slots of its own: each named once, for its format")
    func memoSlots() throws {
        let prefixes = ["KBPages": "pages.", "KBSearchIndex": "search.", "KBContractFiles": ["contract.", "docsearch."],
                        "KBLanguageModelFiles": "llms."] as [String: Any]
        var names: [String] = []
        for (target, lines) in try Self.codeLines() {
            for line in lines {
                guard let match = line.text.firstMatch(of: #/MemoSlot<.+>\("([a-z.]+)"\)/#) else { continue }
                let name = String(match.output.1)
                names.append(name)
                let allowed = (prefixes[target] as? String).map { [$0] } ?? prefixes[target] as? [String] ?? []
                #expect(allowed.contains { name.hasPrefix($0) }, "\(line.file):\(line.line): slot \(name) is not named for its format")
            }
        }
        #expect(names.count >= 8)
        #expect(names.count == Set(names).count, "a slot's name is used twice: \(names.sorted())")
    }
}
