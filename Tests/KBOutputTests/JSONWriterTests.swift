import Foundation
import KBCore
import KBContract
import KBOutput
import KBPages
import KBPipeline
import KBTestSupport
import Testing

/// `JSONWriter`, kb's one JSON writer, writes the bytes Foundation's `JSONEncoder` writes with
/// sorted keys and unescaped slashes (and pretty-printed, in its pretty style), whichever way a
/// value comes in: Encodable, a `JSONValue`, or member by member.
@Suite struct JSONWriterTests {
    static func foundation(_ value: some Encodable, pretty: Bool = false) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
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
        #expect(try JSONWriter.encode(sample) == Self.foundation(sample))
        for value in [Float(0.1), 3, 16_777_216, 1e10, -0.0] {
            #expect(try JSONWriter.encode([value]) == Self.foundation([value]), "\(value)")
        }
        for value in [1.0, 1e20, 123456789.125, -0.0, 0.1, 1e-7, 9_007_199_254_740_992, 1e16, 1e15] {
            #expect(try JSONWriter.encode([value]) == Self.foundation([value]))
        }
        #expect(try JSONWriter.encode(["only": "value"]) == Self.foundation(["only": "value"]))
        #expect(try JSONWriter.encode([String]()) == Array("[]".utf8))
        // Pretty, as Foundation pretty-prints: empty containers too.
        #expect(try JSONWriter.encode(sample, style: .pretty) == Self.foundation(sample, pretty: true))
        #expect(try JSONWriter.encode([[String: Int]()], style: .pretty) == Self.foundation([[String: Int]()], pretty: true))
        // Numbers that have no JSON are errors, as in Foundation.
        #expect(throws: EncodingError.self) { try JSONWriter.encode([Double.nan]) }
    }

    @Test("a JSONValue and a value written member by member give what Foundation gives for the same data")
    func valuesAndMembers() throws {
        let value: JSONValue = ["b": [1, "two", true, .null], "a": ["é": "x", "e": [], "Z": [:]], "c": "line\nbreak\u{7F}"]
        let same: [String: AnyEncodable] = [
            "b": AnyEncodable([AnyEncodable(1), AnyEncodable("two"), AnyEncodable(true), AnyEncodable(Optional<Int>.none)]),
            "a": AnyEncodable(["é": AnyEncodable("x"), "e": AnyEncodable([Int]()), "Z": AnyEncodable([String: Int]())]),
            "c": AnyEncodable("line\nbreak\u{7F}"),
        ]
        #expect(value.serialized(.compact) == (try Self.foundation(same)))
        #expect(value.serialized(.pretty) == (try Self.foundation(same, pretty: true)))
        var json = JSONWriter(style: .pretty)
        json.object { json in
            json.member("a", ["x", "y"])
            json.member("b", [Int]()) { $0.number($1) }
            json.member("c", 3)
        }
        let members: [String: AnyEncodable] = ["a": AnyEncodable(["x", "y"]), "b": AnyEncodable([Int]()), "c": AnyEncodable(3)]
        #expect(json.bytes == (try Self.foundation(members, pretty: true)))
    }

    struct AnyEncodable: Encodable {
        let encode: (any Encoder) throws -> Void
        init(_ value: some Encodable) { encode = value.encode }
        func encode(to encoder: any Encoder) throws { try encode(encoder) }
    }

    @Test func randomStrings() throws {
        // Seeded: a failure comes back on the next run.
        var generator = SeededGenerator(seed: 0x5EED_0001)
        let alphabet = Array("aZ09 _-/\\\"\n\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F}éß日本語😀\u{301}".unicodeScalars)
        for _ in 0..<200 {
            let length = Int.random(in: 0..<40, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            let value = [text: [text]]
            #expect(try JSONWriter.encode(value) == Self.foundation(value), "\(text.debugDescription)")
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
