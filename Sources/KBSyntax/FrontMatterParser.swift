import KBCore
import Yams

/// Reads the YAML front matter of a DocFX article with Yams.
public enum FrontMatterParser {
    public struct Result: Sendable {
        public var fields: [MetadataField]
        public var diagnostics: [Diagnostic]
    }

    /// Parses `yaml`, the text between the `---` fences, whose first line is line `firstLine`
    /// of `file`. A front matter that does not parse yields no fields and a diagnostic.
    public static func parse(_ yaml: Substring, firstLine: Int, file: String) -> Result {
        do {
            // The basic resolver keeps every scalar as text: it skips Yams' regular expressions
            // for numbers, booleans and dates, which DocFX metadata does not need and which
            // dominated the cost of reading front matter.
            let parser = try Parser(yaml: String(yaml), resolver: .basic, constructor: .default, encoding: .utf8)
            guard let root = try parser.singleRoot() else {
                return Result(fields: [], diagnostics: [])
            }
            guard let mapping = root.mapping else {
                let diagnostic = Diagnostic(
                    .error, "frontMatter.notMapping",
                    "front matter is not a mapping of keys to values; the article is read without metadata",
                    file: file, at: SourceLocation(line: firstLine, column: 1))
                return Result(fields: [], diagnostics: [diagnostic])
            }
            let fields = mapping.map { key, value in
                MetadataField(key: key.scalar?.string ?? "", value: metadataValue(value))
            }
            return Result(fields: fields, diagnostics: [])
        } catch {
            let (message, line, column) = describe(error, in: yaml)
            let diagnostic = Diagnostic(
                .error, "frontMatter.invalid",
                "front matter is not valid YAML (\(message)); the article is read without metadata",
                file: file, at: SourceLocation(line: firstLine + max(line, 1) - 1, column: max(column, 1)))
            return Result(fields: [], diagnostics: [diagnostic])
        }
    }

    private static func metadataValue(_ node: Node) -> MetadataValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(metadataValue))
        case .mapping(let mapping):
            return .map(mapping.map { key, value in
                MetadataField(key: key.scalar?.string ?? "", value: metadataValue(value))
            })
        case .alias:
            return .null
        }
    }

    private static func describe(_ error: any Error, in yaml: Substring) -> (message: String, line: Int, column: Int) {
        guard let yamlError = error as? YamlError else { return ("\(error)", 1, 1) }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return (text, mark.line, mark.column)
        case let .reader(problem, _, _, _):
            return (problem, 1, 1)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.sorted().first ?? ""
            let line = secondLine(declaring: key, in: yaml) ?? context.mark.line
            return ("duplicate key '\(key)'", line, 1)
        default:
            return ("\(yamlError)", 1, 1)
        }
    }

    /// The line (1-based, within `yaml`) where a top-level `key:` is written for the second time.
    private static func secondLine(declaring key: String, in yaml: Substring) -> Int? {
        var seen = false
        for (offset, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix(key + ":") {
            if seen { return offset + 1 }
            seen = true
        }
        return nil
    }
}
