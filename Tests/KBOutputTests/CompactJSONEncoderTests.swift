import Foundation
import KBContract
import KBOutput
import KBPages
import KBPipeline
import KBTestSupport
import Testing

/// `CompactJSONEncoder` writes the bytes Foundation's `JSONEncoder` writes with sorted keys and
/// unescaped slashes, which the contract's files were written with before it.
@Suite struct CompactJSONEncoderTests {
    static func foundation(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    struct Sample: Codable {
        enum Kind: String, Codable { case entry, section }
        struct Inner: Codable { var flag: Bool; var list: [Int]; var none: String? }
        var text: String
        var kind: Kind
        var optional: String?
        var inner: Inner
        var map: [String: Int]
        var nested: [[String]]
        var number: Double
        var empty: [Inner]
    }

    @Test func stringsKeysAndShapes() throws {
        var every = ""
        for byte in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        every += "\u{2028}\u{2029}é😀/\u{0301}"
        let keys = ["b", "a", "B", "A", "a10", "a9", "_x", "Z", "é", "e", "0X8", "0x9", "row-10", "row-9", "nl-nl", "Ä", "a-b", "a_b", "aB"]
        let sample = Sample(
            text: every, kind: .section, optional: nil,
            inner: .init(flag: true, list: [1, -2, Int.max, Int.min], none: nil),
            map: Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }),
            nested: [[], ["x", "\"quoted\"", "back\\slash"]], number: 0.5, empty: [])
        #expect(try CompactJSONEncoder().encode(sample) == Self.foundation(sample))
        for value in [1.0, 1e20, 123456789.125, -0.0] {
            #expect(try CompactJSONEncoder().encode([value]) == Self.foundation([value]))
        }
        #expect(try CompactJSONEncoder().encode(["only": "value"]) == Self.foundation(["only": "value"]))
        #expect(try CompactJSONEncoder().encode([String]()) == Array("[]".utf8))
    }

    @Test func randomStrings() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 _-/\\\"\n\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F}éß日本語😀\u{301}".unicodeScalars)
        for _ in 0..<200 {
            let length = Int.random(in: 0..<40, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            let value = [text: [text]]
            #expect(try CompactJSONEncoder().encode(value) == Self.foundation(value), "\(text.debugDescription)")
        }
    }

    /// The seeds' contract, read back and written again by Foundation, gives the same bytes.
    @Test func theContractsFiles() async throws {
        let state = try await SiteBuild.memory(BuildSettings(), formats: OutputFormats.standard(templates: try TemplateSet())).make(try seedFiles())
        let files = state.filesByPath
        let chunks = try #require(files["api/v1/nl-nl/chunks.jsonl"]).contents
        var lines = 0
        for line in chunks.split(separator: 0x0A) {
            let chunk = try JSONDecoder().decode(Chunk.self, from: Data(line))
            #expect(try Self.foundation(chunk) == Array(line))
            lines += 1
        }
        #expect(lines > 10)
        let articles = try #require(files["api/v1/nl-nl/articles.json"]).contents
        let file = try JSONDecoder().decode(ArticlesFile.self, from: Data(articles))
        #expect(try Self.foundation(file) + [0x0A] == articles)
        let codes = try #require(files["api/v1/codes.json"]).contents
        #expect(try Self.foundation(try JSONDecoder().decode(CodesFile.self, from: Data(codes))) + [0x0A] == codes)
    }
}
