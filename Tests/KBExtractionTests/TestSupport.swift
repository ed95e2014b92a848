import Foundation
import KBCore
import KBExtraction
import KBModel
import KBSyntax

/// The repository's root folder, found from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Builds the model from files held in memory: path relative to the content root → text.
func knowledgeBase(_ files: [String: String]) async -> KnowledgeBase {
    await KnowledgeBaseBuilder().build(files: files.keys.sorted()) { path in
        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return text
    }
}

/// Extracts one article from Markdown text.
func article(_ markdown: String, path: String = "en-us/test/article.md") -> (Article, [Diagnostic]) {
    let result = ArticleExtractor().extract(DocumentParser.parse(markdown, file: path))
    return (result.article, result.diagnostics)
}

/// The repository's sample content, read from disk.
func sampleContent() async throws -> KnowledgeBase {
    let root = repositoryRoot.appendingPathComponent("content")
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".md") { files.append(path) }
    }
    return await KnowledgeBaseBuilder().build(files: files.sorted()) { path in
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

extension String {
    /// The comparison the gold file prescribes: Unicode NFC, case-folded, trimmed, without a
    /// trailing period.
    var goldNormalized: String {
        var text = precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasSuffix(".") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
