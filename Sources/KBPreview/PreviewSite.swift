import Foundation
import KBCore
import KBOutput
import Synchronization

/// The site as `kb serve` last built it, held in memory, and the answer to each request for it:
/// every page gets a script that reloads it when a build finishes (server-sent events on
/// `/_kb/events`) and a panel listing the problems of the page's article.
///
/// Only the author's browser is answered: a request must name this computer in `Host`
/// (`HostPolicy`), a page of another site may follow a link here but not load anything, and
/// every response says so to the browser too (`securityHeaders`). Files copied from the content
/// (images, documents) are opened at request time through `open`, which refuses a file that is
/// no longer where the build found it, and streamed.
public final class PreviewSite: Sendable {
    struct Published: Sendable {
        var files: [String: BuiltSite.File] = [:]
        /// Diagnostics by file of the content (in the build's paths).
        var diagnostics: [String: [Diagnostic]] = [:]
        /// Problems of the build as a whole (a template that does not parse, a failed build).
        var failure: String?
        var generation = 0
    }

    /// A copied file opened for one response; its descriptor is closed when the value goes.
    public final class OpenedFile: Sendable {
        public let descriptor: Int32
        public let size: Int

        public init(descriptor: Int32, size: Int) {
            self.descriptor = descriptor
            self.size = size
        }

        deinit {
            #if canImport(Glibc)
            Glibc.close(descriptor)
            #else
            Darwin.close(descriptor)
            #endif
        }
    }

    private let published = Mutex(Published())
    private let listeners = Mutex<[Int: AsyncStream<[UInt8]>.Continuation]>([:])
    private let nextListener = Atomic<Int>(0)
    let hosts: HostPolicy
    let redaction: PathRedaction
    let open: @Sendable (String) throws -> OpenedFile

    /// - Parameters:
    ///   - hosts: the address kb serve listens on (`--host`) and the other names it answers to.
    ///   - privateFolders: folders whose absolute paths viewers on other computers do not see,
    ///     each with the name shown instead (the content folder, the home folder).
    ///   - open: opens a copied file by the path the build recorded, or throws why not.
    public init(
        host: String, allowedHosts: [String] = [], privateFolders: [(folder: String, name: String)] = [],
        open: @escaping @Sendable (String) throws -> OpenedFile
    ) {
        hosts = HostPolicy(listening: host, allowed: allowedHosts)
        redaction = PathRedaction(roots: privateFolders)
        self.open = open
    }

    /// Serves a new build and tells every open page to reload. A failed build (`failure`) keeps
    /// the files of the last one.
    /// `located` names each diagnostic's file as its author knows it (below the content folder
    /// as given, without the locale a tree without locale folders is read as); the page of an
    /// article shows its own.
    public func publish(
        files: [BuiltSite.File], diagnostics: [Diagnostic], failure: String? = nil, located: (Diagnostic) -> Diagnostic = { $0 }
    ) {
        let grouped = Dictionary(grouping: diagnostics, by: \.file).mapValues { $0.map(located) }
        let generation = published.withLock { site in
            if failure == nil || site.files.isEmpty {
                site.files = Dictionary(files.map { ($0.path, $0) }) { first, _ in first }
            }
            site.diagnostics = grouped
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

    /// How many pages listen for reloads: an event stream is let go as soon as its page is.
    var listenerCount: Int { listeners.withLock(\.count) }

    /// Closes the event streams, so that the server can stop.
    public func close() {
        // Finished outside the lock: finishing a stream runs its termination handler, which takes it.
        let open = listeners.withLock { listeners in
            defer { listeners = [:] }
            return Array(listeners.values)
        }
        for continuation in open { continuation.finish() }
    }

    /// The events for one page: the current generation at once, then one per build. Buffers
    /// only the newest few for a page that reads slowly; ends when the page goes.
    func events() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let key = nextListener.add(1, ordering: .relaxed).newValue
        continuation.yield(Array("retry: 500\nevent: reload\ndata: \(generation)\n\n".utf8))
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: key) }
        }
        listeners.withLock { $0[key] = continuation }
        return stream
    }

    // MARK: Requests

    /// What kb serve reads of a request.
    struct Request: Sendable {
        var method: String
        /// The request target, as received.
        var target: String
        /// Every `Host` field's value.
        var hosts: [String]
        /// `Sec-Fetch-Site`, `Sec-Fetch-Mode` and `Sec-Fetch-Dest`, which browsers send.
        var fetchSite: String?
        var fetchMode: String?
        var fetchDestination: String?
        /// Whether the request came from this computer: only then do problems show absolute paths.
        var fromLoopback: Bool
    }

    struct Response {
        enum Body {
            case bytes([UInt8])
            /// A copied file, streamed from its descriptor.
            case file(OpenedFile)
            /// The reload events, for as long as the page listens.
            case events
        }

        var status: Int
        var headers: [(name: String, value: String)]
        var body: Body
    }

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

    func response(to request: Request) -> Response {
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.text(405, "kb serve answers GET and HEAD requests only.", extra: [("Allow", "GET, HEAD")])
        }
        guard request.hosts.count == 1, let host = request.hosts.first else {
            return Self.text(400, "A request needs exactly one Host header.")
        }
        guard hosts.allows(host) else {
            return Self.text(403, """
                kb serve answers only requests addressed to this computer (localhost, an IP address, or the address it \
                listens on); this one is addressed to '\(String(host.prefix(200)))'. If you open the preview under that \
                name on purpose, start kb serve with --allowed-host and the name.
                """)
        }
        if let site = request.fetchSite?.lowercased(), site != "same-origin", site != "none" {
            // Another site (or another port of this one) may link here; it may not load pages,
            // scripts, images or events from the preview into its own.
            let navigation = request.fetchMode?.lowercased() == "navigate"
                && ["document", nil].contains(request.fetchDestination?.lowercased())
            guard navigation else {
                return Self.text(403, "kb serve answers only its own pages; another site asked for this file.")
            }
        }
        let target: RequestTarget
        switch RequestTarget.parse(request.target) {
        case .success(let parsed): target = parsed
        case .failure(.emptySegment): return notFound(request.target, fromLoopback: request.fromLoopback)
        case .failure(let problem): return Self.text(400, "The address cannot be read (\(problem)).")
        }
        if !target.isFolder, "/" + target.path == Self.eventsPath {
            return Response(status: 200, headers: Self.headers(type: "text/event-stream"), body: .events)
        }
        if !target.isFolder, "/" + target.path == Self.scriptPath {
            return Response(status: 200, headers: Self.headers(type: "text/javascript; charset=utf-8"), body: .bytes(Array(Self.script.utf8)))
        }

        var relative = target.path
        if target.isFolder || relative.isEmpty { relative += relative.isEmpty ? "index.html" : "/index.html" }
        let site = published.withLock { $0 }
        guard let file = site.files[relative] else {
            // A folder asked for without its slash: with it, the page's relative links work.
            if !target.isFolder, !target.path.isEmpty, site.files[target.path + "/index.html"] != nil {
                let location = "/" + RequestTarget.encoded(target.path) + "/" + (target.query.map { "?" + $0 } ?? "")
                return Self.text(301, "Moved to \(location)", extra: [("Location", location)])
            }
            return notFound(relative, fromLoopback: request.fromLoopback)
        }
        let type = Self.contentType(of: file.path)
        if let source = file.source {
            do {
                return Response(status: 200, headers: Self.headers(type: type), body: .file(try open(source)))
            } catch {
                let page = Self.page(title: "Changed", body: """
                    <h1>This file changed</h1><p><code>\(relative.htmlEscaped)</code> is no longer what the last build \
                    found (\(shown("\(error)", fromLoopback: request.fromLoopback).htmlEscaped)); kb serve builds again \
                    and this page reloads.</p>
                    """)
                return Response(status: 404, headers: Self.headers(type: "text/html; charset=utf-8"), body: .bytes(Array(page.utf8)))
            }
        }
        var contents = file.contents
        if type.hasPrefix("text/html") {
            let problems = (file.origin.flatMap { site.diagnostics[$0] } ?? []).filter { $0.severity != .note }
            var messages = problems.map { diagnostic in
                "\(diagnostic.file)\(diagnostic.location.map { ":\($0.line):\($0.column)" } ?? ""): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.identifier)]"
            }
            if let failure = site.failure { messages.insert(failure, at: 0) }
            contents = Self.injecting(into: contents, panel: Self.panel(messages.map { shown($0, fromLoopback: request.fromLoopback) }))
        }
        return Response(status: 200, headers: Self.headers(type: type), body: .bytes(contents))
    }

    /// The site's own 404 page when it has one (its links start at the server's root), else a
    /// short page; either with the reload script and a failed build's message.
    private func notFound(_ path: String, fromLoopback: Bool) -> Response {
        let (failure, own) = published.withLock { ($0.failure, $0.files["404.html"]) }
        if let own, own.source == nil {
            let panel = Self.panel(failure.map { [shown($0, fromLoopback: fromLoopback)] } ?? [])
            return Response(status: 404, headers: Self.headers(type: "text/html; charset=utf-8"), body: .bytes(Self.injecting(into: own.contents, panel: panel)))
        }
        let page = Self.page(title: "Not found", body: "<h1>Not found</h1><p>There is no <code>\(String(path.prefix(500)).htmlEscaped)</code> in the site.</p>"
            + Self.panel(failure.map { [shown($0, fromLoopback: fromLoopback)] } ?? []))
        return Response(status: 404, headers: Self.headers(type: "text/html; charset=utf-8"), body: .bytes(Array(page.utf8)))
    }

    /// A problem as this viewer may read it: whole on this computer, without absolute paths
    /// elsewhere.
    private func shown(_ message: String, fromLoopback: Bool) -> String {
        fromLoopback ? message : redaction.redacted(message)
    }

    // MARK: Headers

    /// What the site's own pages need, and nothing more: their scripts, styles (and the
    /// `style` attributes of tables), images (also remote ones an article shows), no frames,
    /// no plug-ins, forms only to the site.
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: http: https:; media-src 'self' http: https:; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'"

    /// The headers every response carries: the type, never sniffed; no framing; no referrer
    /// sent on; readable by the preview's own pages only; not cached (every build changes it).
    static func headers(type: String) -> [(name: String, value: String)] {
        [
            ("Content-Type", type),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Content-Security-Policy", contentSecurityPolicy(type: type)),
            ("Cache-Control", "no-store"),
        ]
    }

    /// Pages get `pagePolicy`; an SVG image opened on its own is a document too, and runs
    /// nothing (`sandbox`); other files are no documents that could run script, and may not be
    /// framed (a PDF keeps the browser's viewer).
    static func contentSecurityPolicy(type: String) -> String {
        if type.hasPrefix("text/html") { return pagePolicy }
        if type.hasPrefix("image/svg") { return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox" }
        if type == "application/pdf" { return "frame-ancestors 'none'" }
        return "default-src 'none'; frame-ancestors 'none'"
    }

    /// A short answer in plain text (never HTML: nothing in it can be markup).
    static func text(_ status: Int, _ message: String, extra: [(name: String, value: String)] = []) -> Response {
        Response(status: status, headers: headers(type: "text/plain; charset=utf-8") + extra, body: .bytes(Array((message + "\n").utf8)))
    }

    // MARK: Pages

    /// The page with the reload script, and the problems panel when there are problems, put
    /// before `</body>`.
    static func injecting(into page: [UInt8], panel: String) -> [UInt8] {
        let addition = Array((panel + "<script src=\"\(scriptPath)\"></script>").utf8)
        let closing = Array("</body>".utf8)
        guard let index = lastIndex(of: closing, in: page) else { return page + addition }
        return Array(page[..<index]) + addition + Array(page[index...])
    }

    /// The problems of the page's article in a corner, one line when folded: its summary folds
    /// and unfolds it, so that it never hides the page for long.
    static func panel(_ messages: [String]) -> String {
        guard !messages.isEmpty else { return "" }
        let items = messages.map { "<li><code>\($0.htmlEscaped)</code></li>" }.joined()
        let count = messages.count == 1 ? "1 problem" : "\(messages.count) problems"
        return """
            <details id="kb-problems" open role="alert" style="position:fixed;inset:auto .75rem .75rem auto;max-width:min(42rem,calc(100vw - 1.5rem));\
            max-height:min(30vh,16rem);overflow:auto;margin:0;padding:.5rem .9rem;background:#fff4f4;color:#5c0000;border:1px solid #c00;\
            border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.25);font:13px/1.4 system-ui,sans-serif;z-index:2147483647">\
            <summary style="cursor:pointer;font-weight:600">kb serve: \(count) in this page's article or the build</summary>\
            <ul style="margin:.25rem 0 0;padding-inline-start:1.25rem">\(items)</ul></details>
            """
    }

    static func page(title: String, body: String) -> String {
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title.htmlEscaped)</title></head><body>\(body)"
            + "<script src=\"\(scriptPath)\"></script></body></html>"
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
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
}
