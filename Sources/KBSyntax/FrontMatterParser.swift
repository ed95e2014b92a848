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
    public static func parse(_ yaml: Substring, firstLine: Int, file: String, limits: Limits = .default) -> Result {
        func tooLarge(_ reason: String) -> Result {
            Result(fields: [], diagnostics: [Diagnostic(
                .error, .frontMatterTooLarge, "front matter \(reason); the article is read without metadata",
                file: file, at: SourceLocation(line: firstLine, column: 1))])
        }
        guard yaml.utf8.count <= limits.frontMatterSize else {
            return tooLarge("has \(yaml.utf8.count) bytes, more than the limit of \(limits.frontMatterSize)")
        }
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
                    .error, .frontMatterNotMapping,
                    "front matter is not a mapping of keys to values; the article is read without metadata",
                    file: file, at: SourceLocation(line: firstLine, column: 1))
                return Result(fields: [], diagnostics: [diagnostic])
            }
            var budget = YAMLBudget(values: limits.yamlValues)
            let fields = try mapping.map { key, value in
                MetadataField(key: key.scalar?.string ?? "", value: try metadataValue(value, budget: &budget, depth: 1))
            }
            return Result(fields: fields, diagnostics: [])
        } catch let exceeded as YAMLBudget.Exceeded {
            return tooLarge(exceeded.reason)
        } catch {
            let (message, line, column) = describe(error, in: yaml)
            let diagnostic = Diagnostic(
                .error, .frontMatterInvalid,
                "front matter is not valid YAML (\(message)); the article is read without metadata",
                file: file, at: SourceLocation(line: firstLine + max(line, 1) - 1, column: max(column, 1)))
            return Result(fields: [], diagnostics: [diagnostic])
        }
    }

    private static func metadataValue(_ node: Node, budget: inout YAMLBudget, depth: Int) throws -> MetadataValue {
        try budget.spend(depth: depth)
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(try sequence.map { try metadataValue($0, budget: &budget, depth: depth + 1) })
        case .mapping(let mapping):
            return .map(try mapping.map { key, value in
                MetadataField(key: key.scalar?.string ?? "", value: try metadataValue(value, budget: &budget, depth: depth + 1))
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
            // Where the construct that could not end began (a quote left open on line 2 is found
            // missing at the end of the front matter): the fault is there, not where it was seen.
            if let start = context?.mark, (start.line, start.column) < (mark.line, mark.column) {
                return (text, start.line, start.column)
            }
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

/// How many values a walk over a YAML document may visit, and how deep it may go. Yams shares
/// the node an alias stands for, so that nine levels of aliases cost nothing to parse; a walk
/// that does not count would visit 9⁹ values (the "billion laughs").
struct YAMLBudget {
    struct Exceeded: Error {
        var reason: String
    }

    static let maximumDepth = 64
    private(set) var values: Int
    private let limit: Int

    init(values: Int) {
        self.values = values
        self.limit = values
    }

    mutating func spend(depth: Int) throws {
        guard depth <= Self.maximumDepth else {
            throw Exceeded(reason: "nests deeper than \(Self.maximumDepth) levels")
        }
        values -= 1
        guard values >= 0 else {
            throw Exceeded(reason: "holds more than \(limit) values once its aliases are expanded")
        }
    }
}
