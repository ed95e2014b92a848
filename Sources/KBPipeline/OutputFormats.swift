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
    /// format is one line here.
    public static func all(templates: TemplateSet) -> [any OutputFormat] {
        [
            PagesFormat(templates: templates),
            SearchIndexFormat(),
            ContractFormat(),
            DocSearchFormat(),
            LanguageModelFormat(),
        ]
    }

    /// The model dump `kb dump` prints; not part of a site.
    public static let dump: any OutputFormat = DumpFormat()
}
