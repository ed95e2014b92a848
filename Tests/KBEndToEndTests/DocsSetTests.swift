import Foundation
import KBCore
import KBModel
import KBPipeline
import KBTestSupport
import Testing
@testable import KBCommandLine

/// How a corpus reads: the agreement of translations of one source version, the hexadecimal
/// codes of its tables and headings, the entries that have both a code and a message.
enum CorpusReading {
    /// Each entry's own text: its source lines up to the next entry's, at most 400.
    static func entryTexts(_ article: Article, source: String) -> [String: String] {
        let lines = source.lowercased().split(separator: "\n", omittingEmptySubsequences: false)
        let starts = Set(article.entries.map(\.location.line)).sorted()
        var texts: [String: String] = [:]
        for entry in article.entries {
            let line = max(entry.location.line, 1)
            let next = starts.first { $0 > line }.map { $0 - 1 } ?? lines.count
            let end = max(min(next, line - 1 + 400, lines.count), min(line, lines.count))
            texts[entry.anchor ?? entry.id] = lines[min(line - 1, lines.count)..<end].joined(separator: "\n")
        }
        return texts
    }

    /// For the translations that share their source version with an article of `reference`
    /// and have entries: how many give the same entries (anchors, and the codes of each), of how
    /// many. With `texts`, a code counts only where both entries' own text holds it: a
    /// translator who renamed a code (`InvalidInput` → `Ugyldiginput`) changed the text.
    static func agreement(
        _ articles: [Article], reference: String, texts: ((Article) -> String)? = nil
    ) -> (agreeing: Int, compared: Int, differing: [String]) {
        let references = Dictionary(articles.filter { $0.locale == reference }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var agreeing = 0, compared = 0
        var differing: [String] = []
        for article in articles where article.locale != reference {
            guard let source = references[article.id], let commit = article.metadata.sourceGitCommit,
                  commit == source.metadata.sourceGitCommit, !(article.entries.isEmpty && source.entries.isEmpty)
            else { continue }
            compared += 1
            let written: [String: Set<String>]? = texts.map { text in
                let mine = entryTexts(article, source: text(article)), theirs = entryTexts(source, source: text(source))
                var written: [String: Set<String>] = [:]
                for entry in article.entries + source.entries {
                    let key = entry.anchor ?? entry.id
                    for code in entry.codes.map({ $0.code.lowercased() }) where [mine[key] ?? "", theirs[key] ?? ""].allSatisfy({
                        $0.contains(code) || $0.contains(code.replacingOccurrences(of: "0x", with: ""))
                    }) {
                        written[key, default: []].insert(code)
                    }
                }
                return written
            }
            func shape(_ article: Article) -> [String] {
                article.entries.map { entry in
                    let key = entry.anchor ?? entry.id
                    let codes = entry.codes.map { $0.code.lowercased() }.filter { written == nil || written?[key]?.contains($0) == true }
                    return "\(key) \(codes.sorted())"
                }.sorted()
            }
            if shape(article) == shape(source) { agreeing += 1 } else { differing.append("\(article.locale)/\(article.id)") }
        }
        return (agreeing, compared, differing)
    }

    /// The 8-digit hexadecimal codes written in table rows (pipe, block-quoted, HTML) and
    /// headings, flag values (no failure bit, one bit set) aside, and those that are not codes of
    /// the article's entries.
    static func hexCoverage(_ model: KnowledgeBase, text: (Article) throws -> String) rethrows -> (written: Int, missing: [String]) {
        let pattern = try! Regex(#"(?:^|[^0-9A-Za-z_])0[xX]([0-9A-Fa-f]{8})(?![0-9A-Za-z_])"#)
        var written = 0
        var missing: [String] = []
        for article in model.articles {
            let codes = Set(article.entries.flatMap(\.codes).map(\.code))
            var inFence = false
            var openTables = 0
            for line in try text(article).split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.drop { $0 == " " || $0 == ">" }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
                let lower = line.lowercased()
                let opened = lower.components(separatedBy: "<table").count - 1
                let inTable = openTables > 0 || opened > 0
                openTables = max(0, openTables + opened - (lower.components(separatedBy: "</table").count - 1))
                guard !inFence, trimmed.hasPrefix("#") || line.filter({ $0 == "|" }).count >= 2 || inTable else { continue }
                for match in line.matches(of: pattern) {
                    let digits = String(match.output[1].substring!).uppercased()
                    let value = UInt32(digits, radix: 16)!
                    if value < 0x8000_0000, value & (value &- 1) == 0 { continue }
                    written += 1
                    if !codes.contains("0x" + digits) { missing.append("\(article.source): 0x\(digits)") }
                }
            }
        }
        return (written, missing)
    }

    /// Of the entries of error tables that have a code, the share that also have a message.
    static func codeAndMessageShare(_ model: KnowledgeBase) -> Double {
        let rows = model.articles.flatMap(\.entries).filter { $0.kind == .tableRow && !$0.codes.isEmpty }
        return rows.isEmpty ? 0 : Double(rows.filter { $0.message != nil }.count) / Double(rows.count)
    }
}

@Suite("Another docs set: the Microsoft 365 security docs in Danish and Polish, with HTML tables")
struct M365CorpusTests {
    @Test("translations of the same source version give the same entries in 99% of the articles, built together and each language alone")
    func translationsAgree() async throws {
        let (tree, model) = try await CorpusModel.m365.load()
        let sources = Dictionary(model.articles.map { ("\($0.locale)/\($0.id)", $0.source) }, uniquingKeysWith: { first, _ in first })
        let text: (Article) -> String = { article in (try? tree.text(sources["\(article.locale)/\(article.id)"] ?? article.source)) ?? "" }
        var alone: [Article] = []
        for locale in ["da-dk", "pl-pl"] {
            let folder = try ContentTree(path: m365CorpusPath + "/" + locale)
            alone += try await SiteBuild.model().make(folder).model.articles
        }
        #expect(Set(alone.map(\.locale)) == ["da-dk", "pl-pl"], "a folder named for its language is read as that language")
        for (name, articles) in [("together", model.articles), ("alone", alone)] {
            let agreement = CorpusReading.agreement(articles, reference: "da-dk", texts: text)
            #expect(agreement.compared >= 18, "\(name)")
            #expect(Double(agreement.agreeing) >= 0.99 * Double(agreement.compared), "\(name): \(agreement.differing)")
        }
        // The same counts and anchors even where a translator renamed a code.
        let raw = CorpusReading.agreement(alone, reference: "da-dk")
        #expect(raw.differing.allSatisfy { ["pl-pl/security/defender-endpoint/common-errors", "pl-pl/security/defender/api-error-codes"].contains($0) })
    }

    @Test("every 8-digit hexadecimal code in a table (pipe or HTML) or heading is a code of its article's entries")
    func hexadecimalCodes() async throws {
        let (tree, model) = try await CorpusModel.m365.load()
        let coverage = try CorpusReading.hexCoverage(model) { try tree.text($0.source) }
        #expect(coverage.written > 100)
        #expect(coverage.missing.isEmpty, "\(coverage.missing.prefix(20))")
    }

    @Test("the Defender antivirus troubleshooting article gives one entry per event and per error code, with its message and resolution")
    func defenderAntivirus() async throws {
        let (_, model) = try await CorpusModel.m365.load()
        for locale in ["da-dk", "pl-pl"] {
            let article = try #require(model.articles.first { $0.locale == locale && $0.id == "security/defender-endpoint/troubleshoot-microsoft-defender-antivirus" })
            let errors = article.entries.filter { $0.id.hasPrefix("error-codes-") }
            let internals = article.entries.filter { $0.id.hasPrefix("internal-error-codes-") }
            let events = article.entries.filter { $0.codes.first?.kind == .eventID }
            #expect(errors.count == 13 && internals.count == 37 && events.count >= 50, "\(locale)")
            #expect(errors.allSatisfy { $0.message?.hasPrefix("ERR") == true && !$0.cause.isEmpty }, "\(locale)")
            #expect(errors.filter { !$0.resolution.isEmpty }.count >= 10, "\(locale)")
            // Each internal code with its name (one row holds two codes), the cause its cell spanning rows gives.
            #expect(internals.allSatisfy { $0.codes.count >= 2 && $0.codes.contains { $0.kind == .symbolic } && !$0.cause.isEmpty }, "\(locale)")
            // Every event with its message; all but one (5013 has none written) with its symbolic name.
            #expect(events.allSatisfy { $0.message != nil }, "\(locale)")
            #expect(events.filter { !$0.codes.contains { $0.kind == .symbolic } }.map { $0.codes[0].code } == ["5013"], "\(locale)")
        }
    }

    @Test("table entries with a code have their message: at least 55% of them (21% before HTML tables were read)")
    func codesAndMessages() async throws {
        let (_, model) = try await CorpusModel.m365.load()
        #expect(CorpusReading.codeAndMessageShare(model) >= 0.55)
    }
}
