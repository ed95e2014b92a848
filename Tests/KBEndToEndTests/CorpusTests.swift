import Foundation
import KBCore
import KBExtraction
import KBLinking
import KBModel
import KBContractFiles
import KBPipeline
import KBTestSupport
import Testing
@testable import KBCommandLine

/// A corpus read once for all tests of the suite.
actor CorpusModel {
    /// `../shared/corpus`, the Intune docs.
    static let shared = CorpusModel(path: corpusPath)
    /// `../shared/corpus-m365`, the Microsoft 365 security docs.
    static let m365 = CorpusModel(path: m365CorpusPath)

    let path: String
    private var cached: (ContentTree, KnowledgeBase)?

    init(path: String) {
        self.path = path
    }

    func load() async throws -> (ContentTree, KnowledgeBase) {
        if let cached { return cached }
        let tree = try ContentTree(path: path)
        let model = try await SiteBuild.model().make(tree).model
        cached = (tree, model)
        return (tree, model)
    }
}

@Suite("The real corpus")
struct CorpusTests {
    @Test("every article of the corpus is read, and nothing crashes")
    func everyArticle() async throws {
        let (tree, model) = try await CorpusModel.shared.load()
        #expect(model.articles.count == ContentLayout(files: tree.files, settings: ContentSettings()).articles.count)
        #expect(model.articles.count > 1_800)
        #expect(Set(model.articles.map(\.locale)).isSuperset(of: ["nl-nl", "sv-se", "en-us"]))
        // Problems are reported, never fatal: every diagnostic names its file.
        #expect(model.diagnostics.allSatisfy { !$0.file.isEmpty })
    }

    @Test("every 8-digit hexadecimal code in a table row (pipe, block-quoted or HTML) or heading is a code of the article's entries")
    func codeCoverage() async throws {
        let (tree, model) = try await CorpusModel.shared.load()
        let coverage = try CorpusReading.hexCoverage(model) { try tree.text($0.source) }
        #expect(coverage.written > 1_000)
        #expect(coverage.missing.isEmpty, "missing: \(coverage.missing.prefix(20))")
    }

    @Test("table entries with a code have their message: at least 75% of them (49% before a description column was read as the message)")
    func codesAndMessages() async throws {
        let (_, model) = try await CorpusModel.shared.load()
        #expect(CorpusReading.codeAndMessageShare(model) >= 0.75)
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

    /// For the translations with entries that share their source version with nl-nl: how many
    /// have the same entries (count, anchors, codes), of how many.
    static func agreement(_ articles: [Article]) -> (agreeing: Int, compared: Int, differing: [String]) {
        CorpusReading.agreement(articles.filter { ["nl-nl", "de-de", "ja-jp", "sv-se"].contains($0.locale) }, reference: "nl-nl")
    }

    @Test("de-de, ja-jp and sv-se give the same entries as nl-nl for 99% of the articles of the same source version, built together and each language alone")
    func everyLanguageAgrees() async throws {
        let (_, model) = try await CorpusModel.shared.load()
        let together = Self.agreement(model.articles)
        #expect(together.compared >= 70)
        #expect(Double(together.agreeing) >= 0.99 * Double(together.compared), "\(together.differing)")

        // Each language alone: no translation can help, structure and words must carry it.
        var alone: [Article] = []
        for locale in ["nl-nl", "de-de", "ja-jp", "sv-se"] {
            let tree = try ContentTree(path: corpusPath + "/" + locale)
            alone += try await SiteBuild.model().make(tree).model.articles
        }
        let separately = Self.agreement(alone)
        #expect(separately.compared == together.compared)
        #expect(Double(separately.agreeing) >= 0.99 * Double(separately.compared), "\(separately.differing)")
    }

    @Test("the faults found in de-de and ja-jp stay fixed, on their real articles")
    func knownFaults() async throws {
        let (_, model) = try await CorpusModel.shared.load()
        func article(_ locale: String, _ id: String) throws -> Article {
            try #require(model.articles.first { $0.locale == locale && $0.id == id }, "\(locale)/\(id)")
        }
        for locale in ["de-de", "ja-jp"] {
            // Nachricht | Beheben, メッセージ | 修正方法: the resolution header was unknown.
            let password = try article(locale, "intune-user-help/password-does-not-meet-it-administrator-requirements")
            #expect(password.entries.count == 35 && password.entries.allSatisfy { $0.message != nil && !$0.resolution.isEmpty })
            // Maßnahme, 必要な手順: the third column.
            let restrictions = try article(locale, "intune-user-help/resolve-access-point-restrictions")
            #expect(restrictions.entries.count == 3 && restrictions.entries.allSatisfy { !$0.cause.isEmpty && !$0.resolution.isEmpty })
        }
        // エラー テキスト is the error text; その他のエラー情報 (additional error information) is not.
        let portal = try article("ja-jp", "intune/fundamentals/troubleshoot-company-resource-access-problems")
        let portalRows = portal.entries.filter { $0.id.hasPrefix("company-portal-errors-row-") }
        #expect(portalRows.count == 5 && portalRows.allSatisfy { $0.message != nil })
        // An event name column is no code column.
        let events = try article("ja-jp", "intune/protect/troubleshoot-certificate-connector-events")
        #expect(!events.entries.flatMap(\.codes).contains { $0.code == "StartedConnectorService" })
        #expect(events.entries.flatMap(\.codes).contains { $0.code == "10010" && $0.kind == .eventID })
        // **問題** without a colon; a code glued to Japanese letters.
        let enrollment = try article("ja-jp", "intune/enrollment/troubleshoot-device-enrollment-in-intune")
        #expect(enrollment.entries.contains { $0.id == "verify-ws-trust-13-is-enabled" })
        let exchange = try article("ja-jp", "intune/protect/troubleshoot-exchange-connector-common-errors")
        #expect(exchange.entries.flatMap(\.codes).contains { $0.raw == "0x0000006" })
        // n.v.t. and Nicht zutreffend are no titles; a code in parentheses in a code column is a code.
        for locale in ["nl-nl", "de-de", "ja-jp"] {
            let status = try article(locale, "intune/fundamentals/troubleshoot-company-resource-access-problems")
            let row = try #require(status.entries.first { $0.id == "status-codes-for-mdm-managed-windows-devices-row-14" })
            #expect(row.codes.map(\.code) == ["APP_CI_ENFORCEMENT_UNKNOWN"] && row.message == nil, "\(locale)")
        }
        // A message that opens with the error's name (de: a translation follows it in parentheses).
        let install = try article("de-de", "intune/apps/app-install-error-codes")
        #expect(install.entries.contains { $0.codes.map(\.code) == ["0x87D13B80", "CannotConnectToITunesStoreError"] })
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
                if chunk.metadata.kind == .entry {
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
