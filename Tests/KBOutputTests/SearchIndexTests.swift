import Foundation
import KBCore
import Testing
@testable import KBSearchIndex
import KBTestSupport
import KBText

@Suite("The search index")
struct SearchIndexTests {
    @Test("a document's terms are weighed the same whether they are counted by their bytes or as Strings")
    func termWeightsOfEveryKind() {
        typealias Builder = SearchIndexBuilder
        func weights(_ title: String, _ body: String) -> [String: Int] {
            let document = Builder.Document(kind: .section, title: title, article: 0, anchor: "a", codes: [], message: "", body: body)
            let list = Builder.termWeights(of: document)
            #expect(Set(list.map(\.term)).count == list.count, "a term listed twice")
            return Dictionary(list.map { ($0.term, $0.weight) }) { first, _ in first }
        }
        // Plain terms (ASCII, kana, ideographs) and others (Hangul, Cyrillic) in one document.
        let mixed = weights("登録 Fout", "デバイスの登録に失敗 한국어 ошибка fout 登録")
        #expect(Builder.Spelling.isPlain("登録") && Builder.Spelling.isPlain("fout"))
        #expect(!Builder.Spelling.isPlain("한국") && !Builder.Spelling.isPlain("ошибка") && !Builder.Spelling.isPlain("\u{F900}x"))
        #expect(mixed["登録"] == PostingEncoding.weight(fields: Builder.Field.title.rawValue | Builder.Field.body.rawValue, count: 3))
        #expect(mixed["fout"] == PostingEncoding.weight(fields: Builder.Field.title.rawValue | Builder.Field.body.rawValue, count: 2))
        #expect(mixed["ошибка"] == PostingEncoding.weight(fields: Builder.Field.body.rawValue, count: 1))
        #expect(mixed["한국"] != nil && mixed["의"] == nil)
        // A compatibility ideograph is canonically its unified ideograph: one term, its counts summed.
        let compatibility = weights("\u{8C48}\u{8C48}", "\u{F900}\u{F900}")
        #expect(compatibility.count == 1)
        #expect(compatibility.values.first == PostingEncoding.weight(fields: Builder.Field.title.rawValue | Builder.Field.body.rawValue, count: 2))
    }

    @Test("postings made in parts and blocks are those of one dictionary of Strings made in order, spellings of one term together")
    func postingsInParts() {
        typealias Builder = SearchIndexBuilder
        var generator = SeededGenerator(seed: 20261203)
        // Plain terms, others, and canonically equivalent spellings of one term: a compatibility
        // ideograph and its unified ideograph, a precomposed letter and a decomposed one.
        let vocabulary = ["fout", "apparaat", "登録", "失敗", "ошибка", "한국", "\u{8C48}", "\u{F900}", "caf\u{E9}", "cafe\u{301}", "x"]
        for round in 0..<40 {
            var weights: [Builder.TermWeights] = (0..<Int.random(in: 0...90, using: &generator)).map { _ in
                // A document holds one spelling of a term (its weights are counted as Strings).
                var terms: [String: Int] = [:]
                for _ in 0..<Int.random(in: 0...6, using: &generator) {
                    terms[vocabulary.randomElement(using: &generator)!] = Int.random(in: 1...63, using: &generator)
                }
                return terms.map { ($0.key, $0.value) }
            }
            var expected: [String: [(document: Int, weight: Int)]] = [:]
            for (document, terms) in weights.enumerated() {
                for (term, weight) in terms { expected[term, default: []].append((document, weight)) }
            }
            let releasing = round.isMultiple(of: 2)
            let made = Builder.postings(of: &weights, releasing: releasing, parts: 1 + round % 4, block: 1 + round % 7)
            #expect(weights.allSatisfy(\.isEmpty) == releasing || weights.isEmpty)
            #expect(made.count == expected.count)
            for (term, list) in expected {
                // The same key, spelled as the first document spells it.
                #expect(made.keys.first { $0 == term }.map { Array($0.unicodeScalars) } == expected.keys.first { $0 == term }.map { Array($0.unicodeScalars) })
                #expect(made[term]?.map(\.document) == list.map(\.document))
                #expect(made[term]?.map(\.weight) == list.map(\.weight))
            }
        }
    }

    @Test("text is folded and cut into words; text without spaces into overlapping pairs")
    func tokenizer() {
        func terms(_ text: String) -> [String] { SearchTokenizer.terms(in: text).map(\.text) }
        #expect(terms("Het is niet Geïnstalleerd") == ["het", "is", "niet", "geinstalleerd"])
        #expect(terms("Lösning: Åtkomst") == ["losning", "atkomst"])
        #expect(terms("0x80CF0437 (OM_E_DS_NODATA), -2133916617") == ["0x80cf0437", "om_e_ds_nodata", "2133916617"])
        #expect(terms("iOS-apparaat") == ["ios", "apparaat"])
        #expect(terms("設定方法") == ["設定", "定方", "方法"])
        #expect(terms("無 法") == ["無", "法"])
        #expect(terms("Intune登録") == ["intune", "登録"])
        #expect(SearchTokenizer.terms(in: "登録").allSatisfy { $0.isNGram })
    }

    @Test("postings survive their compact encoding, near and far documents, changing weights")
    func postingEncoding() {
        var generator = SeededGenerator(seed: 20261201)
        for _ in 0..<200 {
            var document = 0
            var postings: [(document: Int, weight: Int)] = []
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                document += [0, 1, 5, 15, 16, 31, 32, 500, 70_000].randomElement(using: &generator)! + (postings.isEmpty ? 0 : 1)
                postings.append((document, Int.random(in: 0...63, using: &generator)))
            }
            let encoded = PostingEncoding.encode(postings)
            #expect(encoded.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            let decoded = PostingEncoding.decode(encoded)
            #expect(decoded.map(\.document) == postings.map(\.document))
            #expect(decoded.map(\.weight) == postings.map(\.weight))
        }
        // Near documents with the same weight take one digit each.
        #expect(PostingEncoding.encode([(3, 4), (4, 4), (9, 4)]).count == 4)
    }

    @Test("a result may show an entry's message, cause or resolution, or a section's lead and later paragraphs, each cut after a word")
    func passages() {
        typealias Document = SearchIndexBuilder.Document
        let entry = Document(kind: .entry, title: "DeviceCapReached", article: 0, anchor: "device-cap-reached", codes: [],
                             message: "Het apparaat kan niet worden ingeschreven.", body: "Te veel apparaten.\nVerwijder een apparaat.\n",
                             more: ["Te veel apparaten.\n", "Verwijder een apparaat.\n"])
        #expect(SearchIndexBuilder.passages(of: entry, length: 200)
            == ["Het apparaat kan niet worden ingeschreven.", "Te veel apparaten.", "Verwijder een apparaat."])
        var withoutMessage = entry
        withoutMessage.message = ""
        // The lead is the cause and the resolution's start: the resolution is not repeated.
        #expect(SearchIndexBuilder.passages(of: withoutMessage, length: 200) == ["Te veel apparaten. Verwijder een apparaat."])
        // A long cause: the resolution, which the lead does not reach, is a passage of its own.
        withoutMessage.more[0] = String(repeating: "Te veel apparaten. ", count: 20)
        withoutMessage.body = withoutMessage.more[0] + "\n" + withoutMessage.more[1]
        #expect(SearchIndexBuilder.passages(of: withoutMessage, length: 200).last == "Verwijder een apparaat.")
        let long = String(repeating: "woord ", count: 50)
        let section = Document(kind: .section, title: "Oplossing", article: 0, anchor: "oplossing", codes: [], message: "",
                               body: long + "\nLösning: start de app opnieuw.\nLaatste alinea.\nNog een.\n")
        let found = SearchIndexBuilder.passages(of: section, length: 80)
        #expect(found.count == 3 && found[0].hasSuffix(" …") && found[0].count <= 82)
        #expect(found[1] == "Lösning: start de app opnieuw." && found[2] == "Laatste alinea.")
    }

    @Test("a code's forms meet in one shard: with and without 0x, decimal, symbolic")
    func codeShards() {
        #expect(SearchIndexBuilder.codeShardKey(for: "0x80cf0437") == "80cf")
        #expect(SearchIndexBuilder.codeShardKey(for: "80CF0437") == "80cf")
        #expect(SearchIndexBuilder.codeShardKey(for: "-2133916617") == "m213")
        #expect(SearchIndexBuilder.codeShardKey(for: "devicecapreached") == "devi")
        #expect(SearchIndexBuilder.codeShardKey(for: "0x") == "0x")
        #expect(SearchIndexBuilder.codeShardKey(for: "a.b") == "a_b")
    }

    @Test("every locale has a manifest, code shards with every form of a code, and result shards for every document")
    func files() async throws {
        let site = try await sampleSite()
        let search = site.filter { $0.key.hasPrefix("search/") }
        #expect(search["search/locales.js"] == #"kbSearch.register("","locales",["nl-nl","sv-se"]);"# + "\n")
        for locale in ["nl-nl", "sv-se"] {
            let manifest = try payload(try #require(search["search/\(locale)/manifest.js"]))
            let documents = try #require(manifest["documents"] as? Int)
            let perShard = try #require(manifest["documentsPerShard"] as? Int)
            var records = 0
            for index in 0..<((documents + perShard - 1) / perShard) {
                let shard = try payload(try #require(search["search/\(locale)/r-\(index).js"]))
                records += (shard["documents"] as? [Any])?.count ?? 0
            }
            #expect(records == documents)
            // Each code and term shard is registered once, in the file the browser looks in for it.
            for (prefix, shardsKey, filesKey, size) in [("t-", "termShards", "termFiles", 16 * 1024), ("c-", "codeShards", "codeFiles", 8 * 1024)] {
                let keys = try #require(manifest[shardsKey] as? [String])
                let firsts = try #require(manifest[filesKey] as? [String])
                var registered: [String] = []
                for (index, first) in firsts.enumerated() {
                    let file = try #require(search["search/\(locale)/\(prefix)\(first).js"])
                    let names = file.split(separator: "\n").map { arguments(String($0) + "\n")[1] }
                    #expect(names.first == "\"\(prefix)\(first)\"")
                    #expect(index == firsts.count - 1 || file.utf8.count >= size, "a file of \(shardsKey) closed early")
                    for name in names {
                        let key = String(name.dropFirst(1 + prefix.count).dropLast())
                        #expect(firsts.last { $0 <= key } == first, "\(name) is not where the browser looks")
                        registered.append(key)
                    }
                }
                #expect(registered == keys.sorted(), "\(locale) \(shardsKey)")
                #expect(firsts.count > 1 || keys.count < 20, "\(locale): every \(shardsKey) in one file")
            }
            #expect(search.keys.filter { $0.hasPrefix("search/\(locale)/t-") }.count < 10)
        }
        let codes = try #require(try JSONSerialization.jsonObject(with: Data(shard(search, "nl-nl", "c-80cf").utf8)) as? [[Any]])
        let record = try #require(codes.first { $0[0] as? String == "0x80CF0437" })
        #expect(record[1] as? [String] == ["0x80cf0437", "80cf0437", "-2133916617", "2161050679"])
        // Index files are scripts: nothing in them may close a script element or open a comment.
        for (path, text) in search { #expect(!text.contains("<"), "\(path)") }
        let dutchTerms = try #require(try JSONSerialization.jsonObject(with: Data(shard(search, "nl-nl", "t-ge").utf8)) as? [String: Any])
        #expect(dutchTerms["geinstalleerd"] != nil && dutchTerms["geïnstalleerd"] == nil)
    }

    /// The value a locale's index registers under a name, from whichever file holds it.
    func shard(_ search: [String: String], _ locale: String, _ name: String) -> String {
        for (path, text) in search where path.hasPrefix("search/\(locale)/") {
            for line in text.split(separator: "\n") where arguments(String(line) + "\n")[1] == "\"\(name)\"" {
                return arguments(String(line) + "\n")[2]
            }
        }
        return ""
    }

    /// The three arguments of `kbSearch.register(…);`.
    func arguments(_ script: String) -> [String] {
        let inner = script.dropFirst("kbSearch.register(".count).dropLast(");\n".count)
        let first = inner.firstIndex(of: ",")!
        let second = inner[inner.index(after: first)...].firstIndex(of: ",")!
        return [String(inner[..<first]), String(inner[inner.index(after: first)..<second]), String(inner[inner.index(after: second)...])]
    }

    func payload(_ script: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(arguments(script)[2].utf8)) as? [String: Any])
    }
}
