import KBOutput
import Dispatch
import KBCore
import KBModel

/// The whole model as JSON: what `kb dump` prints for tests, scripts and people to inspect.
/// Its field names are kept stable; keys are sorted so that the output is deterministic.
public enum ModelDump {
    public static let formatVersion = "1.0"

    /// The dump as UTF-8 JSON. Articles are serialized in parallel, each at the indentation it
    /// has in the document, and spliced in order: the bytes are the same as a serial run's.
    public static func json(_ knowledgeBase: KnowledgeBase) -> [UInt8] {
        let articles = knowledgeBase.articles
        let parts = ConcurrentResults<[UInt8]>(count: articles.count)
        DispatchQueue.concurrentPerform(iterations: articles.count) { index in
            var json = JSONWriter(style: .pretty, level: 2)
            json.value(article(articles[index]))
            parts.set(index, json.bytes)
        }
        var output = document(knowledgeBase, articles: parts.values.map(JSONValue.serialized)).serialized()
        output.append(UInt8(ascii: "\n"))
        return output
    }

    public static func document(_ knowledgeBase: KnowledgeBase) -> JSONValue {
        document(knowledgeBase, articles: knowledgeBase.articles.map(article))
    }

    private static func document(_ knowledgeBase: KnowledgeBase, articles: [JSONValue]) -> JSONValue {
        .object([
            "formatVersion": .string(formatVersion),
            "articles": .array(articles),
            "diagnostics": .array(knowledgeBase.diagnostics.map(diagnostic)),
        ])
    }

    static func article(_ article: Article) -> JSONValue {
        var metadata: [String: JSONValue] = [:]
        for field in article.metadata.fields { metadata[field.key] = value(field.value) }
        return .object([
            "id": .string(article.id),
            "locale": .string(article.locale),
            "source": .string(article.source),
            "title": .string(article.title),
            "translationKey": .string(article.translationKey),
            "description": .string(article.metadata.description),
            "date": .string(article.metadata.isoDate),
            "metadata": .object(metadata),
            "sections": .array(article.sections.filter { $0.level > 0 }.map { section in
                .object([
                    "anchor": .string(section.anchor),
                    "level": .int(section.level),
                    "title": .string(section.titleText),
                    "line": .int(section.location.line),
                ])
            }),
            "entries": .array(article.entries.map(entry)),
            "procedures": .array(article.procedures.map(procedure)),
        ])
    }

    static func entry(_ entry: ErrorEntry) -> JSONValue {
        .object([
            "id": .string(entry.id),
            "anchor": .string(entry.anchor),
            "kind": .string(entry.kind.rawValue),
            "title": .string(entry.title),
            "message": .string(entry.message),
            "messages": .strings(entry.messages),
            "codes": .array(entry.codes.map(code)),
            "cause": text(entry.cause),
            "resolution": text(entry.resolution),
            "procedures": .array(entry.procedures.map(procedure)),
            "platform": .string(entry.platform),
            "sectionPath": .strings(entry.sectionPath),
            "line": .int(entry.location.line),
        ])
    }

    static func code(_ code: ErrorCode) -> JSONValue {
        .object([
            "code": .string(code.code),
            "raw": .string(code.raw),
            "kind": .string(code.kind.rawValue),
            "aliases": .strings(code.aliases),
        ])
    }

    /// Text with its structure: plain, and as Markdown (paragraphs, lists, links kept).
    static func text(_ blocks: [Block]) -> JSONValue {
        let plain = blocks.plainText
        guard !plain.isEmpty else { return .null }
        return .object(["text": .string(plain), "markdown": .string(blocks.markdown)])
    }

    static func procedure(_ procedure: Procedure) -> JSONValue {
        .object([
            "id": .string(procedure.id),
            "section": .string(procedure.sectionAnchor),
            "title": .string(procedure.title),
            "line": .int(procedure.location.line),
            "steps": .array(procedure.steps.map(step)),
        ])
    }

    static func step(_ step: Step) -> JSONValue {
        .object([
            "text": .string(step.text),
            "uiPath": .strings(step.uiPath),
            "substeps": .array(step.substeps.map(ModelDump.step)),
        ])
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            "file": .string(diagnostic.file),
            "line": diagnostic.location.map { .int($0.line) } ?? .null,
            "column": diagnostic.location.map { .int($0.column) } ?? .null,
            "severity": .string(diagnostic.severity.rawValue),
            "id": .string(diagnostic.identifier),
            "message": .string(diagnostic.message),
        ])
    }

    static func value(_ value: MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .list(let values): .array(values.map(ModelDump.value))
        case .map(let fields):
            .object(Dictionary(fields.map { ($0.key, ModelDump.value($0.value)) }, uniquingKeysWith: { _, last in last }))
        case .null: .null
        }
    }
}
