import Dispatch
import KBCore
import KBModel

/// Checks the links and images of every article: relative links to Markdown files must lead
/// to an article, and their fragment to an anchor of it; images must exist in the content.
struct LinkChecker {
    let articles: [Article]
    /// Every file of the content tree, relative to its root.
    let contentFiles: Set<String>

    /// The problems of every article's links.
    func diagnostics() -> [Diagnostic] {
        let articleOfSource = articleOfSource
        // On both cores: it was a half-second of one between extracting and writing the corpus.
        let anchors = ConcurrentResults<Set<String>>(count: articles.count)
        DispatchQueue.concurrentPerform(iterations: articles.count) { anchors.set($0, articles[$0].anchors) }
        let anchorsOfArticle = anchors.values
        let checks = ConcurrentResults<Set<Diagnostic>>(count: articles.count)
        DispatchQueue.concurrentPerform(iterations: articles.count) { index in
            checks.set(index, diagnostics(of: index, articleOfSource: articleOfSource) { anchorsOfArticle[$0] })
        }
        return Set(checks.values.joined()).sorted()
    }

    var articleOfSource: [String: Int] {
        var articleOfSource: [String: Int] = [:]
        for (index, article) in articles.enumerated() { articleOfSource[article.source] = index }
        return articleOfSource
    }

    /// " (did you mean '#nearest'?)" for the anchor of the target nearest to the one a link names.
    /// Only for a fragment of 200 characters at most among 1,000 anchors at most, and for the
    /// first 100 such links of an article, so that a hostile article cannot make it quadratic.
    static func nearest(_ fragment: String, _ anchors: Set<String>, budget: inout Int) -> String {
        guard fragment.count <= 200, anchors.count <= 1_000, budget > 0 else { return "" }
        budget -= 1
        let within = max(2, fragment.count / 4)
        return EditDistance.nearest(to: fragment, among: anchors.sorted(), within: within).map { " (did you mean '#\($0)'?)" } ?? ""
    }

    /// The problems of one article's links; `anchors` gives the anchors of an article.
    func diagnostics(of index: Int, articleOfSource: [String: Int], anchors: (Int) -> Set<String>) -> Set<Diagnostic> {
        var result: Set<Diagnostic> = []
        var suggestions = 100
        do {
            let article = articles[index]
            let folder = ContentPath.folder(of: article.source)
            for link in article.links {
                let file = link.includedFrom ?? article.source
                let destination = link.destination.trimmingWhitespace
                if destination.hasPrefix("#") {
                    let fragment = Self.decode(String(destination.dropFirst()))
                    if !link.isImage, !fragment.isEmpty, !anchors(index).contains(fragment) {
                        result.insert(Diagnostic(
                            .warning, .linkAnchorMissing,
                            "the link '\(destination)' points to an anchor this article does not have" + Self.nearest(fragment, anchors(index), budget: &suggestions),
                            file: file, at: link.location))
                    }
                    continue
                }
                guard ContentPath.isRelative(destination) else {
                    if !ContentPath.hasValidHost(destination) {
                        result.insert(Diagnostic(
                            .warning, .linkInvalidURL, "the link '\(destination)' has no valid host name; it is shown as text",
                            file: file, at: link.location))
                    }
                    continue
                }
                let withoutQuery = destination.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let parts = withoutQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = Self.decode(String(parts[0]))
                let fragment = parts.count > 1 ? Self.decode(String(parts[1])) : ""
                let target = ContentPath.resolve(path, from: folder)

                if link.isImage {
                    if target.map({ !contentFiles.contains($0) }) ?? true {
                        result.insert(Diagnostic(
                            .warning, .imageMissing, "the image '\(destination)' is not in the content folder",
                            file: file, at: link.location))
                    }
                    continue
                }
                guard let target, !target.isEmpty else {
                    result.insert(Diagnostic(
                        .warning, .linkUnresolved, "the link '\(destination)' points outside the content folder",
                        file: file, at: link.location))
                    continue
                }
                if target.lowercased().hasSuffix(".md") {
                    guard let linked = articleOfSource[target] else {
                        result.insert(Diagnostic(
                            .warning, .linkUnresolved, "the link '\(destination)' points to an article that does not exist",
                            file: file, at: link.location))
                        continue
                    }
                    if !fragment.isEmpty, !anchors(linked).contains(fragment) {
                        result.insert(Diagnostic(
                            .warning, .linkAnchorMissing,
                            "the link '\(destination)' points to an anchor '\(fragment)' that '\(parts[0])' does not have"
                                + Self.nearest(fragment, anchors(linked), budget: &suggestions),
                            file: file, at: link.location))
                    }
                } else if !contentFiles.isEmpty, !contentFiles.contains(target) {
                    result.insert(Diagnostic(
                        .warning, .linkUnresolved, "the link '\(destination)' points to a file that is not in the content folder",
                        file: file, at: link.location))
                }
            }
        }
        return result
    }

    /// Percent-decoding of a path or fragment (`my%20file.md`).
    static func decode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.first {
            iterator = iterator.dropFirst()
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
