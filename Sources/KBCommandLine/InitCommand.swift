import ArgumentParser
import Foundation

/// `kb init [FOLDER]`: writes a commented `kb.yml`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented kb.yml, the settings file the other commands read.",
        discussion: """
            Writes FOLDER/kb.yml with every setting explained (title, base-url, content, output, \
            templates, locale, locales, exclude, edit-link, outputs, diagnostics, fail-on, strings, \
            and each output's options). Its content setting names the folder of FOLDER that holds \
            the articles: content/ or docs/ when there is one, else the folder with the most \
            Markdown files, else content. An existing kb.yml is kept unless --force is given.
            """
    )

    @Argument(help: "The folder to write kb.yml in: the one that holds the content folder.")
    var folder: String = "."

    @Flag(help: "Replace an existing kb.yml.")
    var force = false

    func run() throws {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(Configuration.fileName).path
        if FileManager.default.fileExists(atPath: path), !force {
            throw ValidationError("\(path) exists; --force replaces it")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let found = Self.contentFolder(in: folder)
        let content = found ?? "content"
        try Data(Configuration.template(content: content).utf8).write(to: URL(fileURLWithPath: path))
        let place = (folder == "." ? "" : folder + "/") + content + "/"
        let start = found == nil ? "next: put articles in \(place) (one folder per locale, or the articles of one language), then\n" : "next:\n"
        print("wrote \(path)" + (found.map { " (content: \($0), the folder of articles found there)" } ?? ""))
        print(start + """
              kb serve    a live preview at http://127.0.0.1:8000/
              kb check    the problems, without writing anything
              kb build    the site in site/, for any static host
            """)
    }

    /// The folder of `folder` that holds the articles: `content` or `docs` when there is one,
    /// else the folder with the most Markdown files below it (hidden folders and what builds
    /// write left out; not without `searching`); nil when none has any.
    static func contentFolder(in folder: String, searching: Bool = true) -> String? {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        for name in ["content", "docs"] where manager.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && isFolder.boolValue {
            return name
        }
        guard searching else { return nil }
        let skipped: Set<String> = ["node_modules", "site", "public", "build", "dist", "vendor"]
        let children = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var best: (name: String, count: Int)?
        for name in children where !name.hasPrefix(".") && !skipped.contains(name) {
            guard manager.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), isFolder.boolValue else { continue }
            var count = 0
            if let walker = manager.enumerator(atPath: folder + "/" + name) {
                while let item = walker.nextObject() as? String, count < 10_000 {
                    if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    if item.lowercased().hasSuffix(".md") { count += 1 }
                }
            }
            if count > 0, count > (best?.count ?? 0) { best = (name, count) }
        }
        return best?.name
    }
}
