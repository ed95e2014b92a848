import Foundation
import KBCore
import KBExtraction
import KBLinking
import KBModel
import KBRendering
import Testing
@testable import KBCommandLine

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared/corpus`: 1,892 real articles in nl-nl, sv-se and en-us.
let corpusPath = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

/// The corpus read once for all tests of the suite.
actor CorpusModel {
    static let shared = CorpusModel()
    private var cached: (ContentTree, KnowledgeBase)?

    func load() async throws -> (ContentTree, KnowledgeBase) {
        if let cached { return cached }
        let tree = try ContentTree(path: corpusPath)
        let model = await KnowledgeBaseBuilder().build(files: tree.articleFiles(), read: tree.reader)
        cached = (tree, model)
        return (tree, model)
    }
}

@Suite("The real corpus")
struct CorpusTests {
    @Test("every article of the corpus is read, and nothing crashes")
    func everyArticle() async throws {
        let (tree, model) = try await CorpusModel.shared.load()
        #expect(model.articles.count == tree.articleFiles().count)
        #expect(model.articles.count > 1_800)
        #expect(Set(model.articles.map(\.locale)).isSuperset(of: ["nl-nl", "sv-se", "en-us"]))
        // Problems are reported, never fatal: every diagnostic names its file.
        #expect(model.diagnostics.allSatisfy { !$0.file.isEmpty })
    }

    @Test("at least 99% of the 8-digit hexadecimal codes in table rows and headings are codes of the article's entries")
    func codeCoverage() async throws {
        let (tree, model) = try await CorpusModel.shared.load()
        let pattern = try Regex(#"(?:^|[^0-9A-Za-z_])0[xX]([0-9A-Fa-f]{8})(?![0-9A-Za-z_])"#)
        var written = 0
        var extracted = 0
        var missing: [String] = []
        for article in model.articles {
            let codes = Set(article.entries.flatMap(\.codes).map(\.code))
            let source = try tree.reader(article.source)
            var inFence = false
            for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
                guard !inFence, trimmed.hasPrefix("#") || line.filter({ $0 == "|" }).count >= 2 else { continue }
                for match in line.matches(of: pattern) {
                    written += 1
                    let code = "0x" + match.output[1].substring!.uppercased()
                    if codes.contains(code) { extracted += 1 } else { missing.append("\(article.source): \(code)") }
                }
            }
        }
        #expect(written > 1_000)
        #expect(Double(extracted) >= 0.99 * Double(written), "missing: \(missing.prefix(20))")
    }

    @Test("nl-nl and sv-se translations of the same source version give the same entries")
    func translationsAgree() async throws {
        let (_, model) = try await CorpusModel.shared.load()
        let byKey = Dictionary(model.articles.map { ("\($0.locale)/\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
        var compared = 0
        for dutch in model.articles where dutch.locale == "nl-nl" {
            guard let swedish = byKey["sv-se/\(dutch.id)"],
                  let commit = dutch.metadata.sourceGitCommit, commit == swedish.metadata.sourceGitCommit
            else { continue }
            compared += 1
            func shape(_ article: Article) -> [String] {
                article.entries.map { "\($0.id) \($0.codes.map(\.code).sorted())" }
            }
            #expect(shape(dutch) == shape(swedish), "\(dutch.id)")
        }
        #expect(compared > 600)
    }
}

@Suite("The machine contract of the real corpus")
struct CorpusContractTests {
    @Test("every entry is in articles.json and in exactly one chunk, no chunk passes 800 tokens but a single procedure, and codes.json links 0x80CF0437 in all three languages")
    func contract() async throws {
        let (_, model) = try await CorpusModel.shared.load()
        let contract = ContractBuilder().build(TranslationLinker.link(model))
        var entryChunks: [String: Int] = [:]
        for chunks in contract.chunks.values {
            for chunk in chunks {
                if chunk.metadata.kind == "entry" {
                    entryChunks["\(chunk.metadata.locale) \(chunk.metadata.articleId) \(chunk.metadata.entryId)", default: 0] += 1
                }
                #expect(chunk.metadata.tokens <= 800 || Self.isSingleProcedure(chunk.text), "\(chunk.id): \(chunk.metadata.tokens) tokens")
                #expect(chunk.text.hasPrefix(chunk.metadata.title), "\(chunk.id) does not open with its path")
            }
        }
        var entries = 0
        for article in model.articles {
            let record = try #require(contract.articles[article.locale]?.articles.first { $0.id == article.id })
            #expect(record.entries.map(\.id) == article.entries.map(\.id), "\(article.source)")
            for entry in article.entries {
                entries += 1
                #expect(entryChunks["\(article.locale) \(article.id) \(entry.id)"] == 1, "\(article.source) \(entry.id)")
            }
        }
        #expect(entries > 2_500)
        let code = try #require(contract.codes.codes["0x80CF0437"])
        #expect(Set(code.locales).isSuperset(of: ["nl-nl", "sv-se", "en-us"]))
        #expect(Set(code.entries.map(\.locale)).isSuperset(of: ["nl-nl", "sv-se", "en-us"]))
    }

    /// The text after the chunk's path is one ordered list (an optional `Label:` line before it).
    static func isSingleProcedure(_ text: String) -> Bool {
        guard let start = text.range(of: "\n\n") else { return false }
        var lines = text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        let marker = try! Regex(#"^\d+\. "#)
        if let first = lines.first, first.hasSuffix(":"), first.firstMatch(of: marker) == nil { lines.removeFirst() }
        guard let first = lines.first, first.firstMatch(of: marker) != nil else { return false }
        return lines.allSatisfy { $0.isEmpty || $0.first == " " || $0.firstMatch(of: marker) != nil }
    }
}
