import FlyingFox
import FlyingSocks
import Foundation
import KBCore
import KBOutput
import KBWeb
import Synchronization

/// The site as `kb serve` last built it, held in memory and served over HTTP (FlyingFox), with a
/// script in every page that reloads it when a build finishes (server-sent events on
/// `/_kb/events`) and a panel listing the problems found in the page's article.
final class PreviewSite: Sendable {
    struct Published: Sendable {
        var files: [String: BuiltSite.File] = [:]
        /// Diagnostics by file of the content (in the build's paths).
        var diagnostics: [String: [Diagnostic]] = [:]
        /// Problems of the build as a whole (a template that does not parse, a failed build).
        var failure: String?
        var generation = 0
    }

    private let published = Mutex(Published())
    private let listeners = Mutex<[Int: AsyncStream<[UInt8]>.Continuation]>([:])
    private let nextListener = Atomic<Int>(0)

    /// Serves a new build and tells every open page to reload.
    func publish(files: [BuiltSite.File], diagnostics: [Diagnostic], failure: String? = nil) {
        let generation = published.withLock { site in
            if failure == nil || site.files.isEmpty {
                site.files = Dictionary(files.map { ($0.path, $0) }) { first, _ in first }
            }
            site.diagnostics = Dictionary(grouping: diagnostics, by: \.file)
            site.failure = failure
            site.generation += 1
            return site.generation
        }
        let event = Array("event: reload\ndata: \(generation)\n\n".utf8)
        listeners.withLock { listeners in
            for (key, continuation) in listeners {
                if case .terminated = continuation.yield(event) { listeners[key] = nil }
            }
        }
    }

    var generation: Int { published.withLock(\.generation) }

    // MARK: Serving

    static let eventsPath = "/_kb/events"
    static let scriptPath = "/_kb/live.js"

    /// The script every page gets when served: reloads the page when a build finishes.
    static let script = """
        (function () {
          var source = new EventSource("\(eventsPath)");
          var seen = null;
          source.addEventListener("reload", function (event) {
            if (seen !== null && event.data !== seen) { location.reload(); }
            seen = event.data;
          });
        })();

        """

    func response(to request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path == Self.eventsPath { return events() }
        if path == Self.scriptPath {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                body: Data(Self.script.utf8))
        }
        var relative = String((path.removingPercentEncoding ?? path).drop { $0 == "/" })
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        let site = published.withLock { $0 }
        guard let file = site.files[relative] else {
            // A folder asked for without its slash: with it, the page's relative links work.
            if site.files[relative + "/index.html"] != nil {
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: path + "/"]))
            }
            let page = Self.page(title: "Not found", body: "<h1>Not found</h1><p>There is no <code>\(relative.htmlEscaped)</code> in the site.</p>"
                + Self.panel(site.failure.map { [$0] } ?? []))
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(page.utf8))
        }
        var contents = file.contents
        if let source = file.source {
            contents = (try? ContentTree.read(source, limit: Int.max)) ?? []
        }
        let type = Self.contentType(of: file.path)
        if type.hasPrefix("text/html") {
            let problems = (file.origin.flatMap { site.diagnostics[$0] } ?? []).filter { $0.severity != .note }
            var messages = problems.map { diagnostic in
                "\(diagnostic.file)\(diagnostic.location.map { ":\($0.line):\($0.column)" } ?? ""): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.identifier)]"
            }
            if let failure = site.failure { messages.insert(failure, at: 0) }
            contents = Self.injecting(into: contents, panel: Self.panel(messages))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: Data(contents))
    }

    /// The page with the reload script, and the problems panel when there are problems, put
    /// before `</body>`.
    static func injecting(into page: [UInt8], panel: String) -> [UInt8] {
        let addition = Array((panel + "<script src=\"\(scriptPath)\"></script>").utf8)
        let closing = Array("</body>".utf8)
        guard let index = lastIndex(of: closing, in: page) else { return page + addition }
        return Array(page[..<index]) + addition + Array(page[index...])
    }

    static func panel(_ messages: [String]) -> String {
        guard !messages.isEmpty else { return "" }
        let items = messages.map { "<li><code>\($0.htmlEscaped)</code></li>" }.joined()
        return """
            <aside id="kb-problems" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:40vh;overflow:auto;margin:0;padding:.75rem 1rem;\
            background:#fff4f4;color:#5c0000;border-top:3px solid #c00;font:14px/1.4 system-ui,sans-serif;z-index:2147483647">\
            <strong>kb serve: problems in this page's article or the build</strong><ul style="margin:.25rem 0 0;padding-left:1.25rem">\(items)</ul></aside>
            """
    }

    static func page(title: String, body: String) -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(title.htmlEscaped)</title></head><body>\(body)"
            + "<script src=\"\(scriptPath)\"></script></body></html>"
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index -= 1
        }
        return nil
    }

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last?.lowercased() ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "txt", "md": "text/plain; charset=utf-8"
        case "xml": "application/opensearchdescription+xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }

    /// A stream of server-sent events: the current generation at once, then one event per build.
    private func events() -> HTTPResponse {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let key = nextListener.add(1, ordering: .relaxed).newValue
        continuation.yield(Array("retry: 500\nevent: reload\ndata: \(generation)\n\n".utf8))
        listeners.withLock { $0[key] = continuation }
        return HTTPResponse(
            statusCode: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: HTTPBodySequence(from: EventBytes(stream: stream), suggestedBufferSize: 256))
    }

    /// Closes the event streams, so that the server can stop.
    func close() {
        listeners.withLock { listeners in
            for continuation in listeners.values { continuation.finish() }
            listeners = [:]
        }
    }
}

/// The bytes of a stream of events, as FlyingFox reads a body of unknown length (sent chunked).
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator()) }
}
