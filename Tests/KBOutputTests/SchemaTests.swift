import Foundation
import KBContract
import KBCore
import KBTestSupport
import Testing

/// The contract is described once, by its Swift types: each JSON Schema must say what the type
/// says. Every stored property of a type is a property of its schema, under the name its JSON
/// gives it; it is required unless it is optional (or the type writes it as null, which the
/// schema then allows); the schema has no other property; lists are arrays, maps are objects
/// of values, and each nested type is held to the schema of its place in the same way.
@Suite struct SchemaTests {
    /// Properties whose JSON name is not their Swift name (`CodingKeys`).
    static let jsonNames = ["schema": "$schema", "urlWithoutAnchor": "url_without_anchor"]
    /// Types that write themselves (`encode(to:)`): their JSON's members are held to the schema.
    static let writeThemselves: Set<String> = ["Hierarchy"]

    /// What differs between `value` (a decoded instance) and `schema`, at `path`; the names of
    /// the types met are added to `seen`.
    static func differences(_ value: Any, _ schema: JSONValue, defs: [String: JSONValue], path: String, seen: inout Set<String>) -> [String] {
        guard case .object(var node) = schema else { return ["\(path): the schema is not an object"] }
        if case .string(let reference)? = node["$ref"] {
            guard reference.hasPrefix("#/$defs/"), case .object(let target)? = defs[String(reference.dropFirst(8))] else {
                return ["\(path): \(reference) leads nowhere"]
            }
            node = target
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [] }
            return differences(wrapped, schema, defs: defs, path: path, seen: &seen)
        }
        let types = Self.types(.object(node))
        switch mirror.displayStyle {
        case .collection?:
            guard types.contains("array"), let items = node["items"] else { return ["\(path): a list, and the schema's type is \(types)"] }
            return mirror.children.prefix(20).flatMap { differences($0.value, items, defs: defs, path: path + "[]", seen: &seen) }
        case .dictionary?:
            guard types.contains("object"), let values = node["additionalProperties"], values != .bool(false) else {
                return ["\(path): a map, and the schema has no additionalProperties"]
            }
            return mirror.children.prefix(20).flatMap { pair in
                let value = Mirror(reflecting: pair.value).children.dropFirst().first?.value as Any
                return differences(value, values, defs: defs, path: path + "{}", seen: &seen)
            }
        case .struct?:
            seen.insert(String(describing: type(of: value)))
            guard types.contains("object"), case .object(let properties)? = node["properties"] else {
                return ["\(path): \(type(of: value)), and the schema has no properties"]
            }
            if writeThemselves.contains(String(describing: type(of: value))), let encodable = value as? any Encodable {
                let json = (try? JSONWriter.encode(encodable)).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
                let members = Set(json?.keys.map { $0 } ?? [])
                return members == Set(properties.keys) ? [] : ["\(path): writes \(members.sorted()), the schema has \(properties.keys.sorted())"]
            }
            let required: Set<String> = {
                guard case .array(let names)? = node["required"] else { return [] }
                return Set(names.compactMap { if case .string(let name) = $0 { name } else { nil } })
            }()
            var problems: [String] = []
            var names: Set<String> = []
            for child in mirror.children {
                guard let label = child.label else { continue }
                let name = jsonNames[label] ?? label
                names.insert(name)
                guard let property = properties[name] else {
                    problems.append("\(path).\(name): in \(type(of: value)), not in the schema")
                    continue
                }
                let optional = Mirror(reflecting: child.value).displayStyle == .optional
                let nullable = Self.types(property).contains("null")
                if !optional, !required.contains(name) {
                    problems.append("\(path).\(name): always written, and the schema does not require it")
                }
                if optional, required.contains(name), !nullable {
                    problems.append("\(path).\(name): optional, and the schema requires it without allowing null")
                }
                problems += differences(child.value, property, defs: defs, path: path + "." + name, seen: &seen)
            }
            for name in Set(properties.keys).subtracting(names).sorted() {
                problems.append("\(path).\(name): in the schema, not in \(type(of: value))")
            }
            return problems
        default:
            let expected: String? = switch value {
            case is String: "string"
            case is Int: "integer"
            case is Bool: "boolean"
            default: nil
            }
            guard let expected, !types.isEmpty else { return [] }
            return types.contains(expected) ? [] : ["\(path): \(expected), and the schema's type is \(types)"]
        }
    }

    /// The types a schema node allows (`type`, or its `enum`'s strings).
    static func types(_ node: JSONValue) -> Set<String> {
        guard case .object(let node) = node else { return [] }
        switch node["type"] {
        case .string(let type)?: return [type]
        case .array(let types)?: return Set(types.compactMap { if case .string(let type) = $0 { type } else { nil } })
        default: return node["enum"] != nil ? ["string"] : []
        }
    }

    static func check(_ value: Any, schema name: String, seen: inout Set<String>) throws -> [String] {
        let schema = try #require(Schemas.schema(name))
        guard case .object(let node) = schema else { return ["\(name): not an object"] }
        let defs: [String: JSONValue] = if case .object(let defs)? = node["$defs"] { defs } else { [:] }
        return differences(value, schema, defs: defs, path: name, seen: &seen)
    }

    @Test("every schema says what its Swift type says, for every type of the contract")
    func schemasFollowTheTypes() async throws {
        let site = try await build(try seedFiles(), options: .init(baseURL: "https://help.example.com/kb/"),
                                   outputs: ["pages", "contract", "docsearch", "llms-full", "search"]).filesByPath
        func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
            try JSONDecoder().decode(type, from: Data(try #require(site[path]).contents))
        }
        var seen: Set<String> = []
        var problems: [String] = []
        problems += try Self.check(try decode(KnowledgeBaseIndex.self, "api/v1/kb.json"), schema: "kb", seen: &seen)
        problems += try Self.check(try decode(ArticlesFile.self, "api/v1/nl-nl/articles.json"), schema: "articles", seen: &seen)
        problems += try Self.check(try decode(CodesFile.self, "api/v1/codes.json"), schema: "codes", seen: &seen)
        problems += try Self.check(try decode(SearchRecordsFile.self, "api/v1/nl-nl/search-records.json"), schema: "search-records", seen: &seen)
        let chunks = try #require(site["api/v1/nl-nl/chunks.jsonl"]).contents.split(separator: 0x0A)
        for line in chunks.prefix(50) {
            problems += try Self.check(try JSONDecoder().decode(Chunk.self, from: Data(line)), schema: "chunk", seen: &seen)
        }
        #expect(problems.isEmpty, "\(Array(Set(problems)).sorted())")
        // Every type of the contract was met (else a type could drift from its schema unseen).
        let types: Set<String> = [
            "KnowledgeBaseIndex", "Language", "LanguageFiles", "Files", "ArticlesFile", "ArticleRecord", "SectionRecord", "EntryRecord",
            "TextRecord", "CodeRecord", "HRESULTRecord", "ProcedureRecord", "StepRecord", "CounterpartRecord", "CodesFile",
            "CodeIndexRecord", "CodeEntryRecord", "SearchRecordsFile", "SearchRecord", "Hierarchy", "Weight", "Chunk", "Metadata",
        ]
        #expect(types.subtracting(seen).isEmpty, "not met: \(types.subtracting(seen).sorted())")
    }

    struct Toy {
        var name: String
        var size: Int?
        var parts: [String]
    }

    @Test("the check finds a property the schema lacks, one it has too many, and a wrong requirement")
    func checkFindsDrift() {
        var seen: Set<String> = []
        let toy = Toy(name: "a", size: 1, parts: ["x"])
        let right: JSONValue = ["type": "object", "required": ["name", "parts"], "properties": [
            "name": ["type": "string"], "size": ["type": "integer"], "parts": ["type": "array", "items": ["type": "string"]],
        ]]
        #expect(Self.differences(toy, right, defs: [:], path: "toy", seen: &seen).isEmpty)
        let drifted: JSONValue = ["type": "object", "required": ["name", "size"], "properties": [
            "name": ["type": "integer"], "size": ["type": "integer"], "extra": ["type": "string"],
        ]]
        let problems = Self.differences(toy, drifted, defs: [:], path: "toy", seen: &seen)
        #expect(Set(problems) == [
            "toy.name: string, and the schema's type is [\"integer\"]", "toy.size: optional, and the schema requires it without allowing null",
            "toy.parts: in Toy, not in the schema", "toy.extra: in the schema, not in Toy",
        ], "\(problems)")
    }
}
