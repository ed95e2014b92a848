import Foundation
import KBCore
import KBModel
import Testing

/// Every fact of `Fixtures/seeds.json` (a copy of `../shared/gold/seeds.json`), held by the
/// extraction of the sample content. The gold file names the seeds by file name; the sample
/// content holds them at their real paths.
@Suite("Gold facts of the seed articles")
struct SeedGoldTests {
    static let paths = [
        "000_09adbf27ab6432e0.txt": "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.md",
        "001_f9b6a0690a37ed6b.txt": "nl-nl/enrollment/troubleshoot-windows-enrollment-errors.md",
        "002_4ff103cd1ca8040d.txt": "sv-se/enrollment/troubleshoot-device-enrollment-in-intune.md",
        "003_b7dcb62af4870500.txt": "nl-nl/apps/troubleshoot-mam.md",
        "004_902c037889a1ad3b.txt": "nl-nl/enrollment/prerequisites-for-enrollment.md",
    ]

    struct Gold: Decodable {
        struct ArticleFacts: Decodable {
            var locale: String
            var title: String
            var requiredCodes: [String]
            var requiredMessages: [String]
            var requiredSectionEntries: [String]
            var generalErrorTableRows: Int?
            var minEntries: Int
            var maxEntries: Int?
            var minProcedures: Int?
            var suspectCodes: [String]
        }

        var articles: [String: ArticleFacts]
        var translationGroups: [[String]]
        var crossLanguageCodes: [String]
    }

    static func gold() throws -> Gold {
        let url = repositoryRoot.appendingPathComponent("Tests/KBExtractionTests/Fixtures/seeds.json")
        return try JSONDecoder().decode(Gold.self, from: Data(contentsOf: url))
    }

    static var seedNames: [String] { paths.keys.sorted() }

    static func article(_ seed: String, in knowledgeBase: KnowledgeBase) throws -> Article {
        let path = try #require(paths[seed])
        return try #require(knowledgeBase.articles.first { $0.source == path }, "no article for \(path)")
    }

    @Test("every seed has its gold file's locale and title", arguments: seedNames)
    func localeAndTitle(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let article = try Self.article(seed, in: try await seedModel())
        #expect(article.locale == facts.locale)
        #expect(article.title == facts.title)
    }

    @Test("every required code is a code of one of the article's entries", arguments: seedNames)
    func requiredCodes(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let article = try Self.article(seed, in: try await seedModel())
        let codes = Set(article.entries.flatMap(\.codes).map(\.code))
        for code in facts.requiredCodes {
            #expect(codes.contains(code), "\(seed): \(code) is not a code of any entry")
        }
    }

    @Test("every required message is the message or title of one of the article's entries", arguments: seedNames)
    func requiredMessages(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let article = try Self.article(seed, in: try await seedModel())
        let known = Set(article.entries.flatMap { $0.messages + [$0.title] }.map(\.goldNormalized))
        for message in facts.requiredMessages {
            #expect(known.contains(message.goldNormalized), "\(seed): no entry has the message '\(message)'")
        }
    }

    @Test("every required section is an entry anchored at its heading", arguments: seedNames)
    func requiredSectionEntries(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let article = try Self.article(seed, in: try await seedModel())
        let anchors = Set(article.entries.filter { $0.kind == .section }.compactMap(\.anchor))
        for anchor in facts.requiredSectionEntries {
            #expect(anchors.contains(anchor), "\(seed): section '\(anchor)' is not an error entry")
        }
    }

    @Test("entry and procedure counts are within the gold file's bounds", arguments: seedNames)
    func counts(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let article = try Self.article(seed, in: try await seedModel())
        #expect(article.entries.count >= facts.minEntries)
        if let maxEntries = facts.maxEntries { #expect(article.entries.count <= maxEntries) }
        if let minProcedures = facts.minProcedures { #expect(article.procedures.count >= minProcedures) }
        if let rows = facts.generalErrorTableRows {
            let general = article.entries.filter {
                $0.kind == .tableRow && $0.sectionPath.last == "general-enrollment-error-codes"
            }
            #expect(general.count == rows)
        }
    }

    @Test("malformed codes are reported at the line and column where they are written", arguments: seedNames)
    func suspectCodes(seed: String) async throws {
        let facts = try #require(try Self.gold().articles[seed])
        let knowledgeBase = try await seedModel()
        let path = try #require(Self.paths[seed])
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent("content/" + path), encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let reported = knowledgeBase.diagnostics.filter { $0.file == path && $0.identifier == "code.suspect" }
        for code in facts.suspectCodes {
            let diagnostic = try #require(reported.first { $0.message.contains("'\(code)'") }, "\(code) is not reported")
            let location = try #require(diagnostic.location)
            let line = lines[location.line - 1]
            let start = line.utf8.index(line.utf8.startIndex, offsetBy: location.column - 1)
            #expect(line[start...].hasPrefix(code), "\(code) is not at \(location.line):\(location.column)")
            // Kept as written in the entry, never turned into another code.
            let entryCodes = try Self.article(seed, in: knowledgeBase).entries.flatMap(\.codes)
            #expect(entryCodes.contains { $0.raw == code && $0.code == code && $0.kind == .malformed })
        }
        // And nothing else in the sample content is reported as malformed.
        let expected = Set(facts.suspectCodes)
        for diagnostic in reported {
            #expect(expected.contains { diagnostic.message.contains("'\($0)'") }, "unexpected: \(diagnostic.message)")
        }
    }

    @Test("translations share an id and a translation key")
    func translationGroups() async throws {
        let knowledgeBase = try await seedModel()
        for group in try Self.gold().translationGroups {
            let articles = try group.map { try Self.article($0, in: knowledgeBase) }
            #expect(Set(articles.map(\.id)).count == 1)
            #expect(Set(articles.map(\.translationKey)).count == 1)
            #expect(Set(articles.map(\.locale)).count == articles.count)
        }
    }

    @Test("codes named across languages are codes of entries in every language of their group")
    func crossLanguageCodes() async throws {
        let knowledgeBase = try await seedModel()
        let gold = try Self.gold()
        for group in gold.translationGroups {
            for seed in group {
                let codes = Set(try Self.article(seed, in: knowledgeBase).entries.flatMap(\.codes).map(\.code))
                for code in gold.crossLanguageCodes {
                    #expect(codes.contains(code), "\(seed) has no entry with \(code)")
                }
            }
        }
    }

    @Test("the two languages of the enrollment article agree on the entries they share")
    func alignedTranslations() async throws {
        let knowledgeBase = try await seedModel()
        let dutch = try Self.article("000_09adbf27ab6432e0.txt", in: knowledgeBase)
        let swedish = try Self.article("002_4ff103cd1ca8040d.txt", in: knowledgeBase)
        let swedishByID = Dictionary(swedish.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The general error code table is the same in both versions: same rows, same codes.
        for entry in dutch.entries where entry.sectionPath.last == "general-enrollment-error-codes" {
            let counterpart = try #require(swedishByID[entry.id])
            #expect(counterpart.codes.map(\.code) == entry.codes.map(\.code))
        }
    }
}
