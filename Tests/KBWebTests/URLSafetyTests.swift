import Testing
import KBCore
@testable import KBWeb

@Suite("Character references and URLs, read as a browser reads them")
struct URLSafetyTests {
    @Test("character references decode as HTML5 decodes them", arguments: [
        // Numeric: any number of digits, with or without `;`, as in the attacks of the hostile tests.
        ("&#106;", "j"), ("&#x6A", "j"), ("&#X6a;", "j"), ("&#0000000000058;", ":"), ("&#x0000000076;", "v"),
        ("&#58a;", ":a;"), ("javascript&#x3a&#x3b;", "javascript:;"), ("&#0;", "\u{FFFD}"), ("&#x110000;", "\u{FFFD}"),
        ("&#99999999999999999999;", "\u{FFFD}"), ("&#xD800;", "\u{FFFD}"), ("&#128;", "€"), ("&#x9F;", "Ÿ"), ("&#x81;", "\u{81}"),
        // Named: the whole WHATWG table, the longest name, legacy names without `;`.
        ("&colon;", ":"), ("&Tab;", "\t"), ("&NewLine;", "\n"), ("&fjlig;", "fj"), ("&notin;", "∉"), ("&notit;", "¬it;"),
        ("&amp", "&"), ("&AMP;", "&"), ("&CounterClockwiseContourIntegral;", "∳"), ("&nosuch;", "&nosuch;"),
        // Not references.
        ("&", "&"), ("&#", "&#"), ("&#x", "&#x"), ("&#xZ;", "&#xZ;"), ("a & b", "a & b"), ("&;", "&;"),
    ])
    func references(text: String, decoded: String) {
        #expect(HTMLCharacterReferences.decode(text, in: .text) == decoded)
    }

    @Test("a legacy name in an attribute stays before = or a letter, as in a URL's query")
    func attributes() {
        #expect(HTMLCharacterReferences.decode("?a=1&copy=2", in: .attribute) == "?a=1&copy=2")
        #expect(HTMLCharacterReferences.decode("?a=1&copy=2", in: .text) == "?a=1©=2")
        #expect(HTMLCharacterReferences.decode("&notx", in: .attribute) == "&notx")
        #expect(HTMLCharacterReferences.decode("&not;x", in: .attribute) == "¬x")
        #expect(HTMLCharacterReferences.decode("&amp;x", in: .attribute) == "&x")
    }

    @Test("script URLs are refused however they are disguised", arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)", "java\nscript:alert(1)", "java\rscript:alert(1)", "javascript\t:alert(1)",
        "vbscript:msgbox(1)", "data:text/html,<script>", "livescript:x", "\u{0}javascript:x", " \u{1F}javascript:x\u{0} ",
        "feed:javascript:x", "x-javascript:alert(1)", "javascript:", "JAVASCRIPT\t:alert(1)",
    ])
    func refused(url: String) {
        #expect(URLSafety.safe(url) == nil, "\(url.debugDescription) passed")
    }

    @Test("links and relative URLs pass, cleaned and percent-encoded as they are checked", arguments: [
        ("https://example.com/a b", "https://example.com/a%20b"), ("HTTP://x", "HTTP://x"), ("mailto:a@b", "mailto:a@b"),
        ("x.md#anchor", "x.md#anchor"), ("../a/b.html?x=1&y=2", "../a/b.html?x=1&y=2"), ("#top", "#top"),
        (" https://x ", "https://x"), ("https://x/\"><script>", "https://x/%22%3E%3Cscript%3E"), ("a#b#c", "a#b%23c"),
        ("java script:alert(1)", "./java%20script:alert(1)"), ("%6Aavascript:x", "./%6Aavascript:x"),
        ("\u{FFFD}javascript:x", "./%EF%BF%BDjavascript:x"), ("//example.com/x", "//example.com/x"),
    ])
    func passed(url: String, written: String) {
        #expect(URLSafety.safe(url) == written)
    }

    @Test("images may not be mailto: links, and what passes is stable")
    func images() {
        #expect(URLSafety.safe("mailto:a@b", for: .image) == nil)
        #expect(URLSafety.safe("media/x.png", for: .image) == "media/x.png")
        for url in ["a b:c", "x y/z", "https://x/é", "./a:b"] {
            let once = try! #require(URLSafety.safe(url))
            #expect(URLSafety.safe(once) == once)
        }
    }

    @Test("paths of the site become URLs that are never read as a scheme", arguments: [
        ("javascript:alert(1).html", "./javascript:alert(1).html"), ("nl-nl/a b#1?.html", "nl-nl/a%20b%231%3F.html"),
        ("nl-nl/100%.html", "nl-nl/100%25.html"), ("codes/0x80CF0437.html", "codes/0x80CF0437.html"),
        ("../x:y/z.html", "../x:y/z.html"), ("é.html", "%C3%A9.html"),
    ])
    func paths(path: String, url: String) {
        #expect(URLSafety.pathURL(path) == url)
    }

    @Test("what a terminal would act on is escaped")
    func terminal() {
        #expect("a\u{1B}[2Jb\u{7}".terminalEscaped == "a\\u{1B}[2Jb\\u{7}")
        #expect("file\u{202E}gpj.exe".terminalEscaped == "file\\u{202E}gpj.exe")
        #expect("Fout 0x80CF0437 – geïnstalleerd".terminalEscaped == "Fout 0x80CF0437 – geïnstalleerd")
        let diagnostic = Diagnostic(.warning, .linkInvalidURL, "link '\u{1B}]0;t\u{7}'", file: "a\u{1B}.md", at: nil)
        #expect(!diagnostic.consoleDescription.unicodeScalars.contains { $0.value < 0x20 })
    }
}
