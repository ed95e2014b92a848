/// One line of `api/v1/<locale>/chunks.jsonl`: a retrieval chunk, the whole of an entry or of a
/// section (a long section in parts, never inside a procedure), its text opening with the path
/// `Article title › Section › Entry`. Its flat `metadata` suits LangChain's `JSONLoader`,
/// LlamaIndex and OpenAI vector-store file attributes (at most 16 keys, strings and numbers).
public struct Chunk: Codable, Sendable, Equatable {
    public var schema: String
    public var formatVersion: String
    /// `<articleId>#<anchor>@<locale>`; a section's later parts add `~2`, `~3` to the anchor.
    public var id: String
    public var text: String
    public var metadata: Metadata

    public struct Metadata: Codable, Sendable, Equatable {
        public var articleId: String
        public var locale: String
        public var url: String
        /// The article's title.
        public var title: String
        /// The title of the section the chunk is in (or is).
        public var section: String
        public var kind: ChunkKind
        /// The entry's id; empty for sections.
        public var entryId: String
        public var anchor: String
        /// The entry's codes, separated by spaces.
        public var codes: String
        /// The article's date (ISO 8601), or empty.
        public var updated: String
        /// `sha256:` and the hex digest of `text`.
        public var contentHash: String
        /// The ids of the chunks before and after in the article; empty at its ends.
        public var previous: String
        public var next: String
        /// 1, or the part of a section split in parts.
        public var part: Int
        /// About a quarter of the text's characters.
        public var tokens: Int

        public init(articleId: String, locale: String, url: String, title: String, section: String, kind: ChunkKind, entryId: String,
                    anchor: String, codes: String, updated: String, contentHash: String, previous: String, next: String, part: Int, tokens: Int) {
            self.articleId = articleId
            self.locale = locale
            self.url = url
            self.title = title
            self.section = section
            self.kind = kind
            self.entryId = entryId
            self.anchor = anchor
            self.codes = codes
            self.updated = updated
            self.contentHash = contentHash
            self.previous = previous
            self.next = next
            self.part = part
            self.tokens = tokens
        }
    }

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", formatVersion, id, text, metadata
    }

    public init(schema: String, formatVersion: String, id: String, text: String, metadata: Metadata) {
        self.schema = schema
        self.formatVersion = formatVersion
        self.id = id
        self.text = text
        self.metadata = metadata
    }

    /// The chunk id of a place in an article.
    public static func id(article: String, anchor: String, locale: String, part: Int = 1) -> String {
        "\(article)#\(anchor)\(part > 1 ? "~\(part)" : "")@\(locale)"
    }
}
