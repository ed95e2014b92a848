import KBModel

/// Where each page of the site lies, and relative URLs between pages: every link is relative,
/// so the site works from any folder, any server, and straight from disk.
public enum SitePaths {
    public static let root = "index.html"
    public static let coverage = "coverage.html"

    public static func home(_ locale: String) -> String { "\(locale)/index.html" }

    /// `nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.html`.
    public static func article(_ article: Article) -> String { "\(article.locale)/\(article.id).html" }

    /// `codes/0x80CF0437.html`: one page per code, for every language.
    public static func code(_ code: String) -> String { "codes/\(fileName(for: code)).html" }

    /// Codes are letters, digits, `_`, `-`; anything else is percent-encoded.
    static func fileName(for code: String) -> String {
        var name = ""
        for byte in code.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte == 0x2D {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "%" + String(byte, radix: 16, uppercase: true)
            }
        }
        return name
    }

    /// `nl-nl/search.html`; `search.html` for every language.
    public static func search(_ locale: String?) -> String { locale.map { "\($0)/search.html" } ?? "search.html" }

    /// `nl-nl/opensearch.xml`; `opensearch.xml` for every language.
    public static func openSearch(_ locale: String?) -> String { locale.map { "\($0)/opensearch.xml" } ?? "opensearch.xml" }

    /// The relative URL that leads from the page at `from` to the file at `to` (both relative
    /// to the site root).
    public static func relative(from: String, to: String) -> String {
        ContentPath.relative(to, from: ContentPath.folder(of: from))
    }

    /// `../` repeated up to the site root from the page at `path`.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
