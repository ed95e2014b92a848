import KBOutput
import Testing

/// `SitePaths.pageLink`: a link to another article's Markdown leads to its page.
@Suite struct SitePathsTests {
    @Test(arguments: [
        ("x.md", "x.html"), ("../a/X.MD#part-2", "../a/X.html#part-2"), ("x.Md", "x.html"), ("x.mdx", "x.mdx"),
        ("x.html#a.md", "x.html#a.md"), ("https://example.com/x.md", "https://example.com/x.md"), ("#x.md", "#x.md"),
        ("md", "md"), ("x\u{0E}md", "x\u{0E}md"), ("x.md\u{301}", "x.md\u{301}"), ("naïve.md", "naïve.html"),
    ])
    func pageLink(destination: String, link: String) {
        #expect(SitePaths.pageLink(destination) == link)
    }
}
