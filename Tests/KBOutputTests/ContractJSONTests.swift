import KBContract
import KBCore
@testable import KBContractFiles
import KBOutput
import Testing

/// The contract's writers (`Chunk.writeLine`, `ArticleRecord.write`) must write what the Codable
/// encoder writes for the same record.
@Suite struct ContractJSONTests {
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
                let encoded = try JSONWriter.encode(chunk) + [0x0A]
                #expect(line == encoded, "\(String(decoding: line, as: UTF8.self))")
            }
        }
    }

    @Test("an article's record is the encoder's bytes, with every member, none of the optional ones, and escapes")
    func articleRecordSameBytesAsTheEncoder() throws {
        let texts = ["", "quote \" backslash \\ slash / tab \t line\nfeed \u{1} \u{7F}", "Lösning › 登録 👍"]
        for (index, text) in texts.enumerated() {
            let full = index.isMultiple(of: 2)
            func optional(_ value: String) -> String? { full ? value : nil }
            let hresult = HRESULTRecord(
                signed: -2_133_916_617, unsigned: 2_161_050_679, severity: "failure", customerDefined: !full, facility: 207,
                facilityName: optional("FACILITY_" + text), code: 1079, win32Error: full ? 5 : nil, win32ErrorName: optional("ERROR_ACCESS_DENIED"))
            let step = StepRecord(position: 1, text: "Select " + text, markdown: "Select **\(text)**", uiPath: full ? ["Devices", text] : [],
                                  substeps: [StepRecord(position: 1, text: text, markdown: text, uiPath: [], substeps: [])])
            let procedure = ProcedureRecord(id: "steps-\(index)", title: "Steps " + text, section: "fix", url: "a.html#fix", steps: [step, step])
            let entry = EntryRecord(
                id: "e\(index)", anchor: optional("anchor-" + text), url: "a.html#e", kind: full ? .tableRow : .section, title: "Title " + text,
                message: optional("Message " + text), messages: full ? ["Message " + text, text] : [],
                codes: [CodeRecord(code: "0x80CF0437", raw: "0x80cf0437 " + text, kind: .hexadecimal, aliases: ["-2133916617"],
                                   hresult: full ? hresult : nil),
                        CodeRecord(code: "DeviceCapReached", raw: text, kind: .symbolic, aliases: [], hresult: nil)],
                cause: full ? TextRecord(text: "Cause " + text, markdown: "*Cause* " + text) : nil,
                resolution: TextRecord(text: text, markdown: text), procedures: full ? [procedure] : [], platform: optional("iOS"),
                sectionPath: ["errors", text], section: optional("Errors " + text),
                counterparts: [CounterpartRecord(locale: "sv-se", articleId: "a", entryId: "e\(index)", url: "sv-se/a.html#e")],
                chunk: "a#e@nl-nl")
            let record = ArticleRecord(
                id: "intune/a" + text, locale: "nl-nl", url: "nl-nl/a.html", markdownURL: "nl-nl/a.html.md", title: "Title " + text,
                description: optional("Description " + text), topic: optional("troubleshooting"), date: optional("2024-01-02"),
                msDate: optional("01/02/2024"), translationKey: "intune/a",
                translations: full ? ["sv-se": "sv-se/a.html", "de-de": "de-de/a.html", "en-us": text, "ja-jp": "ja-jp/a.html"] : [:],
                sections: [SectionRecord(anchor: "fix", level: 2, title: "Fix " + text, url: "a.html#fix")],
                entries: full ? [entry, entry] : [entry], procedures: [procedure])
            var json = JSONWriter()
            record.write(to: &json)
            let encoded = try JSONWriter.encode(record)
            #expect(json.bytes == encoded, "\(String(decoding: json.bytes, as: UTF8.self))")
        }
    }
}
