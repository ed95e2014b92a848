@testable import KBModel
import Testing

/// `ContentPath`: the relative links every page, twin and contract file is written with.
@Suite struct ContentPathTests {
    @Test(arguments: [
        ("../includes/x.md", "nl-nl/apps", "nl-nl/includes/x.md"),
        ("./x.md", "nl-nl", "nl-nl/x.md"),
        ("a//b/../c.md", "nl-nl", "nl-nl/a/c.md"),
        ("x.md", "", "x.md"),
        ("ä/ö.md", "sv-se/å", "sv-se/å/ä/ö.md"),
    ])
    func resolve(reference: String, folder: String, expected: String) {
        #expect(ContentPath.resolve(reference, from: folder) == expected)
    }

    @Test func resolveRefusesToClimbAboveTheRoot() {
        #expect(ContentPath.resolve("../../x.md", from: "nl-nl") == nil)
        #expect(ContentPath.resolve("../x.md", from: "") == nil)
    }

    @Test(arguments: [
        ("nl-nl/includes/x.md", "nl-nl/apps", "../includes/x.md"),
        ("nl-nl/apps/x.html", "nl-nl/apps", "x.html"),
        ("nl-nl/x.html", "nl-nl/apps/deep", "../../x.html"),
        ("codes/0X1.html", "", "codes/0X1.html"),
        ("index.html", "ja-jp/a", "../../index.html"),
        // The last part is the file: a folder named like it is still left.
        ("nl-nl/apps", "nl-nl/apps", "../apps"),
        ("sv-se/å/ö.html", "sv-se/å", "ö.html"),
    ])
    func relative(path: String, folder: String, expected: String) {
        #expect(ContentPath.relative(path, from: folder) == expected)
        // And back again.
        #expect(ContentPath.resolve(expected, from: folder) == path)
    }

    @Test(arguments: [
        ("https://learn.microsoft.com/intune", true), ("HTTP://Example.COM:8080/x", true), ("https://user@host.example/x", true),
        ("https://[::1]/x", true), ("https://adfs\\", false), ("https://", false), ("http:///path", false), ("https://@/x", false),
        ("https://a b/", false), ("mailto:someone@example.com", true), ("../x.md", true), ("ftp://x y", true),
        ("https://bücher.example/x", true), ("https://bücher example/x", false), ("https://x.example?q=1", true),
        ("https://:80/", false), ("https://host:/", true), ("httpsx://nothing", true),
    ])
    func validHost(url: String, valid: Bool) {
        #expect(ContentPath.hasValidHost(url) == valid)
        #expect(ContentPath.hasValidHostCharacters(url) == valid)
    }

    @Test(arguments: [
        ("x.md", true), ("../a/x.md#part", true), ("x?y=1", true), ("/abs/x.md", false), ("#anchor", false), ("", false),
        ("https://x.example", false), ("mailto:a@b", false), ("a/b:c", true), ("naïve.md", true),
    ])
    func relativeDestinations(destination: String, relative: Bool) {
        #expect(ContentPath.isRelative(destination) == relative)
    }

    @Test(arguments: [
        ("x.html", "x.html"), ("a b.html", "<a b.html>"), ("x_(y).html", "<x_(y).html>"), ("a\\b", "a\\\\b"),
        ("x.html?a=1&b=2", "x.html?a=1&b=2"), ("x.html?a=1&amp;b", "x.html?a=1\\&amp;b"), ("<x>", "\\<x\\>"),
        ("a b&#106;", "<a b\\&#106;>"),
    ])
    func markdownDestinations(url: String, destination: String) {
        #expect(url.markdownDestination == destination)
    }
}
