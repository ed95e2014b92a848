import KBContract
@testable import KBContractFiles
import KBOutput
import Testing

/// `Chunk.writeLine` must write what the Codable encoder writes for a chunk.
@Suite struct ChunkJSONTests {
    @Test("a chunk's line is the encoder's bytes, every member and escape included")
    func sameBytesAsTheEncoder() throws {
        let texts = ["", "plain", "quote \" backslash \\ slash / tab \t line\nfeed \r \u{8} \u{C} \u{1} \u{7F}", "Lösning › 登録 👍", "\u{2028}"]
        for (index, text) in texts.enumerated() {
            for kind in ChunkKind.allCases {
                let chunk = Chunk(
                    schema: "../schemas/chunk.schema.json", formatVersion: Contract.formatVersion, id: "a/b#c\(index)@nl-nl", text: text,
                    metadata: Chunk.Metadata(
                        articleId: "a/b" + text, locale: "nl-nl", url: "nl-nl/a/b.html#c", title: "Title " + text, section: text,
                        kind: kind, entryId: index.isMultiple(of: 2) ? "" : "e\(index)", anchor: "c", codes: "0x80CF0437 " + text,
                        updated: "2024-01-0\(index + 1)", contentHash: "sha256:" + String(repeating: "0", count: 64),
                        previous: text, next: "n" + text, part: index + 1, tokens: index * 1000 - 1))
                var line: [UInt8] = []
                chunk.writeLine(into: &line)
                let encoded = try CompactJSONEncoder().encode(chunk) + [0x0A]
                #expect(line == encoded, "\(String(decoding: line, as: UTF8.self))")
            }
        }
    }
}
