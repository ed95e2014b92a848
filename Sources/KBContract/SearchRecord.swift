/// `api/v1/<locale>/search-records.json`: records in Algolia DocSearch's shape, plus `codes`.
public struct SearchRecordsFile: Codable, Sendable, Equatable {
    public var schema: String
    public var formatVersion: String
    public var locale: String
    public var records: [SearchRecord]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", formatVersion, locale, records
    }

    public init(schema: String, formatVersion: String, locale: String, records: [SearchRecord]) {
        self.schema = schema
        self.formatVersion = formatVersion
        self.locale = locale
        self.records = records
    }
}

public struct SearchRecord: Codable, Sendable, Equatable {
    public var objectID: String
    public var url: String
    public var urlWithoutAnchor: String
    public var anchor: String?
    /// `lvl1` … `lvl6` for a heading, `content` for text under it.
    public var type: String
    public var hierarchy: Hierarchy
    public var content: String?
    public var language: String
    public var codes: [String]
    public var weight: Weight

    /// DocSearch's levels: `lvl0` the site, `lvl1` the article, `lvl2`… its headings. Every
    /// level is present, `null` below the record's own.
    public struct Hierarchy: Codable, Sendable, Equatable {
        public var levels: [String?]

        public init(levels: [String?]) {
            self.levels = Array((levels + Array(repeating: nil, count: 7)).prefix(7))
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (index, level) in levels.enumerated() {
                try container.encode(level, forKey: Key(stringValue: "lvl\(index)"))
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            levels = try (0..<7).map { try container.decodeIfPresent(String.self, forKey: Key(stringValue: "lvl\($0)")) }
        }
    }

    public struct Weight: Codable, Sendable, Equatable {
        public var pageRank: Int
        /// 100 for an article, 10 less per heading level, 0 for content.
        public var level: Int
        /// The record's place in its article.
        public var position: Int

        public init(pageRank: Int, level: Int, position: Int) {
            self.pageRank = pageRank
            self.level = level
            self.position = position
        }
    }

    enum CodingKeys: String, CodingKey {
        case objectID, url, urlWithoutAnchor = "url_without_anchor", anchor, type, hierarchy, content, language, codes, weight
    }

    public init(objectID: String, url: String, urlWithoutAnchor: String, anchor: String?, type: String, hierarchy: Hierarchy,
                content: String?, language: String, codes: [String], weight: Weight) {
        self.objectID = objectID
        self.url = url
        self.urlWithoutAnchor = urlWithoutAnchor
        self.anchor = anchor
        self.type = type
        self.hierarchy = hierarchy
        self.content = content
        self.language = language
        self.codes = codes
        self.weight = weight
    }

    /// DocSearch writes `anchor` and `content` as `null` when absent; so do these records.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objectID, forKey: .objectID)
        try container.encode(url, forKey: .url)
        try container.encode(urlWithoutAnchor, forKey: .urlWithoutAnchor)
        try container.encode(anchor, forKey: .anchor)
        try container.encode(type, forKey: .type)
        try container.encode(hierarchy, forKey: .hierarchy)
        try container.encode(content, forKey: .content)
        try container.encode(language, forKey: .language)
        try container.encode(codes, forKey: .codes)
        try container.encode(weight, forKey: .weight)
    }
}
