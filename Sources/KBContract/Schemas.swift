import Foundation

/// The JSON Schemas (draft 2020-12) of the contract's files, written to `api/v1/schemas/`.
/// Each is whole in itself (no references between files), so that any validator takes it.
/// The pieces are constants of `[String: Any]` (which is not `Sendable`), never mutated.
public enum Schemas {
    public static let names = ["kb", "articles", "codes", "chunk", "search-records"]

    /// The schema named `name`, as pretty-printed JSON with sorted keys. `baseURL`, when the
    /// site's address is known, makes its `$id` absolute.
    public static func json(_ name: String, baseURL: String?) -> [UInt8] {
        guard var schema = schemas[name] else { return [] }
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = (baseURL ?? "") + Contract.schemaPath(name).dropFirst(baseURL == nil ? Contract.schemaFolder.count : 0)
        let data = try! JSONSerialization.data(withJSONObject: schema, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }

    // MARK: Pieces

    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nonEmpty: [String: Any] = ["type": "string", "minLength": 1]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]
    nonisolated(unsafe) static let strings: [String: Any] = ["type": "array", "items": string]
    nonisolated(unsafe) static let url: [String: Any] = ["type": "string", "minLength": 1, "description": "Relative to the site root, or absolute when the site's address is known."]
    nonisolated(unsafe) static let version: [String: Any] = ["type": "string", "pattern": #"^1\.\d+\.\d+$"#]

    static func object(_ properties: [String: Any], required: [String]? = nil, description: String? = nil) -> [String: Any] {
        var result: [String: Any] = [
            "type": "object", "properties": properties, "required": required ?? Array(properties.keys).sorted(),
            "additionalProperties": false,
        ]
        if let description { result["description"] = description }
        return result
    }

    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }

    static func file(_ properties: [String: Any], title: String, description: String) -> [String: Any] {
        var whole = object(properties.merging(["$schema": nonEmpty, "formatVersion": version]) { a, _ in a })
        whole["title"] = title
        whole["description"] = description
        return whole
    }

    nonisolated(unsafe) static let hresult = object([
        "signed": integer, "unsigned": integer, "severity": ["enum": ["failure", "success"]],
        "customerDefined": ["type": "boolean"], "facility": integer, "facilityName": string, "code": integer,
        "win32Error": integer, "win32ErrorName": string,
    ], required: ["signed", "unsigned", "severity", "customerDefined", "facility", "code"],
       description: "An HRESULT's parts; win32Error for 0x8007xxxx codes.")

    nonisolated(unsafe) static let codeKind: [String: Any] = ["enum": CodeKind.allCases.map(\.rawValue)]

    nonisolated(unsafe) static let code = object([
        "code": nonEmpty, "raw": nonEmpty, "kind": codeKind, "aliases": strings, "hresult": hresult,
    ], required: ["code", "raw", "kind", "aliases"])

    nonisolated(unsafe) static let text = object(["text": string, "markdown": string], description: "Plain text, and Markdown keeping paragraphs, lists and links.")

    nonisolated(unsafe) static let step: [String: Any] = object([
        "position": ["type": "integer", "minimum": 1], "text": string, "markdown": string, "uiPath": strings,
        "substeps": ["type": "array", "items": ["$ref": "#/$defs/step"]],
    ])

    nonisolated(unsafe) static let procedure = object([
        "id": nonEmpty, "title": string, "section": string, "url": url, "steps": ["type": "array", "items": ["$ref": "#/$defs/step"], "minItems": 1],
    ])

    nonisolated(unsafe) static let entry = object([
        "id": nonEmpty, "anchor": string, "url": url, "kind": ["enum": EntryKind.allCases.map(\.rawValue)], "title": string,
        "message": string, "messages": strings, "codes": array(code), "cause": text, "resolution": text,
        "procedures": array(procedure), "platform": string, "sectionPath": strings, "section": string,
        "counterparts": array(object(["locale": nonEmpty, "articleId": nonEmpty, "entryId": nonEmpty, "url": url])),
        "chunk": nonEmpty,
    ], required: ["id", "url", "kind", "title", "messages", "codes", "procedures", "sectionPath", "counterparts", "chunk"])

    nonisolated(unsafe) static let article = object([
        "id": nonEmpty, "locale": nonEmpty, "url": url, "markdownURL": url, "title": string, "description": string,
        "topic": string, "date": ["type": "string", "format": "date"], "msDate": string, "translationKey": nonEmpty,
        "translations": ["type": "object", "additionalProperties": url],
        "sections": array(object(["anchor": string, "level": integer, "title": string, "url": url])),
        "entries": array(entry), "procedures": array(procedure),
    ], required: ["id", "locale", "url", "title", "translationKey", "translations", "sections", "entries", "procedures"])

    nonisolated(unsafe) static let metadataValue: [String: Any] = ["type": ["string", "integer", "boolean"]]

    // MARK: Files

    nonisolated(unsafe) static let schemas: [String: [String: Any]] = [
        "kb": file([
            "generator": nonEmpty, "title": string, "baseURL": string,
            "languages": array(object([
                "locale": nonEmpty, "name": nonEmpty, "articles": integer, "entries": integer, "codes": integer,
                "files": object(
                    ["articles": url, "chunks": url, "searchRecords": url, "llms": url, "llmsFull": url, "home": url, "search": url],
                    required: ["articles", "chunks", "home", "search"]),
            ])),
            "files": object(["codes": url, "llms": url, "schemas": ["type": "object", "additionalProperties": url]]),
        ].merging(["baseURL": string]) { a, _ in a }, title: "kb.json",
           description: "The entry point of a kb site's machine contract: its languages and the paths of its files.")
            .requiring(except: ["baseURL"]),
        "articles": file(["locale": nonEmpty, "articles": array(article)], title: "articles.json",
                         description: "Every article of one language with its error entries and procedures.")
            .adding(defs: ["step": step]),
        "codes": file([
            "codes": ["type": "object", "additionalProperties": object([
                "code": nonEmpty, "kind": codeKind, "forms": ["type": "array", "items": nonEmpty, "minItems": 1], "aliases": strings,
                "hresult": hresult, "locales": strings,
                "entries": ["type": "array", "minItems": 1, "items": object([
                    "articleId": nonEmpty, "entryId": nonEmpty, "locale": nonEmpty, "url": url, "title": string, "articleTitle": string,
                ])],
            ], required: ["code", "kind", "forms", "aliases", "locales", "entries"])],
        ], title: "codes.json", description: "Every normalized error code with the entries that carry it, in every language."),
        "chunk": file([
            "id": ["type": "string", "pattern": "^[^#]+#[^@]*@[^@]+$"], "text": nonEmpty,
            "metadata": object([
                "articleId": nonEmpty, "locale": nonEmpty, "url": url, "title": string, "section": string,
                "kind": ["enum": ChunkKind.allCases.map(\.rawValue)], "entryId": string, "anchor": string, "codes": string,
                "updated": string, "contentHash": ["type": "string", "pattern": "^sha256:[0-9a-f]{64}$"], "previous": string, "next": string,
                "part": ["type": "integer", "minimum": 1], "tokens": integer,
            ]).merging(["maxProperties": 16]) { a, _ in a },
        ], title: "chunks.jsonl line", description: "One retrieval chunk: one line of chunks.jsonl."),
        "search-records": file([
            "locale": nonEmpty,
            "records": array(object([
                "objectID": nonEmpty, "url": url, "url_without_anchor": url, "anchor": ["type": ["string", "null"]],
                "type": ["enum": ["lvl1", "lvl2", "lvl3", "lvl4", "lvl5", "lvl6", "content"]],
                "hierarchy": object(Dictionary(uniqueKeysWithValues: (0..<7).map { ("lvl\($0)", ["type": ["string", "null"]] as [String: Any]) })),
                "content": ["type": ["string", "null"]], "language": nonEmpty, "codes": strings,
                "weight": object(["pageRank": integer, "level": integer, "position": integer]),
            ])),
        ], title: "search-records.json", description: "Records in Algolia DocSearch's shape, with the entries' codes."),
    ]
}

extension Dictionary where Key == String, Value == Any {
    fileprivate func requiring(except optional: Set<String>) -> [String: Any] {
        var copy = self
        copy["required"] = (self["required"] as? [String] ?? []).filter { !optional.contains($0) }
        return copy
    }

    fileprivate func adding(defs: [String: Any]) -> [String: Any] {
        var copy = self
        copy["$defs"] = defs
        return copy
    }
}
