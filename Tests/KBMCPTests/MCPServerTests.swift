import Foundation
import KBContract
import KBPipeline
import KBQuery
import KBTestSupport
import MCP
import Testing
@testable import KBMCP

/// The MCP server's tools and resources, answered from the seeds' site built in memory.
@Suite("kb mcp's tools and resources")
struct MCPServerTests {
    static func server() async throws -> MCPServer {
        let files = try await build(try seedFiles()).filesByPath
        return try MCPServer(reading: { path in files[path].map { Data($0.contents) } }, site: nil)
    }

    /// The JSON text of a tool's answer.
    static func json(_ result: CallTool.Result) throws -> [String: Any] {
        guard case .text(let text, _, _)? = result.content.first else { throw TestFailure("no text in \(result)") }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func text(_ result: CallTool.Result) -> String {
        if case .text(let text, _, _)? = result.content.first { text } else { "" }
    }

    @Test("lookup_error_code answers a code in any form with its entries, and an unknown one with the nearest codes")
    func lookup() async throws {
        let server = try await Self.server()
        let answer = try server.call("lookup_error_code", ["code": .string("80cf0437"), "locale": .string("sv")])
        #expect(answer.isError != true, "\(Self.text(answer))")
        let report = try Self.json(answer)
        #expect((report["code"] as? [String: Any])?["code"] as? String == "0x80CF0437")
        let entries = try #require(report["entries"] as? [[String: Any]])
        #expect(!entries.isEmpty && entries.allSatisfy { $0["locale"] as? String == "sv-se" })

        let unknown = try server.call("lookup_error_code", ["code": .string("0x80CF0473")])
        #expect(unknown.isError == true && Self.text(unknown).contains("Nearest known codes: 0x80CF0437"))
    }

    @Test("search finds a code's entries first, and fetch gives a result's whole text")
    func searchAndFetch() async throws {
        let server = try await Self.server()
        let results = try #require(try Self.json(try server.call("search", ["query": .string("0x80CF0437")]))["results"] as? [[String: Any]])
        let first = try #require(results.first?["id"] as? String)
        #expect(results.allSatisfy { ($0["url"] as? String)?.isEmpty == false && ($0["title"] as? String)?.isEmpty == false })
        let fetched = try Self.json(try server.call("fetch", ["id": .string(first)]))
        #expect(fetched["id"] as? String == first)
        #expect((fetched["text"] as? String)?.contains("0x80CF0437") == true)
        let missing = try server.call("fetch", ["id": .string("no#such@nl-nl")])
        #expect(missing.isError == true)
    }

    @Test("unknown tools and arguments a tool does not take are invalid params (-32602)")
    func invalidCalls() async throws {
        let server = try await Self.server()
        for (name, arguments) in [
            ("nope", [String: Value]()), ("search", [:]), ("search", ["query": .int(3)]), ("fetch", ["id": .null]),
            ("lookup_error_code", ["code": .bool(true)]),
        ] {
            #expect(throws: MCPError.self, "\(name) \(arguments)") { try server.call(name, arguments) }
            do {
                _ = try server.call(name, arguments)
            } catch let error as MCPError {
                #expect(error.code == -32602)
            }
        }
    }

    @Test("every article is a resource, its Markdown read from the site; nothing outside the site is read")
    func resources() async throws {
        let server = try await Self.server()
        let page = try server.resources(after: nil)
        #expect(!page.resources.isEmpty && page.resources.allSatisfy { $0.uri.hasPrefix("kb://") && $0.mimeType == "text/markdown" })
        let first = try #require(page.resources.first)
        let content = try #require(try server.resource(first.uri).contents.first)
        #expect(content.uri == first.uri && content.text?.hasPrefix("# ") == true, "\(content)")
        #expect(throws: MCPError.self) { try server.resource("kb://nl-nl/nothing") }
        #expect(throws: MCPError.self) { try server.resources(after: "not a cursor") }
        #expect(server.markdown("../../etc/passwd") == nil && server.markdown("/etc/passwd") == nil)
    }
}
