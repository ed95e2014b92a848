import KBOutput
import Mustache

/// The Mustache templates and assets pages are made from: the defaults carried by kb (from
/// `Sources/KBPages/Templates/`), each of which a user may replace with a file of the
/// same name (`kb build --templates DIR`).
public struct TemplateSet: Sendable {
    /// The templates a site needs; `nav` renders navigation trees, `layout` is the page shell.
    public static let required = ["layout", "root", "home", "article", "code", "coverage", "nav", "search", "codes", "notfound"]

    let library: MustacheLibrary
    /// Files other than templates (`assets/site.css`, `assets/site.js`), by path.
    public let assets: [BuiltSite.File]

    /// - Parameter overrides: file path relative to the templates folder (`article.mustache`,
    ///   `assets/site.css`) → contents, replacing the default of that name or adding a file.
    public init(overrides: [String: [UInt8]] = [:]) throws {
        var files = DefaultTemplates.files
        files.merge(overrides) { _, override in override }
        var library = MustacheLibrary()
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            do {
                // Every template, and the partials it renders, escapes with `HTMLEscaping`.
                try library.register(HTMLEscaping.pragma + String(decoding: contents, as: UTF8.self), named: name)
            } catch {
                throw TemplateError.invalid(path, "\(error)")
            }
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw TemplateError.missing(name + ".mustache")
        }
        self.library = library
        assets = files.filter { !$0.key.hasSuffix(".mustache") }
            .map { BuiltSite.File(path: $0.key, contents: $0.value) }
            .sorted { $0.path < $1.path }
    }

    func render(_ context: some MustacheParent, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// What `{{name}}` escapes in the templates: `& < > " '`, as Mustache's HTML escaping does, but
/// by UTF-8 byte (`String.htmlEscaped`) rather than by Character. Mustache's walks grapheme
/// clusters and looks each up in a dictionary, which took a tenth of the time of making the
/// pages; and it leaves a quote followed by a combining mark (one Character) unescaped, which
/// ends an attribute value in a browser.
struct HTMLEscaping: MustacheContentType {
    static let name = "KB_HTML"
    /// Put before each template; it renders nothing.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String {
        text.htmlEscaped
    }
}

public enum TemplateError: Error, CustomStringConvertible {
    case invalid(String, String)
    case missing(String)

    public var description: String {
        switch self {
        case let .invalid(path, reason): "the template '\(path)' does not parse: \(reason)"
        case let .missing(path): "the template '\(path)' is missing"
        }
    }
}
