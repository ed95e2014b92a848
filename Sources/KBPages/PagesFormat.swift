import KBOutput

/// The HTML pages and their assets (`SiteRenderer`), and the OpenSearch descriptions. Its one
/// option, `templates`, is a folder of templates and assets over the defaults (kb.yml's
/// `templates`, `--templates`).
public struct PagesFormat: OutputFormat {
    public static let name = "pages"
    public static let options = [
        FormatOption("templates", .folder, "a folder of templates and assets replacing the defaults of the same name"),
    ]
    let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    public init(options: FormatOptions) throws {
        try self.init(templates: TemplateSet(overrides: options.folder("templates") ?? [:]))
    }

    public func plannedFiles(for input: OutputInput) -> [(path: String, origin: String?)]? {
        SiteRenderer(templates: templates, options: input.options, links: input.links).plannedFiles(input.linked)
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        SiteRenderer(templates: templates, options: input.options, links: input.links).renderPages(input.linked, memo: input.memo)
    }

    /// A batch of pages at a time.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try SiteRenderer(templates: templates, options: input.options, links: input.links)
            .renderPages(input.linked, memo: input.memo, emit: emit)
    }
}
