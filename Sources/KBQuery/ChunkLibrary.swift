import Foundation
import KBContract
import KBCore
import KBText

/// The retrieval chunks of a built site (`api/v1/<locale>/chunks.jsonl`), searchable: an
/// error code in any form leads to the chunks of its entries, words to the chunks holding all
/// of them (else most of them), ranked by BM25.
public struct ChunkLibrary: Sendable {
    let chunks: [Chunk]
    let position: [String: Int]
    /// Term → (chunk, occurrences), chunks in order.
    let postings: [String: [(chunk: Int, count: Int)]]
    let lengths: [Int]
    let averageLength: Double

    public struct Result: Sendable {
        public var chunk: Chunk
        public var score: Double
    }

    public init(chunks: [Chunk]) {
        self.chunks = chunks
        position = Dictionary(chunks.enumerated().map { ($1.id, $0) }) { first, _ in first }
        var postings: [String: [(chunk: Int, count: Int)]] = [:]
        var lengths: [Int] = []
        for (index, chunk) in chunks.enumerated() {
            var counts: [String: Int] = [:]
            var length = 0
            SearchTokenizer.forEachTerm(in: chunk.text) { term, _ in
                counts[term, default: 0] += 1
                length += 1
            }
            for (term, count) in counts { postings[term, default: []].append((index, count)) }
            lengths.append(length)
        }
        self.postings = postings
        self.lengths = lengths
        averageLength = lengths.isEmpty ? 1 : Double(lengths.reduce(0, +)) / Double(lengths.count)
    }

    /// The chunks of every language of a built site, read through `read`.
    public static func load(reading read: SiteReader, index: KnowledgeBaseIndex) throws -> ChunkLibrary {
        let decoder = JSONDecoder()
        var chunks: [Chunk] = []
        for language in index.languages {
            guard let data = try read(Contract.chunksPath(language.locale)) else { continue }
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                chunks.append(try decoder.decode(Chunk.self, from: Data(line)))
            }
        }
        return ChunkLibrary(chunks: chunks)
    }

    public func chunk(_ id: String) -> Chunk? { position[id].map { chunks[$0] } }

    /// The best chunks for a query, at most `limit`: the entries of a code the query names
    /// first, then words.
    public func search(_ query: String, lookup: CodeLookup, locale: String?, limit: Int = 10) -> [Result] {
        func allowed(_ chunk: Chunk) -> Bool {
            guard let locale else { return true }
            return chunk.metadata.locale == locale.lowercased() || chunk.metadata.locale.hasPrefix(locale.lowercased() + "-")
        }
        var scores: [Int: Double] = [:]
        // Codes: the whole query, or any of its words.
        let words = query.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for candidate in [query] + words {
            guard let code = lookup.code(candidate) else { continue }
            for match in lookup.matches(code) {
                if let index = position[match.entry.chunk] { scores[index, default: 0] += 1000 }
            }
        }
        // Words: BM25 over the chunks holding every term, or, when none does, any of them.
        let terms = Array(Set(SearchTokenizer.terms(in: query).map(\.text)))
        var matched: [Int: Int] = [:]
        var weights: [Int: Double] = [:]
        let total = Double(chunks.count)
        for term in terms {
            guard let list = postings[term] else { continue }
            let rarity = log(1 + (total - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
            for (chunk, count) in list {
                let frequency = Double(count)
                let norm = frequency * 2.2 / (frequency + 1.2 * (0.25 + 0.75 * Double(lengths[chunk]) / averageLength))
                weights[chunk, default: 0] += rarity * norm
                matched[chunk, default: 0] += 1
            }
        }
        let needed = matched.values.contains(terms.count) ? terms.count : 1
        for (chunk, count) in matched where count >= needed { scores[chunk, default: 0] += weights[chunk] ?? 0 }
        return scores.filter { allowed(chunks[$0.key]) }
            .sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            .prefix(limit)
            .map { Result(chunk: chunks[$0.key], score: $0.value) }
    }
}
