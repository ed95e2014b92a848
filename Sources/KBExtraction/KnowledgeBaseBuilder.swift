import KBCore
import KBModel
import KBSyntax

/// Reads every article of a content tree into the model, in parallel: parsing and extraction
/// of one file never depend on another. File access is passed in, so that this stage does no
/// I/O of its own and tests can run on files held in memory.
public struct KnowledgeBaseBuilder: Sendable {
    /// Returns the text of a file given its path relative to the content root.
    public typealias Reader = @Sendable (String) throws -> String

    public init() {}

    /// Builds the model from `files` (paths relative to the content root, `/`-separated).
    /// A file that cannot be read gives a diagnostic; every other file is still read.
    public func build(files: [String], read: @escaping Reader) async -> KnowledgeBase {
        let extractor = ArticleExtractor()
        let results = await withTaskGroup(of: (Int, ArticleExtractor.Result?, [Diagnostic]).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask {
                    do {
                        let text = try read(file)
                        let document = DocumentParser.parse(text, file: file)
                        return (index, extractor.extract(document), [])
                    } catch {
                        let diagnostic = Diagnostic(
                            .error, "file.unreadable", "the file cannot be read: \(error)", file: file, at: nil)
                        return (index, nil, [diagnostic])
                    }
                }
            }
            var collected = [(ArticleExtractor.Result?, [Diagnostic])](repeating: (nil, []), count: files.count)
            for await (index, result, diagnostics) in group {
                collected[index] = (result, diagnostics)
            }
            return collected
        }
        var articles: [Article] = []
        var diagnostics: [Diagnostic] = []
        for (result, problems) in results {
            diagnostics += problems
            if let result {
                articles.append(result.article)
                diagnostics += result.diagnostics
            }
        }
        articles.sort { ($0.locale, $0.source) < ($1.locale, $1.source) }
        diagnostics.sort()
        return KnowledgeBase(articles: articles, diagnostics: diagnostics)
    }
}
