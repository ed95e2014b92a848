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
}
