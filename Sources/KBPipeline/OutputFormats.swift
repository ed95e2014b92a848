import KBContractFiles
import KBDump
import KBLanguageModelFiles
import KBOutput
import KBPages
import KBSearchIndex

/// The output formats kb knows, registered in this one place.
public enum OutputFormats {
    /// Every format kb can write, in order (the `outputs` setting chooses among them): a new
    /// format is one line here. The search index comes last: the memory it frees (a language's
    /// many small postings) is the most cut up and the allocator keeps it, so a step after it
    /// would add its own peak on top.
    public static let kinds: [any OutputFormat.Type] = [
        PagesFormat.self,
        ContractFormat.self,
        DocSearchFormat.self,
        LanguageModelFormat.self,
        SearchIndexFormat.self,
    ]

    /// The formats the `outputs` setting names (`names`; the default ones when nil), in the
    /// order of `kinds`, each made with its options (format name → options). A name may be a
    /// format's or an option's part (`llms-full`: the llms format with `full` on).
    public static func chosen(
        _ names: [String]?, options: [String: FormatOptions] = [:], from kinds: [any OutputFormat.Type] = kinds
    ) throws(OutputChoiceError) -> [any OutputFormat] {
        let known = kinds.flatMap { kind in [kind.name] + kind.options.compactMap(\.part) }
        if let names, let unknown = Set(names).subtracting(known).sorted().first {
            throw OutputChoiceError(message: "outputs: there is no output '\(unknown)' (there are \(known.joined(separator: ", ")))")
        }
        var formats: [any OutputFormat] = []
        for kind in kinds {
            var values = options[kind.name] ?? FormatOptions()
            let parts = kind.options.filter { option in option.part.map { names?.contains($0) == true } == true }
            guard names.map({ $0.contains(kind.name) || !parts.isEmpty }) ?? kind.isDefault else { continue }
            for option in parts { values.turnOn(option.name) }
            do {
                formats.append(try kind.init(options: values))
            } catch {
                throw OutputChoiceError(message: "\(kind.name): \(error)")
            }
        }
        return formats
    }

    /// What `kb build` writes by default, in order, the pages made from `templates`.
    public static func standard(templates: TemplateSet) -> [any OutputFormat] {
        all(templates: templates).filter(\.isDefault)
    }

    /// Every format with its default options, the pages made from `templates`.
    public static func all(templates: TemplateSet) -> [any OutputFormat] {
        kinds.map { kind in
            ObjectIdentifier(kind) == ObjectIdentifier(PagesFormat.self)
                ? PagesFormat(templates: templates) : try! kind.init(options: FormatOptions())
        }
    }

    /// The JSON contract alone (`kb lookup --content` reads it from memory).
    public static let contract: [any OutputFormat] = [ContractFormat()]

    /// The model dump `kb dump` prints; not part of a site.
    public static let dump: any OutputFormat = DumpFormat()
}

/// The `outputs` setting or a format's options name what no format has.
public struct OutputChoiceError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
