import Foundation
import KBCore
import KBOutput
import NIOCore
import NIOEmbedded
import Testing
@testable import KBPreview

/// A preview of a small site: a page, a folder's page, a copied image (a file on disk, removed
/// by the caller) and a problem in the page's article.
func previewSite(image: URL? = nil, open: (@Sendable (String) throws -> PreviewSite.OpenedFile)? = nil) -> PreviewSite {
    let site = PreviewSite(
        host: "127.0.0.1", allowedHosts: ["docs.example.lan"], privateFolders: [("/home/ada/docs/content", "content"), ("/home/ada", "~")],
        open: open ?? { path in
            let descriptor = Foundation.open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileNoSuchFile) }
            var status = stat()
            fstat(descriptor, &status)
            return PreviewSite.OpenedFile(descriptor: descriptor, size: Int(status.st_size))
        })
    var files = [
        BuiltSite.File(path: "nl-nl/a.html", text: "<!doctype html><html><body><p>A</p></body></html>", origin: "nl-nl/a.md"),
        BuiltSite.File(path: "nl-nl/index.html", text: "<!doctype html><html><body>Home</body></html>"),
        BuiltSite.File(path: "nl-nl/aA.png", text: "not this one"),
    ]
    if let image { files.append(BuiltSite.File(path: "nl-nl/image.png", copying: image.path, origin: "nl-nl/image.png")) }
    site.publish(files: files, diagnostics: [
        Diagnostic(.warning, .fileOutsideContent, "this is a symbolic link to '/home/ada/secret/key.txt', outside the content folder",
                   file: "nl-nl/a.md", at: nil),
    ])
    return site
}

func request(_ target: String, method: String = "GET", host: String? = "127.0.0.1:8000", fetchSite: String? = nil,
             fetchMode: String? = nil, fetchDestination: String? = nil, fromLoopback: Bool = true) -> PreviewSite.Request {
    PreviewSite.Request(method: method, target: target, hosts: host.map { [$0] } ?? [], fetchSite: fetchSite, fetchMode: fetchMode,
                        fetchDestination: fetchDestination, fromLoopback: fromLoopback)
}

extension PreviewSite.Response {
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String {
        if case .bytes(let bytes) = body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }
}

@Suite("kb serve's answers: only the author's browser, only what the last build checked")
struct PreviewSiteTests {
    @Test("a request target is decoded once, segment by segment; what browsers never send is refused", arguments: [
        ("/nl-nl/a.html", "nl-nl/a.html", false), ("/nl-nl/", "nl-nl", true), ("/", "", true), ("/a%2541.png", "a%41.png", false),
        ("/caf%C3%A9.html?q=%20x#top", "café.html", false), ("/a%20b/", "a b", true),
    ])
    func target(raw: String, path: String, isFolder: Bool) throws {
        let target = try RequestTarget.parse(raw).get()
        #expect(target.path == path && target.isFolder == isFolder)
    }

    @Test("traversal, encoded separators, bad encodings and other forms are refused", arguments: [
        ("/../etc/passwd", RequestTarget.Problem.forbiddenSegment), ("/%2e%2e/%2e%2e/etc/passwd", .forbiddenSegment),
        ("/..%2f..%2fetc/passwd", .forbiddenSegment), ("/%2Fnl-nl", .forbiddenSegment), ("/a%5c..%5cb", .forbiddenSegment),
        ("/a%00.png", .forbiddenSegment), ("/%zz", .badEncoding), ("/%c0%ae%c0%ae/x", .badEncoding), ("/a%", .badEncoding),
        ("http://evil.example/", .notOriginForm), ("*", .notOriginForm), ("", .notOriginForm), ("//nl-nl/", .emptySegment),
    ])
    func refusedTarget(raw: String, problem: RequestTarget.Problem) {
        #expect(RequestTarget.parse(raw) == .failure(problem))
    }

    @Test("Host must name this computer, an IP address, the address listened on or an allowed name", arguments: [
        ("localhost", true), ("localhost:8000", true), ("LOCALHOST.:8000", true), ("app.localhost:1", true), ("127.0.0.1:8000", true),
        ("[::1]:8000", true), ("192.168.1.20:8000", true), ("[fe80::1]", true), ("docs.example.lan:8000", true), ("kb-host:9", true),
        ("evil.example", false), ("evil.example:8000", false), ("127.0.0.1.evil.example", false), ("localhost.evil.example", false),
        ("localhost@evil.example", false), ("", false), ("[::1", false), ("localhost:80a", false), ("localhost:99999", false),
        ("a b", false), ("127.1", false),
    ])
    func host(value: String, allowed: Bool) {
        #expect(HostPolicy(listening: "kb-host", allowed: ["Docs.Example.Lan."]).allows(value) == allowed)
    }

    static let statuses: [(PreviewSite.Request, Int)] = [
        (request("/nl-nl/a.html"), 200), (request("/nl-nl/a.html", method: "HEAD"), 200), (request("/nl-nl"), 301),
        (request("/nl-nl/", host: "localhost"), 200), (request("/missing.html"), 404), (request("/a%2541.png"), 404),
        (request("/", method: "POST"), 405), (request("/", method: "OPTIONS"), 405), (request("/", host: "evil.example"), 403),
        (request("/", host: nil), 400), (request("/" + String(repeating: "a", count: 9_000)), 404), (request("/%2Fnl-nl"), 400),
        (request("/_kb/live.js"), 200), (request("/_kb/events"), 200),
        (request("/nl-nl/a.html", fetchSite: "cross-site", fetchMode: "no-cors", fetchDestination: "script"), 403),
        (request("/nl-nl/a.html", fetchSite: "same-site", fetchMode: "cors", fetchDestination: "empty"), 403),
        (request("/nl-nl/a.html", fetchSite: "cross-site", fetchMode: "navigate", fetchDestination: "iframe"), 403),
        (request("/nl-nl/a.html", fetchSite: "cross-site", fetchMode: "navigate", fetchDestination: "document"), 200),
        (request("/nl-nl/a.html", fetchSite: "same-origin", fetchMode: "cors", fetchDestination: "empty"), 200),
        (request("/nl-nl/a.html", fetchSite: "none", fetchMode: "navigate", fetchDestination: "document"), 200),
    ]

    @Test("every answer carries the security headers; its status is the one the request deserves", arguments: statuses)
    func statusAndHeaders(request: PreviewSite.Request, status: Int) {
        let response = previewSite().response(to: request)
        #expect(response.status == status, "\(request.method) \(request.target.prefix(40))")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("X-Frame-Options") == "DENY")
        #expect(response.header("Referrer-Policy") == "no-referrer")
        #expect(response.header("Cross-Origin-Resource-Policy") == "same-origin")
        #expect(response.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        #expect(response.header("Content-Type") != nil)
    }

    @Test("a folder asked for without its slash moves to it, on this host only")
    func redirect() {
        let site = previewSite()
        #expect(site.response(to: request("/nl-nl?x=1")).header("Location") == "/nl-nl/?x=1")
        // An encoded slash at the start would make `//host`, another host to a browser.
        #expect(site.response(to: request("/%2Fnl-nl")).header("Location") == nil)
    }

    @Test("a copied file is streamed from what `open` gives; a file `open` refuses is not served")
    func copiedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("image.png")
        try Data("PNG".utf8).write(to: image)
        let served = previewSite(image: image).response(to: request("/nl-nl/image.png"))
        guard case .file(let file) = served.body else {
            Issue.record("not streamed from the file")
            return
        }
        #expect(file.size == 3 && served.header("Content-Type") == "image/png")
        struct Moved: Error, CustomStringConvertible { var description: String { "moved to '/home/ada/secret/image.png'" } }
        let refused = previewSite(image: image, open: { _ in throw Moved() })
        let local = refused.response(to: request("/nl-nl/image.png"))
        #expect(local.status == 404 && local.text.contains("/home/ada/secret/image.png"))
        let remote = refused.response(to: request("/nl-nl/image.png", host: "192.168.1.20:8000", fromLoopback: false))
        #expect(remote.status == 404 && !remote.text.contains("/home/ada") && remote.text.contains("~/secret/image.png"))
    }

    @Test("an SVG image opened on its own runs nothing; pages get a policy their own scripts and styles satisfy")
    func policies() {
        #expect(PreviewSite.contentSecurityPolicy(type: "image/svg+xml").hasSuffix("sandbox"))
        let page = PreviewSite.contentSecurityPolicy(type: "text/html; charset=utf-8")
        #expect(page.contains("script-src 'self'") && !page.contains("unsafe-eval") && page.contains("object-src 'none'"))
    }

    @Test("the problems panel names files as their author knows them, folds to one line, and holds a corner of the page")
    func panelPaths() {
        let site = previewSite()
        let files = [BuiltSite.File(path: "en/guides/broken.html", text: "<!doctype html><html><body><p>B</p></body></html>", origin: "en/guides/broken.md")]
        site.publish(files: files, diagnostics: [
            Diagnostic(.warning, .linkAnchorMissing, "the link '#x' points to an anchor this article does not have", file: "en/guides/broken.md", at: nil),
        ]) { diagnostic in
            var located = diagnostic
            located.file = "docs/" + diagnostic.file.dropFirst(3)
            return located
        }
        let page = site.response(to: request("/en/guides/broken.html")).text
        #expect(page.contains("<code>docs/guides/broken.md: warning: the link") && !page.contains("en/guides/broken.md:"))
        #expect(page.contains(#"<details id="kb-problems" open"#) && page.contains("<summary") && page.contains("kb serve: 1 problem in"))
    }

    @Test("a missing page is answered with the site's own 404 page when it has one")
    func ownNotFound() {
        let site = previewSite()
        #expect(site.response(to: request("/missing.html")).text.contains("There is no"))
        site.publish(files: [BuiltSite.File(path: "404.html", text: "<!doctype html><html><body><h1>Pagina niet gevonden</h1></body></html>")], diagnostics: [])
        let answer = site.response(to: request("/missing.html"))
        #expect(answer.status == 404 && answer.text.contains("Pagina niet gevonden") && answer.text.contains("/_kb/live.js"))
    }

    @Test("the problems panel shows absolute paths only to this computer")
    func panel() {
        let site = previewSite()
        let local = site.response(to: request("/nl-nl/a.html")).text
        #expect(local.contains("kb-problems") && local.contains("/home/ada/secret/key.txt") && local.contains("/_kb/live.js"))
        let remote = site.response(to: request("/nl-nl/a.html", host: "192.168.1.20:8000", fromLoopback: false)).text
        #expect(remote.contains("kb-problems") && !remote.contains("/home/ada") && remote.contains("~/secret/key.txt"))
        site.publish(files: [], diagnostics: [], failure: "kb serve: the build failed: '/home/ada/docs/content/kb.yml' cannot be read")
        let failed = site.response(to: request("/nl-nl/a.html", host: "192.168.1.20:8000", fromLoopback: false)).text
        #expect(failed.contains("content/kb.yml") && !failed.contains("/home/ada"))
    }

    @Test("a page's event stream gets each build's reload, is let go when the page goes, and ends when kb serve stops")
    func events() async {
        let site = previewSite()
        var first = site.events().makeAsyncIterator()
        #expect(await first.next().map { String(decoding: $0, as: UTF8.self) }?.contains("data: 1") == true)
        do {
            _ = site.events()  // a page that left before reading anything
        }
        #expect(site.listenerCount == 1)
        site.publish(files: [], diagnostics: [])
        #expect(await first.next().map { String(decoding: $0, as: UTF8.self) } == "event: reload\ndata: 2\n\n")
        site.close()
        #expect(await first.next() == nil && site.listenerCount == 0)
    }

    @Test("absolute paths are cut to their last component; URLs and relative paths are kept")
    func redaction() {
        let redaction = PathRedaction(roots: [("/home/ada/docs/content", "content"), ("/home/ada", "~")])
        #expect(redaction.redacted("a link to '/etc/passwd' in nl-nl/a.md") == "a link to '…/passwd' in nl-nl/a.md")
        #expect(redaction.redacted("/home/ada/docs/content/nl-nl/a.md:3: x") == "content/nl-nl/a.md:3: x")
        #expect(redaction.redacted("see /home/ada/notes.txt") == "see ~/notes.txt")
        #expect(redaction.redacted("https://example.com/a/b and ../a/b") == "https://example.com/a/b and ../a/b")
        #expect(redaction.redacted("(/var/tmp/x)") == "(…/x)")
    }
}

@Suite("kb serve's connections: heads refused in one pass, with the right status; room made by closing idle connections")
struct PreviewConnectionTests {
    func answers(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test("a request line past the limit is 414, a header field or a head past it 431, garbage 400; each closes the connection")
    func refusedHeads() throws {
        let limits = PreviewServer.Limits(connections: 4)
        for (head, status) in [
            ("GET /" + String(repeating: "a", count: limits.field + 10) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "414 URI Too Long"),
            // Read in one piece with a request after it: the refused request's line decides.
            ("GET /" + String(repeating: "a", count: limits.field + 10) + " HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\n\r\n",
             "414 URI Too Long"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nX: " + String(repeating: "a", count: limits.field + 10) + "\r\n\r\n", "431 Request Header Fields Too Large"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\n" + (0..<(limits.fields + 5)).map { "X\($0): y\r\n" }.joined() + "\r\n", "431 Request Header Fields Too Large"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\n" + (0..<8).map { "X\($0): " + String(repeating: "b", count: 9_000) + "\r\n" }.joined() + "\r\n",
             "431 Request Header Fields Too Large"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400 Bad Request"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding : chunked\r\n\r\n", "400 Bad Request"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", "400 Bad Request"),
            ("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n", "400 Bad Request"),
            ("\u{1}\u{2}garbage\r\n\r\n", "400 Bad Request"),
        ] {
            let connection = try EmbeddedPreview(site: previewSite(), limits: limits)
            let answer = answers(connection.send(Array(head.utf8)))
            #expect(answer.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(head.prefix(60)): \(answer.prefix(60))")
            #expect(answer.lowercased().contains("x-content-type-options: nosniff") && answer.lowercased().contains("connection: close"))
            #expect(!connection.isOpen)
        }
    }

    @Test("a header line of a megabyte is refused once the limit's bytes have come, not at its end")
    func refusedEarly() throws {
        let connection = try EmbeddedPreview(site: previewSite())
        var answer = connection.send(Array("GET / HTTP/1.1\r\nHost: localhost\r\nX: ".utf8))
        #expect(answer.isEmpty)
        for _ in 0..<5 where answer.isEmpty {
            answer = connection.send([UInt8](repeating: UInt8(ascii: "a"), count: 16 * 1024))
        }
        #expect(answers(answer).hasPrefix("HTTP/1.1 431 "))
        #expect(!connection.isOpen)
    }

    @Test("a viewer on another computer gets the page without the author's paths; this computer gets them")
    func remotePeer() throws {
        let request = Array("GET /nl-nl/a.html HTTP/1.1\r\nHost: 192.168.1.10:8000\r\n\r\n".utf8)
        let remote = try EmbeddedPreview(site: previewSite(), peer: try SocketAddress(ipAddress: "192.168.1.20", port: 40_000))
        let remoteAnswer = answers(remote.send(request))
        #expect(remoteAnswer.hasPrefix("HTTP/1.1 200 ") && remoteAnswer.contains("kb-problems") && !remoteAnswer.contains("/home/ada"))
        let local = try EmbeddedPreview(site: previewSite())
        #expect(answers(local.send(request)).contains("/home/ada/secret/key.txt"))
    }

    @Test("pipelined requests are answered in order; a refused head after them is answered last")
    func pipelined() throws {
        let connection = try EmbeddedPreview(site: previewSite())
        let answer = answers(connection.send(Array((
            "GET /nl-nl/a.html HTTP/1.1\r\nHost: localhost\r\n\r\nHEAD /nl-nl/a.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\n").utf8)))
        let statuses = answer.matches(of: /HTTP\/1\.1 \d{3} [^\r]*/).map { String($0.output) }
        #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 414 URI Too Long"], "\(answer.prefix(300))")
        // HEAD: the length of the page, and no body.
        #expect(answer.components(separatedBy: "<p>A</p>").count == 2)
    }

    @Test("past the limit, the oldest idle connection is closed; then the oldest event stream; when all are busy, the new one")
    func registry() throws {
        let registry = ConnectionRegistry(limit: 2)
        let site = previewSite()
        let first = try EmbeddedPreview(site: site, registry: registry)
        let second = try EmbeddedPreview(site: site, registry: registry)
        let third = try EmbeddedPreview(site: site, registry: registry)
        #expect(!first.isOpen && second.isOpen && third.isOpen && registry.count == 2)

        // Both busy: the second carries events, the third a request in flight (a head without its end).
        let states = [second, third].compactMap { try? $0.channel.pipeline.syncOperations.handler(type: RequestLineGauge.self).state }
        states[0].inFlight.store(1, ordering: .relaxed)
        states[0].carriesEvents.store(true, ordering: .relaxed)
        states[1].inFlight.store(1, ordering: .relaxed)
        let fourth = try EmbeddedPreview(site: site, registry: registry)
        #expect(!second.isOpen && third.isOpen && fourth.isOpen)
        try fourth.channel.pipeline.syncOperations.handler(type: RequestLineGauge.self).state.inFlight.store(1, ordering: .relaxed)
        let fifth = try EmbeddedPreview(site: site, registry: registry)
        #expect(third.isOpen && fourth.isOpen && !fifth.isOpen)
    }
}
