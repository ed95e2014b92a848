import Foundation
import KBContract
import KBCore
import KBQuery
import MCP

/// A Model Context Protocol server over a built site. Tools: `search` and `fetch` in the shape
/// chat assistants use for citations (`{results: [{id, title, url}]}`, `{id, title, text, url,
/// metadata}`, ids being retrieval chunk ids), and `lookup_error_code`. Each article is a
/// resource (`kb://<locale>/<article id>`, its Markdown).
public struct MCPServer: Sendable {
    let lookup: CodeLookup
    let library: ChunkLibrary
    /// Reads the site's files.
    let read: SiteReader
    /// Every article, for the resources.
    let articles: [(locale: String, id: String, title: String, description: String?, markdownURL: String)]

    static let pageSize = 200

    /// A server over the site that `read` reads; `site` names where it lies, for messages.
    public init(reading read: @escaping SiteReader, site: String?) throws {
        self.read = read
        lookup = try CodeLookup.load(reading: read, site: site)
        library = try ChunkLibrary.load(reading: read, index: lookup.index)
        // An article is a resource through its Markdown twin: a site without them has none.
        articles = lookup.allArticles.compactMap { article in
            article.markdownURL.map { (article.locale, article.id, article.title, article.description, $0) }
        }
    }

    public func run() async throws {
        let server = Server(
            name: "kb", version: "0.1.0", title: lookup.index.title,
            instructions: """
                A troubleshooting knowledge base in \(lookup.index.languages.map(\.name).joined(separator: ", ")). \
                Use lookup_error_code for an error code in any form (0x80CF0437, 80cf0437, -2133916617, DeviceCapReached); \
                search for words; fetch to read a result in full and cite its url.
                """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: Self.tools) }
        await server.withMethodHandler(CallTool.self) { parameters in
            try self.call(parameters.name, parameters.arguments ?? [:])
        }
        await server.withMethodHandler(ListResources.self) { parameters in try self.resources(after: parameters.cursor) }
        await server.withMethodHandler(ReadResource.self) { parameters in try self.resource(parameters.uri) }
        try await server.start(transport: LineTransport(checks: Self.checks))
        await server.waitUntilCompleted()
    }

    /// The methods the server answers, each with a check that a request's parameters are what
    /// it takes: the SDK would answer those that are not with an internal error (-32603),
    /// where JSON-RPC asks for invalid params (-32602).
    static let checks: LineReader.Checks = Dictionary(uniqueKeysWithValues: [
        check(Initialize.self), check(Ping.self), check(ListTools.self), check(CallTool.self), check(ListResources.self),
        check(ReadResource.self),
    ])

    private static func check<M: MCP.Method>(_ method: M.Type) -> (String, @Sendable (Data) -> String?) {
        (M.name, { data in
            guard (try? JSONDecoder().decode(Request<M>.self, from: data)) == nil else { return nil }
            // What the SDK's decoding says is only that the field is invalid; the parameters
            // decoded alone say where and why.
            do {
                _ = try JSONDecoder().decode(ParametersOnly<M.Parameters>.self, from: data)
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                    let DecodingError.dataCorrupted(context) {
                return "\(M.name): '\(path(context.codingPath))': \(context.debugDescription)"
            } catch let DecodingError.keyNotFound(key, context) {
                return "\(M.name): '\(path(context.codingPath + [key]))' is missing"
            } catch {}
            return "\(M.name): the parameters are not what the method takes"
        })
    }

    /// A request's parameters, decoded alone.
    private struct ParametersOnly<Parameters: Decodable>: Decodable {
        var params: Parameters
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// A page of the articles as resources. A cursor is what a previous page gave as its
    /// `nextCursor`: a position in the list; anything else is refused.
    func resources(after cursor: String?) throws -> ListResources.Result {
        var start = 0
        if let cursor {
            guard cursor.utf8.count <= 12, let position = Int(cursor), (0...articles.count).contains(position) else {
                throw MCPError.invalidParams("Invalid cursor")
            }
            start = position
        }
        let page = articles.dropFirst(start).prefix(Self.pageSize)
        let end = start + page.count
        return .init(
            resources: page.map { article in
                Resource(name: article.title, uri: "kb://\(article.locale)/\(article.id)", description: article.description,
                         mimeType: "text/markdown")
            },
            nextCursor: end < articles.count ? String(end) : nil)
    }

    /// An article as a resource: its Markdown, for a URI that `resources(after:)` lists.
    func resource(_ uri: String) throws -> ReadResource.Result {
        guard let article = articles.first(where: { "kb://\($0.locale)/\($0.id)" == uri }), let text = markdown(article.markdownURL)
        else { throw MCPError.invalidParams("Unknown resource: \(uri.prefix(200))") }
        return .init(contents: [.text(text, uri: uri, mimeType: "text/markdown")])
    }

    /// The Markdown twin of an article page, from the site: its URL (relative to the
    /// site, or below its base URL) read as a path inside the folder, never outside it.
    func markdown(_ url: String) -> String? {
        let relative = url.contains("://") ? String(url.dropFirst((lookup.index.baseURL ?? "").count)) : url
        guard let path = relative.removingPercentEncoding,
              !path.hasPrefix("/"), !path.split(separator: "/").contains("..")
        else { return nil }
        return (try? read(path))?.map { String(decoding: $0, as: UTF8.self) }
    }

    static let tools = [
        Tool(
            name: "search", title: "Search the knowledge base",
            description: "Find error entries and article sections by error code (any form) or words, in every language. "
                + "Returns {results: [{id, title, url}]}; pass an id to fetch for the full text.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "query": ["type": "string", "description": "An error code or a few words"],
                    "locale": ["type": "string", "description": "Only this locale or language (nl-nl, sv), optional"],
                ],
                "required": ["query"],
            ],
            annotations: .init(readOnlyHint: true)),
        Tool(
            name: "fetch", title: "Read a search result",
            description: "The whole text of a search result with its url and metadata: {id, title, text, url, metadata}.",
            inputSchema: [
                "type": "object",
                "properties": ["id": ["type": "string", "description": "An id from search"]],
                "required": ["id"],
            ],
            annotations: .init(readOnlyHint: true)),
        Tool(
            name: "lookup_error_code", title: "Look up an error code",
            description: "The entries of an error code in every language (or one): title, message, cause, resolution, "
                + "steps and the url of the entry. The code may be written 0x80CF0437, 80cf0437, -2133916617 or by name.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "code": ["type": "string", "description": "The error code, in any form"],
                    "locale": ["type": "string", "description": "Only this locale or language, optional"],
                ],
                "required": ["code"],
            ],
            annotations: .init(readOnlyHint: true)),
    ]

    struct SearchOutput: Codable {
        struct Result: Codable {
            var id: String
            var title: String
            var url: String
        }
        var results: [Result]
    }

    struct FetchOutput: Codable {
        var id: String
        var title: String
        var text: String
        var url: String
        var metadata: Chunk.Metadata
    }

    /// A tool's answer. Arguments a tool does not take (a missing one, one of the wrong type)
    /// and unknown tools are protocol errors (invalid params, -32602), as MCP asks.
    func call(_ name: String, _ arguments: [String: Value]) throws -> CallTool.Result {
        guard let tool = Self.tools.first(where: { $0.name == name }) else { throw MCPError.invalidParams("Unknown tool: \(name.prefix(200))") }
        try Self.check(arguments, of: tool)
        switch name {
        case "search":
            guard let query = arguments["query"]?.stringValue else { return Self.failure("search needs a query") }
            let results = library.search(query, lookup: lookup, locale: arguments["locale"]?.stringValue)
            return try Self.result(SearchOutput(results: results.map {
                .init(id: $0.chunk.id, title: Self.title(of: $0.chunk), url: $0.chunk.metadata.url)
            }))
        case "fetch":
            guard let id = arguments["id"]?.stringValue else { return Self.failure("fetch needs an id") }
            guard let chunk = library.chunk(id) else { return Self.failure("No result has the id \(id)") }
            return try Self.result(FetchOutput(id: chunk.id, title: Self.title(of: chunk), text: chunk.text,
                                               url: chunk.metadata.url, metadata: chunk.metadata))
        case "lookup_error_code":
            guard let code = arguments["code"]?.stringValue else { return Self.failure("lookup_error_code needs a code") }
            guard let record = lookup.code(code) else {
                let suggestions = lookup.suggestions(for: code)
                return Self.failure("Unknown error code \(code)." + (suggestions.isEmpty ? "" : " Nearest known codes: " + suggestions.joined(separator: ", ")))
            }
            return try Self.result(lookup.report(record, locale: arguments["locale"]?.stringValue))
        default:
            throw MCPError.invalidParams("Unknown tool: \(name.prefix(200))")
        }
    }

    /// The arguments against the tool's input schema: every required one present, each one a
    /// string where the schema says so.
    static func check(_ arguments: [String: Value], of tool: Tool) throws {
        guard case .object(let schema) = tool.inputSchema, case .object(let properties)? = schema["properties"] else { return }
        if case .array(let required)? = schema["required"] {
            for case .string(let key) in required where arguments[key] == nil || arguments[key] == .null {
                throw MCPError.invalidParams("\(tool.name) needs the argument '\(key)'")
            }
        }
        for (key, value) in arguments where value != .null {
            guard case .object(let property)? = properties[key], case .string(let type)? = property["type"] else { continue }
            if type == "string", value.stringValue == nil {
                throw MCPError.invalidParams("\(tool.name): the argument '\(key.prefix(100))' must be a string")
            }
        }
    }

    /// A chunk's title: the path its text opens with.
    static func title(of chunk: Chunk) -> String {
        String(chunk.text.prefix { $0 != "\n" })
    }

    /// The output as JSON text (what clients show and models read) and as structured content.
    static func result(_ output: some Codable) throws -> CallTool.Result {
        let text = String(decoding: try JSONWriter.encode(output), as: UTF8.self)
        return try CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: output)
    }

    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}
