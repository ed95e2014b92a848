import ArgumentParser
import Foundation

/// `kb init [FOLDER]`: writes a commented `kb.yml`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented kb.yml, the settings file the other commands read.",
        discussion: """
            Writes FOLDER/kb.yml with every setting explained (title, base-url, content, output, \
            templates, locale, locales, exclude, edit-link, outputs, diagnostics, fail-on, search). \
            An existing kb.yml is kept unless --force is given.
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
        try Data(Configuration.template.utf8).write(to: URL(fileURLWithPath: path))
        print("""
            wrote \(path)
            next: put articles in \(folder == "." ? "" : folder + "/")content/ (one folder per locale, or the articles of one language), then
              kb serve    a live preview at http://127.0.0.1:8000/
              kb check    the problems, without writing anything
              kb build    the site in site/, for any static host
            """)
    }
}
