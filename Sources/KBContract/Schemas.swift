import KBCore

/// The JSON Schemas (draft 2020-12) of the contract's files, written to `api/v1/schemas/`.
/// Each is whole in itself (no references between files), so that any validator takes it.
/// `SchemaTests` holds each to the Swift types of `Contract.swift`: every property of a type
/// is in its schema, required unless optional, and the schema has no other. The pieces are
/// made when asked for, not kept: a schema is written a few times a build.
public enum Schemas {
    public static let names = ["kb", "articles", "codes", "chunk", "search-records"]

    /// The schema named `name`, as pretty-printed JSON with sorted keys. `baseURL`, when the
    /// site's address is known, makes its `$id` absolute.
    public static func json(_ name: String, baseURL: String?) -> [UInt8] {
        guard case .object(var schema)? = schemas[name] else { return [] }
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = .string((baseURL ?? "") + Contract.schemaPath(name).dropFirst(baseURL == nil ? Contract.schemaFolder.count : 0))
        return JSONValue.object(schema).serialized(.pretty) + [0x0A]
    }

    /// The schema named `name`, as a value.
    public static func schema(_ name: String) -> JSONValue? {
        schemas[name]
    }

    // MARK: Pieces

    static var string: JSONValue { ["type": "string"] }
    static var nonEmpty: JSONValue { ["type": "string", "minLength": 1] }
    static var integer: JSONValue { ["type": "integer"] }
    static var strings: JSONValue { ["type": "array", "items": string] }
    static var url: JSONValue { ["type": "string", "minLength": 1, "description": "Relative to the site root, or absolute when the site's address is known."] }
    static var version: JSONValue { ["type": "string", "pattern": #"^1\.\d+\.\d+$"#] }

    static func object(_ properties: [String: JSONValue], required: [String]? = nil, description: String? = nil) -> JSONValue {
        var result: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "required": .strings(required ?? Array(properties.keys).sorted()),
            "additionalProperties": false,
        ]
        if let description { result["description"] = .string(description) }
        return .object(result)
    }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func file(_ properties: [String: JSONValue], title: String, description: String) -> JSONValue {
        object(properties.merging(["$schema": nonEmpty, "formatVersion": version]) { a, _ in a })
            .merging(["title": .string(title), "description": .string(description)])
    }

    static var hresult: JSONValue { object([
        "signed": integer, "unsigned": integer, "severity": ["enum": ["failure", "success"]],
        "customerDefined": ["type": "boolean"], "facility": integer, "facilityName": string, "code": integer,
        "win32Error": integer, "win32ErrorName": string,
    ], required: ["signed", "unsigned", "severity", "customerDefined", "facility", "code"],
       description: "An HRESULT's parts; win32Error for 0x8007xxxx codes.") }

    static var codeKind: JSONValue { ["enum": .strings(CodeKind.allCases.map(\.rawValue))] }

    static var code: JSONValue { object([
        "code": nonEmpty, "raw": nonEmpty, "kind": codeKind, "aliases": strings, "hresult": hresult,
    ], required: ["code", "raw", "kind", "aliases"]) }

    static var text: JSONValue { object(["text": string, "markdown": string], description: "Plain text, and Markdown keeping paragraphs, lists and links.") }

    static var step: JSONValue { object([
        "position": ["type": "integer", "minimum": 1], "text": string, "markdown": string, "uiPath": strings,
        "substeps": ["type": "array", "items": ["$ref": "#/$defs/step"]],
    ]) }

    static var procedure: JSONValue { object([
        "id": nonEmpty, "title": string, "section": string, "url": url, "steps": ["type": "array", "items": ["$ref": "#/$defs/step"], "minItems": 1],
    ]) }

    static var entry: JSONValue { object([
        "id": nonEmpty, "anchor": string, "url": url, "kind": ["enum": .strings(EntryKind.allCases.map(\.rawValue))], "title": string,
        "message": string, "messages": strings, "codes": array(code), "cause": text, "resolution": text,
        "procedures": array(procedure), "platform": string, "sectionPath": strings, "section": string,
        "counterparts": array(object(["locale": nonEmpty, "articleId": nonEmpty, "entryId": nonEmpty, "url": url])),
        "chunk": nonEmpty,
    ], required: ["id", "url", "kind", "title", "messages", "codes", "procedures", "sectionPath", "counterparts", "chunk"]) }

    static var article: JSONValue { object([
        "id": nonEmpty, "locale": nonEmpty, "url": url, "markdownURL": url, "title": string, "description": string,
        "topic": string, "date": ["type": "string", "format": "date"], "msDate": string, "translationKey": nonEmpty,
        "translations": ["type": "object", "additionalProperties": url],
        "sections": array(object(["anchor": string, "level": integer, "title": string, "url": url])),
        "entries": array(entry), "procedures": array(procedure),
    ], required: ["id", "locale", "url", "title", "translationKey", "translations", "sections", "entries", "procedures"]) }


    // MARK: Files

    static var schemas: [String: JSONValue] { [
        "kb": file([
            "generator": nonEmpty, "title": string, "baseURL": string,
            "languages": array(object([
                "locale": nonEmpty, "name": nonEmpty, "articles": integer, "entries": integer, "codes": integer,
                "files": object(
                    ["articles": url, "chunks": url, "searchRecords": url, "llms": url, "llmsFull": url, "home": url, "search": url],
                    required: ["articles", "chunks", "home", "search"]),
            ])),
            "files": object(["codes": url, "llms": url, "schemas": ["type": "object", "additionalProperties": url]],
                            required: ["codes", "schemas"]),
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
                "kind": ["enum": .strings(ChunkKind.allCases.map(\.rawValue))], "entryId": string, "anchor": string, "codes": string,
                "updated": string, "contentHash": ["type": "string", "pattern": "^sha256:[0-9a-f]{64}$"], "previous": string, "next": string,
                "part": ["type": "integer", "minimum": 1], "tokens": integer,
            ]).merging(["maxProperties": 16]),
        ], title: "chunks.jsonl line", description: "One retrieval chunk: one line of chunks.jsonl."),
        "search-records": file([
            "locale": nonEmpty,
            "records": array(object([
                "objectID": nonEmpty, "url": url, "url_without_anchor": url, "anchor": ["type": ["string", "null"]],
                "type": ["enum": ["lvl1", "lvl2", "lvl3", "lvl4", "lvl5", "lvl6", "content"]],
                "hierarchy": object(Dictionary(uniqueKeysWithValues: (0..<7).map { ("lvl\($0)", ["type": ["string", "null"]] as JSONValue) })),
                "content": ["type": ["string", "null"]], "language": nonEmpty, "codes": strings,
                "weight": object(["pageRank": integer, "level": integer, "position": integer]),
            ])),
        ], title: "search-records.json", description: "Records in Algolia DocSearch's shape, with the entries' codes."),
    ] }
}

extension JSONValue {
    /// An object with these members added (replacing its own of the same name).
    fileprivate func merging(_ members: [String: JSONValue]) -> JSONValue {
        guard case .object(let own) = self else { return self }
        return .object(own.merging(members) { _, new in new })
    }

    fileprivate func requiring(except optional: Set<String>) -> JSONValue {
        guard case .object(let own) = self, case .array(let required)? = own["required"] else { return self }
        return merging(["required": .array(required.filter { value in
            if case .string(let name) = value { !optional.contains(name) } else { true }
        })])
    }

    fileprivate func adding(defs: [String: JSONValue]) -> JSONValue {
        merging(["$defs": .object(defs)])
    }
}
