import KBContract
import KBOutput

extension Chunk {
    /// The chunk's line of `chunks.jsonl`: the bytes `CompactJSONEncoder` writes for it, and a
    /// line feed, written member by member. Chunks are most of the contract's records, and the
    /// Codable path spends more on its containers than on the text (`ChunkJSONTests` holds
    /// the two to the same bytes, so a member added to `Chunk` and not here fails it).
    func writeLine(into output: inout [UInt8]) {
        func key(_ name: StaticString, first: Bool = false) {
            if !first { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { output.append(contentsOf: $0) }
            output.append(contentsOf: "\":".utf8)
        }
        func string(_ name: StaticString, _ value: String, first: Bool = false) {
            key(name, first: first)
            CompactJSONEncoder.writeString(value, into: &output)
        }
        func number(_ name: StaticString, _ value: Int) {
            key(name)
            output.append(contentsOf: String(value).utf8)
        }
        // Keys in the order of their UTF-8 bytes, as the encoder sorts them.
        output.append(UInt8(ascii: "{"))
        string("$schema", schema, first: true)
        string("formatVersion", formatVersion)
        string("id", id)
        key("metadata")
        output.append(UInt8(ascii: "{"))
        string("anchor", metadata.anchor, first: true)
        string("articleId", metadata.articleId)
        string("codes", metadata.codes)
        string("contentHash", metadata.contentHash)
        string("entryId", metadata.entryId)
        string("kind", metadata.kind.rawValue)
        string("locale", metadata.locale)
        string("next", metadata.next)
        number("part", metadata.part)
        string("previous", metadata.previous)
        string("section", metadata.section)
        string("title", metadata.title)
        number("tokens", metadata.tokens)
        string("updated", metadata.updated)
        string("url", metadata.url)
        output.append(UInt8(ascii: "}"))
        string("text", text)
        output.append(contentsOf: "}\n".utf8)
    }
}
