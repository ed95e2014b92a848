import KBContractFiles
import KBDump
import KBLanguageModelFiles
import KBOutput
import KBPages
import KBSearchIndex

/// The output formats kb knows, registered in this one place.
public enum OutputFormats {
    /// What `kb build` writes, in order: a new format is one line here.
    public static func standard(templates: TemplateSet) -> [any OutputFormat] {
        [
            PagesFormat(templates: templates),
            SearchIndexFormat(),
            ContractFormat(),
            LanguageModelFormat(),
        ]
    }

    /// The model dump `kb dump` prints; not part of a site.
    public static let dump: any OutputFormat = DumpFormat()
}
