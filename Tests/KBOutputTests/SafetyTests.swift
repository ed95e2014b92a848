import Foundation
import KBCore
import KBExtraction
import KBLinking
import KBModel
import Testing
@testable import KBPages
import KBTestSupport

/// Content written to attack the help site: scripts, event handlers, script URLs in every
/// disguise, broken tags. None of it may reach a page as markup.
let hostileArticle = #"""
---
title: <script>alert('title')</script>
description: "\"><script>alert('description')</script>"
---
# <a name="x" onclick="alert('anchor')"></a>Hostile <img src=x onerror=alert('heading')>

<script>alert('block')</script>

<style>body { display: none }</style>

Inline <script>alert('inline')</script> and <img src="x.png" onerror="alert('img')"> and <svg onload=alert('svg')></svg>.

[plain](javascript:alert('md')) [cased](JaVaScRiPt:alert('cased')) [tab](java	script:alert('tab'))
[entity](&#106;avascript:alert('entity')) [vb](vbscript:msgbox) [data](data:text/html;base64,PHNjcmlwdD4=)

<a href="javascript:alert('raw')">raw</a> <a href=" javascript:alert('space')">space</a>
<a href="&#x6A;avascript:alert('hex')">hex</a> <a href="jav&#x09;ascript:alert('tab')">tab</a>

<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">

<div onmouseover="alert('div')" style="position:fixed">broken <b>bold <a href="x.md" onclick="alert('click')">link</a>
<p <script>alert('broken')</script>
<img src="javascript:alert('src')"> <img src=x.png alt="ok">

|Foutcode|Oorzaak|Oplossing|
|---|---|---|
|0x80CF0437|<span onclick="alert('cell')">cel</span>|<a href="javascript:alert('cell')">fix</a><script>alert('cell')</script>|

<table onclick="alert('table')">
<tr><th colspan="2" onclick="alert('th')">Event ID: 1000</th></tr>
<tr><td>Message</td><td><b>Started.</b><a href="javascript:alert('table')">x</a><script>alert('table')</script></td></tr>
<tr><td rowspan="2" style="color:red" onmouseover="alert('td')"><img src=x.png onerror=alert('table')><iframe src=x></iframe>ok</td><td><svg onload=alert('table')></svg></td></tr>
</table>

> [!NOTE]
> <script>alert('alert')</script>

> [!VIDEO javascript:alert('video')]
"""#

@Suite("Safe output")
struct SafetyTests {
    @Test("no script, event handler or script URL of the content reaches any page")
    func hostileContent() async throws {
        let site = try await renderedSite(["nl-nl/hostile.md": hostileArticle])
        let pages = site.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count >= 5)
        // An attribute named on… in a tag, its other attributes' values read whole (an escaped
        // payload inside a quoted value, as og:title carries the title, is text, not a handler).
        let handler = try Regex(#"<[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*?\s+[oO][nN][a-zA-Z]+\s*="#)
        #expect("<img src=x onerror=alert(1)>".firstMatch(of: handler) != nil && #"<a title="x onclick=y" href="z">"#.firstMatch(of: handler) == nil)
        #expect(#"<p class="a" onclick="x">"#.firstMatch(of: handler) != nil)
        for (path, html) in pages {
            let lower = html.lowercased()
            #expect(!lower.contains("javascript:"), "\(path) holds a javascript: URL")
            #expect(!lower.contains("vbscript:"), "\(path) holds a vbscript: URL")
            #expect(!lower.contains("data:text"), "\(path) holds a data: URL")
            #expect(html.firstMatch(of: handler) == nil, "\(path) holds an event handler attribute")
            for element in ["<iframe", "<object", "<embed", "<style", "<svg"] {
                #expect(!lower.contains(element), "\(path) holds \(element)")
            }
            // Only the site's own scripts: its JavaScript files and the article's data.
            let scripts = lower.components(separatedBy: "<script").count - 1
            let own = (lower.contains("assets/site.js") ? 1 : 0) + (lower.contains("assets/search.js") ? 1 : 0) + (lower.contains("assets/theme.js") ? 1 : 0)
                + (lower.contains("id=\"entry-counterparts\"") ? 1 : 0) + (lower.contains("<script type=\"application/ld+json\">") ? 1 : 0)
            #expect(scripts == own, "\(path) holds \(scripts - own) foreign script(s)")
            #expect(!html.contains("alert('"), "\(path) holds an attack payload as markup")
        }
        let article = try #require(site["nl-nl/hostile.html"])
        // What CommonMark reads as text (a quote in an unquoted attribute) is shown as text.
        #expect(article.contains("<title>Hostile &lt;img src=x onerror=alert(&#39;heading&#39;)&gt; · "))
        // Scripts are dropped with their content; what is allowed stays, links rewritten.
        #expect(!article.contains("alert(&#39;inline&#39;)") && !article.contains("alert(&#39;cell&#39;)"))
        #expect(article.contains("<img src=\"x.png\" alt=\"ok\">"))
        #expect(article.contains("<a href=\"x.html\">link</a>"))
        // An HTML table keeps its structure and loses its attacks.
        #expect(article.contains("<th colspan=\"2\">Event ID: 1000</th>") && article.contains("<td rowspan=\"2\">"))
    }

    @Test("the sanitizer keeps the allowed elements and attributes and nothing else", arguments: [
        ("<br>", "<br>"), ("<br/>", "<br>"), ("<ol start=\"3\"><li>a</li></ol>", "<ol start=\"3\"><li>a</li></ol>"),
        ("<a name=\"top\"></a>", "<a name=\"top\"></a>"), ("<a href=\"https://x\" target=\"_blank\">x</a>", "<a href=\"https://x\">x</a>"),
        ("<a href=\"mailto:a@b\">m</a>", "<a href=\"mailto:a@b\">m</a>"), ("<a href=\"java\nscript:x\">j</a>", "j"),
        ("<img src=\"a.png\" alt=\"A\" onerror=\"x\">", "<img src=\"a.png\" alt=\"A\">"), ("<img src=\"data:image/png;base64,AA\">", ""),
        ("<td colspan=\"2\" style=\"x\">c</td>", "<tr><td colspan=\"2\">c</td></tr>"),
        ("<table><tr><td>a<td>b<tr><td>c</table>", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"), ("<b>bold<p>para", "<b>bold</b><p>para</p>"),
        ("<embed src=\"x\">still here", "still here"), ("<div class=\"x\">keep text</div>", "keep text"),
        ("<script>alert(1)</script>after", "after"), ("<!-- comment -->", ""), ("a < b & c", "a &lt; b &amp; c"),
        ("<b>unclosed", "<b>unclosed</b>"), ("</i>stray", "stray"), ("<sup>2</sup> &amp; &#39;", "<sup>2</sup> &amp; &#39;"),
        ("<a href=\"x\" title='\"&gt;<script>'>t</a>", "<a href=\"x\" title=\"&quot;&gt;&lt;script&gt;\">t</a>"),
        // Character references the way HTML5 reads them: without `;`, with any number of zeros.
        ("<a href=\"javascript&#x3a&#x3b;alert(1)\">j</a>", "j"), ("<a href=\"javascript&#0000000000058;alert(1)\">j</a>", "j"),
        ("<a href=\"ja&#x0000000076;ascript:alert(1)\">j</a>", "j"), ("<a href=\"javascript&#58a;lert(1)\">j</a>", "j"),
        ("<a href=\"javascript&colon;alert(1)\">j</a>", "j"), ("<a href=\"java&Tab;script:alert(1)\">j</a>", "j"),
        ("<a href=\"&#x20;javascript:alert(1)\">j</a>", "j"), ("<img src=\"&#x6A;avascript:alert(1)\">", ""),
        // What passes is written as it was checked: decoded, then escaped.
        ("<a href=\"x.md?a=1&amp;b=2&copy=3\">q</a>", "<a href=\"x.md?a=1&amp;b=2&amp;copy=3\">q</a>"),
        ("<a href=\"a:b\">relative</a>", "relative"), ("<img src=\"x.png\" alt=\"&quot;&#39;\">", "<img src=\"x.png\" alt=\"&quot;&#39;\">"),
        ("&#x3c;script&#x3e; &copy", "&lt;script&gt; ©"), ("<td colspan=\"2 onclick=x\">c</td>", "<tr><td>c</td></tr>"),
        // An unfinished tag runs to the end, as in a browser.
        ("a <b x=\"<i>\" y", "a &lt;b x=&quot;&lt;i&gt;&quot; y"),
    ])
    func sanitizer(input: String, expected: String) {
        var sanitizer = HTMLSanitizer()
        var output = ""
        sanitizer.write(input, into: &output)
        sanitizer.finish(into: &output)
        #expect(output == expected)
    }
}

@Suite("Bounded work in the sanitizer")
struct SanitizerBoundsTests {
    @Test("100,000 nested tags and 100,000 unfinished ones are read in one pass, nesting capped")
    func deepAndUnfinished() {
        var sanitizer = HTMLSanitizer()
        var output = ""
        sanitizer.write(String(repeating: "<b><i>", count: 100_000) + "x", into: &output)
        sanitizer.finish(into: &output)
        #expect(output.components(separatedBy: "<b>").count - 1 <= HTMLSanitizer.maximumDepth)
        #expect(output.contains("x"))
        var unfinished = HTMLSanitizer()
        var text = ""
        unfinished.write(String(repeating: "<a x=\"", count: 100_000), into: &text)
        #expect(!text.contains("<a"))
    }
}
