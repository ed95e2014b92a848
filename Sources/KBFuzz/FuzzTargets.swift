// Fuzz targets for libFuzzer. `scripts/fuzz` builds this executable with
// `-sanitize=fuzzer,address -DKB_FUZZ` (libFuzzer then supplies `main`) and runs one target per
// run, chosen by KB_FUZZ_TARGET. Built normally, the executable replays inputs instead:
// `kb-fuzz TARGET FILE…` runs each file through the target, so that a crash found by the
// fuzzer can be reproduced and debugged without the sanitizers.
//
// Each target checks a property, not only that nothing crashes: what the sanitizer and the
// renderer write holds nothing executable (checked by an HTML reading independent of theirs),
// URLs that pass stay safe and stable, search terms and code normalization are idempotent.
import Foundation
import KBCore
@testable import KBCommandLine
@testable import KBExtraction
import KBLexicon
import KBLinking
@testable import KBContractFiles
@testable import KBMCP
import KBModel
import KBOutput
@testable import KBPages
import KBPipeline
@testable import KBPreview
@testable import KBQuery
@testable import KBSearchIndex
@testable import KBSyntax
import HTTPTypes
import MCP
import NIOCore
import KBWeb
import KBText

enum FuzzTarget: String, CaseIterable {
    case frontMatter = "front-matter"
    case article
    case url
    case sanitizer
    case tokenizer
    case code
    case mcp
    case mcpLines = "mcp-lines"
    case http

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .frontMatter: Self.frontMatter(text)
        case .article: Self.article(text)
        case .url: Self.url(text)
        case .sanitizer: Self.sanitizer(text)
        case .tokenizer: Self.tokenizer(text)
        case .code: Self.code(text)
        case .mcp: Self.mcp(bytes)
        case .mcpLines: Self.mcpLines(bytes)
        case .http: Self.http(bytes)
        }
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("property violated: " + message()) }
    }

    // MARK: Targets

    static func frontMatter(_ text: String) {
        let result = FrontMatterParser.parse(Substring(text), firstLine: 2, file: "fuzz.md")
        require(result.fields.count <= Limits.default.yamlValues, "more fields than the value budget")
        _ = TableOfContentsParser.parse(text, file: "toc.yml")
        _ = DocumentParser.split(text, file: "fuzz.md")
    }

    /// One article through parsing, extraction (its includes are the article itself), linking
    /// and rendering; the page's body and the Markdown twin hold nothing executable.
    static func article(_ text: String) {
        // Every include is the input itself: a smaller budget for what includes may add than a
        // build's, so that one input stays fast (the limit itself is tested elsewhere).
        var limits = Limits.default
        limits.includedSize = 64 * 1024
        let read: KnowledgeBaseBuilder.Reader = { _ in text }
        let extractor = ArticleExtractor(includes: IncludeResolver(read: read, limits: limits), limits: limits)
        let result = extractor.extract(DocumentParser.parse(text, file: "nl-nl/fuzz.md", limits: limits))
        let linked = TranslationLinker.link(KnowledgeBase(articles: [result.article], diagnostics: result.diagnostics))
        var renderer = HTMLRenderer()
        renderer.rewriteLink = SitePaths.pageLink
        let html = renderer.render(result.article.document)
        if let problem = SafeHTML.problem(in: html) { fatalError("page: \(problem)") }
        let markdown = result.article.document.allSections.flatMap(\.blocks).markdown
        if let problem = SafeHTML.unsafeMarkdownLink(in: markdown) { fatalError("twin: \(problem)") }
        _ = ContractBuilder().build(linked)
        _ = SearchIndexBuilder().build(linked)
    }

    static func url(_ text: String) {
        for use in [URLSafety.Use.link, .image] {
            for candidate in [text, HTMLCharacterReferences.decode(text, in: .attribute)] {
                guard let safe = URLSafety.safe(candidate, for: use) else { continue }
                require(SafeHTML.isSafeURL(safe, image: use == .image), "unsafe URL passed: \(candidate.debugDescription) → \(safe)")
                require(!safe.unicodeScalars.contains { $0.value <= 0x20 || $0.value >= 0x7F || "\"<>\\`".unicodeScalars.contains($0) },
                        "URL not encoded: \(safe.debugDescription)")
                require(URLSafety.safe(safe, for: use) == safe, "not stable: \(safe.debugDescription)")
            }
        }
        let path = URLSafety.pathURL(text)
        require(SafeHTML.isSafeURL(path, image: true), "a path became a scheme: \(path)")
    }

    static func sanitizer(_ text: String) {
        for inline in [false, true] {
            var sanitizer = HTMLSanitizer()
            sanitizer.isInline = inline
            var output = ""
            sanitizer.write(text, into: &output)
            sanitizer.closeForBlockContent(into: &output)
            sanitizer.write(text, into: &output)
            sanitizer.finish(into: &output)
            if let problem = SafeHTML.problem(in: output) { fatalError("sanitizer: \(problem) in \(output.prefix(500).debugDescription)") }
        }
    }

    static func tokenizer(_ text: String) {
        for term in SearchTokenizer.terms(in: text).prefix(500) {
            require(!term.text.isEmpty, "an empty term")
            require(TextFolding.fold(term.text) == term.text, "a term is not folded: \(term.text.debugDescription)")
            let again = SearchTokenizer.terms(in: term.text).map(\.text)
            require(again == [term.text], "terms of \(term.text.debugDescription) are \(again)")
        }
    }

    static func code(_ text: String) {
        for context in [CodeScanner.Context.prose, .heading, .codeCell] {
            for code in CodeScanner.codes(in: text, context: context) where code.kind != .malformed {
                let again = CodeScanner.codes(in: code.code, context: .codeCell).map(\.code)
                require(again == [code.code], "\(code.raw.debugDescription) → \(code.code) → \(again)")
            }
        }
        require(CodeLookup.normalized(CodeLookup.normalized(text)) == CodeLookup.normalized(text), "query normalization")
    }

    /// A message as `kb mcp` would receive it: validated by its transport, then, when it is a
    /// request, handled as the server handles tools, resource lists and reads.
    static func mcp(_ bytes: [UInt8]) {
        let data = Data(bytes)
        guard case .valid = LineReader(checks: MCPServer.checks).check(data), let server = MCPFixture.server else { return }
        guard let request = try? JSONDecoder().decode(Request.self, from: data) else { return }
        switch request.method {
        case "tools/call":
            _ = try? server.call(request.params?.name ?? "", request.params?.arguments ?? [:])
        case "resources/list":
            _ = try? server.resources(after: request.params?.cursor)
        case "resources/read":
            if let result = try? server.resource(request.params?.uri ?? "") {
                for content in result.contents { require(content.text?.contains("root:x:0:0") != true, "a file outside the site") }
            }
        default:
            break
        }
    }

    /// kb mcp's standard input in pieces: the same lines, answers and messages whatever the
    /// pieces (the first byte sets their size); every answer is a JSON-RPC error to `null` (or,
    /// for parameters, to the request's id); every message passed on checks as it was passed.
    static func mcpLines(_ bytes: [UInt8]) {
        let reader = LineReader(checks: MCPServer.checks)
        let whole = reader.events(of: bytes, inPiecesOf: bytes.count)
        let pieces = reader.events(of: bytes, inPiecesOf: 1 + Int(bytes.first ?? 0) % 17)
        require(whole == pieces, "pieces change the lines: \(whole.count) events whole, \(pieces.count) in pieces")
        for event in whole {
            switch event {
            case .reply(let data):
                guard let reply = try? JSONDecoder().decode([String: Value].self, from: data),
                      case .object(let error)? = reply["error"], case .int(let code)? = error["code"]
                else { fatalError("property violated: an answer that is not a JSON-RPC error: \(String(decoding: data, as: UTF8.self))") }
                require([-32700, -32600, -32602].contains(code), "error code \(code)")
                require(reply["jsonrpc"] == .string("2.0") && reply.keys.contains("id"), "an answer without jsonrpc or id")
                if code != -32602 { require(reply["id"] == .null, "an id made up for \(code)") }
            case .message(let data, let kind):
                require(reader.check(data) == .valid(kind), "a message passed on that does not check")
                require(String(validating: data, as: UTF8.self) != nil, "a message that is not UTF-8")
            }
        }
    }

    /// A connection to kb serve in memory (`EmbeddedPreview`: SwiftNIO's parser, kb's guards,
    /// the preview's answers), sent the input in two pieces, from this computer or another (the
    /// first byte says): every response carries the security headers and a status of the
    /// ones kb serve gives, redirects stay on the host, only a Host that is this computer's gets
    /// a page, and another computer never sees the author's paths.
    static func http(_ bytes: [UInt8]) {
        guard let fixture = HTTPFixture.shared else { return }
        let remote = (bytes.first ?? 0) & 1 == 1
        guard let connection = try? EmbeddedPreview(
            site: fixture.site, limits: fixture.limits,
            peer: try? SocketAddress(ipAddress: remote ? "192.168.1.20" : "127.0.0.1", port: 40_000))
        else { return }
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) * bytes.count / 256
        _ = connection.send(Array(bytes[..<split]))
        _ = connection.send(Array(bytes[split...]))
        let allowed: Set<Int> = [200, 301, 400, 403, 404, 405, 414, 431]
        let responses = connection.responses
        let requests = connection.answered
        require(responses.count >= requests.count && responses.count <= requests.count + 1, "\(requests.count) requests, \(responses.count) responses")
        // A page only for a request addressed to this computer, by its own pages or a navigation.
        for (request, response) in zip(requests, responses) where response.head.status.code == 200 {
            require(HostPolicy(listening: "127.0.0.1").allows(request.authority ?? ""), "a page for Host \(request.authority ?? "none")")
            require(request.headerFields[values: HTTPField.Name("Host")!].isEmpty, "a page for a request with two Host fields")
            require(request.method == .get || request.method == .head, "a page for \(request.method)")
            let site = request.headerFields[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased()
            if let site, site != "same-origin", site != "none" {
                require(request.headerFields[HTTPField.Name("Sec-Fetch-Mode")!]?.lowercased() == "navigate", "a cross-site load got a page")
            }
        }
        for (head, body) in responses {
            let fields = head.headerFields
            require(allowed.contains(head.status.code), "status \(head.status.code)")
            require(fields[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "no nosniff on \(head.status.code)")
            require(fields[HTTPField.Name("X-Frame-Options")!] == "DENY", "no X-Frame-Options on \(head.status.code)")
            require(fields[HTTPField.Name("Cross-Origin-Resource-Policy")!] == "same-origin", "no CORP on \(head.status.code)")
            require(fields[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true, "no CSP")
            if let location = fields[.location] {
                require(location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\"), "Location \(location)")
            }
            let text = String(decoding: body, as: UTF8.self)
            require(!text.contains("root:x:0:"), "a file outside the site")
            if remote { require(!text.contains(HTTPFixture.privateFolder), "an absolute path shown to another computer") }
            if head.status.code == 200 { require(fixture.servable.contains { body.isEmpty || text.contains($0) }, "a 200 with unknown contents") }
        }
    }

    struct Request: Decodable {
        struct Parameters: Decodable {
            var name: String?
            var arguments: [String: Value]?
            var cursor: String?
            var uri: String?
        }
        var method: String
        var params: Parameters?
    }
}

/// A site built in memory from the repository's seed content, served by an MCP server for the `mcp` target.
enum MCPFixture {
    nonisolated(unsafe) static var server: MCPServer?

    static func prepare(content: String) {
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            defer { semaphore.signal() }
            do {
                let pipeline = SiteBuild.memory(BuildSettings(), formats: OutputFormats.standard(templates: try TemplateSet()))
                let files = try await pipeline.make(try ContentTree(path: content)).filesByPath
                server = try MCPServer(reading: { path in files[path].map { Data($0.contents) } }, site: nil)
            } catch {
                FileHandle.standardError.write(Data("kb-fuzz: no site for the mcp target: \(error)\n".utf8))
            }
        }
        semaphore.wait()
    }
}

/// A preview of a small site for the `http` target: pages, a copied file, a problem that names
/// a private folder.
struct HTTPFixture {
    static let privateFolder = "/home/fuzz-author"
    nonisolated(unsafe) static var shared: HTTPFixture?

    let site: PreviewSite
    let limits: PreviewServer.Limits
    /// Texts one of which every 200 response holds (or an empty body, for HEAD).
    let servable: [String]

    static func prepare() {
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("kb-fuzz-image-\(getpid()).png")
        FileManager.default.createFile(atPath: image.path, contents: Data("PNG-BYTES".utf8))
        let site = PreviewSite(host: "127.0.0.1", privateFolders: [(privateFolder, "content")]) { path in
            let (descriptor, size) = try ContentTree.openListed(path)
            return PreviewSite.OpenedFile(descriptor: descriptor, size: size)
        }
        site.publish(files: [
            BuiltSite.File(path: "index.html", text: "<!doctype html><html><body>ROOT-PAGE</body></html>"),
            BuiltSite.File(path: "nl-nl/index.html", text: "<!doctype html><html><body>LOCALE-PAGE</body></html>"),
            BuiltSite.File(path: "nl-nl/a.html", text: "<!doctype html><html><body>ARTICLE-PAGE</body></html>", origin: "nl-nl/a.md"),
            BuiltSite.File(path: "nl-nl/a b.png", copying: ContentTree.realPath(image.path) ?? image.path, origin: "nl-nl/a b.png"),
        ], diagnostics: [
            Diagnostic(.warning, .fileOutsideContent, "a link to '\(privateFolder)/secret/key.txt'", file: "nl-nl/a.md", at: nil),
        ])
        // Limits small enough for the fuzzer's inputs to reach them.
        var limits = PreviewServer.Limits(connections: 64)
        (limits.field, limits.head, limits.fields) = (512, 2_048, 20)
        shared = HTTPFixture(
            site: site, limits: limits,
            servable: ["ROOT-PAGE", "LOCALE-PAGE", "ARTICLE-PAGE", "PNG-BYTES", "EventSource", "event: reload"])
    }
}

/// An HTML reading independent of the sanitizer's: every `<` of the output must start a tag of
/// the allowlist (or one the renderer writes), whose attributes are allowed ones, whose URLs
/// are safe; everything else is text, with its `<` escaped.
enum SafeHTML {
    static let elements: Set<String> = [
        "br", "p", "ol", "ul", "li", "strong", "b", "em", "i", "code", "kbd", "sup", "sub", "a", "img", "table", "thead",
        "tbody", "tfoot", "tr", "th", "td", "caption", "del", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "div",
        "hr", "span", "wbr",
    ]
    static let attributes: Set<String> = [
        "href", "src", "alt", "title", "name", "id", "width", "height", "colspan", "rowspan", "start", "class", "style",
        "loading", "role", "aria-label", "data-pivot", "data-label", "lang", "hreflang",
    ]

    static func problem(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return "an unclosed tag" }
            let tag = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if let problem = problem(inTag: tag) { return problem }
            index = end + 1
        }
        return nil
    }

    /// A tag as the renderer writes it: `name`, then ` attribute="value"` pairs. Read by
    /// scalars, as a browser reads them (a quote followed by a combining mark is still a quote).
    private static func problem(inTag tag: String) -> String? {
        var rest = Substring(tag).unicodeScalars[...]
        if rest.first == "/" { rest = rest.dropFirst() }
        let name = String(String.UnicodeScalarView(rest.prefix { $0 != " " }))
        guard elements.contains(name) else { return "element <\(name)>" }
        rest = rest.dropFirst(name.unicodeScalars.count)
        while !rest.isEmpty {
            guard rest.first == " " else { return "a malformed tag <\(tag)>" }
            rest = rest.dropFirst()
            let attribute = String(String.UnicodeScalarView(rest.prefix { $0 != "=" }))
            rest = rest.dropFirst(attribute.unicodeScalars.count)
            guard attributes.contains(attribute), rest.starts(with: "=\"".unicodeScalars) else {
                return "attribute \(attribute) in <\(tag)>"
            }
            rest = rest.dropFirst(2)
            guard let quote = rest.firstIndex(of: "\"") else { return "an unclosed attribute in <\(tag)>" }
            let value = HTMLCharacterReferences.decode(String(String.UnicodeScalarView(rest[..<quote])), in: .attribute)
            rest = rest[rest.index(after: quote)...]
            if attribute == "href" || attribute == "src", !isSafeURL(value, image: attribute == "src") {
                return "URL \(value.debugDescription)"
            }
            if attribute == "style", !value.hasPrefix("text-align:") { return "style \(value)" }
        }
        return nil
    }

    /// The scheme as the WHATWG URL parser finds it, written again here: C0 controls and
    /// spaces trimmed, tabs and line breaks removed, then letters, digits, `+-.` up to `:`.
    static func isSafeURL(_ url: String, image: Bool) -> Bool {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return true }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return (image ? ["http", "https"] : ["http", "https", "mailto"]).contains(scheme.lowercased()) }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar)
            else { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }

    /// A link or image of a Markdown file whose destination is a script URL, or raw HTML in
    /// it, as a CommonMark reader reads the file (cmark-gfm, with references and escapes
    /// decoded, code blocks as code).
    static func unsafeMarkdownLink(in markdown: String) -> String? {
        let tree = MarkdownParser.parse(Substring(markdown))
        for node in tree.nodes {
            switch node.kind {
            case .link, .image:
                if !isSafeURL(node.destination, image: false) { return node.destination }
            case .htmlBlock, .htmlInline:
                // Table cells of twins separate their lines with `<br>`; nothing else is HTML.
                if HTMLTag(node.literal)?.name != "br" { return "raw HTML: " + node.literal }
            default:
                continue
            }
        }
        return nil
    }
}

/// `kb-fuzz`: under libFuzzer (built with -DKB_FUZZ), the fuzzer's driver with the target
/// KB_FUZZ_TARGET names; otherwise `kb-fuzz TARGET FILE…` replays inputs. (SwiftPM links an
/// executable's own `main`, so libFuzzer's driver is started from here, not from its `main`.)
@main
struct FuzzMain {
    static func main() {
        #if KB_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: kb-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            return
        }
        prepare(target)
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            target.run(Array(data))
            print("\(path): ok")
        }
        #endif
    }

    static func prepare(_ target: FuzzTarget) {
        if target == .mcp { MCPFixture.prepare(content: ProcessInfo.processInfo.environment["KB_FUZZ_CONTENT"] ?? "content") }
        if target == .http { HTTPFixture.prepare() }
    }
}

#if KB_FUZZ
/// The target of this run, from KB_FUZZ_TARGET.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["KB_FUZZ_TARGET"] ?? "article"
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("KB_FUZZ_TARGET: one of " + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
    }
    FuzzMain.prepare(target)
    return target
}()

// Whichever `main` the linker keeps, libFuzzer's or the one above, these are what it calls.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = selectedTarget
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}

/// libFuzzer's driver, for programs that have a `main` of their own.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
