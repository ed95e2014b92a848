import KBOutput

/// The HTML pages and their assets (`SiteRenderer`), and the OpenSearch descriptions.
public struct PagesFormat: OutputFormat {
    public let name = "pages"
    let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    public func files(for input: OutputInput) -> [BuiltSite.File] {
        SiteRenderer(templates: templates, options: input.options).renderPages(input.linked, memo: input.memo)
    }

    /// A batch of pages at a time.
    public func emit(for input: OutputInput, _ emit: ([BuiltSite.File]) throws -> Void) throws {
        try SiteRenderer(templates: templates, options: input.options).renderPages(input.linked, memo: input.memo, emit: emit)
    }
}
