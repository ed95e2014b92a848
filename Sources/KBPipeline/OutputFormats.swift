import KBContractFiles
import KBDump
import KBLanguageModelFiles
import KBOutput
import KBPages
import KBSearchIndex

/// The output formats kb knows, registered in this one place.
public enum OutputFormats {
    /// What `kb build` writes by default, in order.
    public static func standard(templates: TemplateSet) -> [any OutputFormat] {
        all(templates: templates).filter(\.isDefault)
    }

    /// Every format kb can write, in order (the `outputs` setting chooses among them): a new
    /// format is one line here. The search index comes last: the memory it frees (a language's
    /// many small postings) is the most cut up, and the allocator keeps it, so that a step
    /// after it would add its own peak on top (on four copies of the corpus, 1.03 GB against
    /// 0.98 GB with search last).
    public static func all(templates: TemplateSet) -> [any OutputFormat] {
        [
            PagesFormat(templates: templates),
            ContractFormat(),
            DocSearchFormat(),
            LanguageModelFormat(),
            SearchIndexFormat(),
        ]
    }

    /// The JSON contract alone (`kb lookup --content` reads it from memory).
    public static let contract: [any OutputFormat] = [ContractFormat()]

    /// The model dump `kb dump` prints; not part of a site.
    public static let dump: any OutputFormat = DumpFormat()
}
