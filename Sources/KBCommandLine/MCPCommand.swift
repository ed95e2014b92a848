import ArgumentParser
import Foundation
import KBMCP

/// `kb mcp`: serves a built site over the Model Context Protocol on standard input and output.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve a built site to AI assistants over the Model Context Protocol (stdio).",
        discussion: """
            Tools: search(query, locale?) → {results: [{id, title, url}]}; fetch(id) → {id, title, \
            text, url, metadata}; lookup_error_code(code, locale?) → the code's entries in every \
            language. Each article is a resource, kb://<locale>/<article id>, as Markdown. The site \
            must have been built by kb build (it reads its api/v1/ files).

            Messages are newline-delimited JSON-RPC 2.0. Every request read is answered before kb \
            mcp ends at the end of its input; reading pauses while 32 messages wait or are being \
            answered, so a client that does not read its answers holds kb back, not its memory. \
            What is not a message kb can read gets a JSON-RPC error with "id": null; arguments a \
            tool does not take get -32602.
            """
    )

    @Option(help: "The built site to serve (the output folder of kb build).")
    var site = "site"

    func run() async throws {
        let server: MCPServer
        do {
            server = try MCPServer(reading: SiteFolder.reader(site), site: site)
        } catch {
            throw ValidationError(String(describing: error))
        }
        try await server.run()
    }
}
