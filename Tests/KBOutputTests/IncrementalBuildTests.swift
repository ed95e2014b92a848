import Foundation
import KBCore
import KBPages
import KBPipeline
import KBTestSupport
import Testing

/// `IncrementalBuilder` (kb serve) gives, after every kind of change, the files and diagnostics
/// a build from scratch gives.
@Suite struct IncrementalBuildTests {
    let site = SiteBuild.memory(BuildSettings(), formats: OutputFormats.standard(templates: try! TemplateSet()))

    /// Builds the content with the incremental builder and from scratch, and compares.
    func expectSame(_ builder: IncrementalBuilder, _ contents: [String: [UInt8]], changed: [String]) async throws {
        let incremental = try await builder.build(MemoryContent(contents), changed: changed)
        let full = try await site.make(MemoryContent(contents))
        let made = Dictionary(incremental.files.map { ($0.path, $0.contents) }) { first, _ in first }
        let expected = Dictionary(full.files.map { ($0.path, $0.contents) }) { first, _ in first }
        #expect(made.keys.sorted() == expected.keys.sorted(), "after changing \(changed)")
        for (path, bytes) in expected where made[path] != bytes {
            Issue.record("after changing \(changed), \(path) differs from a full build")
        }
        #expect(incremental.diagnostics.diagnostics == full.diagnostics.diagnostics, "after changing \(changed)")
    }

    @Test func everyChangeGivesWhatAFullBuildGives() async throws {
        var contents = try seedFiles().contents
        contents["nl-nl/enrollment/toc.yml"] = Array("""
            - name: Inschrijving
              items:
                - name: Vereisten
                  href: prerequisites-for-enrollment.md
            """.utf8)
        let builder = IncrementalBuilder(site)
        try await expectSame(builder, contents, changed: [])

        func edit(_ path: String, _ change: (inout String) -> Void) {
            var text = String(decoding: contents[path]!, as: UTF8.self)
            change(&text)
            contents[path] = Array(text.utf8)
        }
        let article = "nl-nl/enrollment/troubleshoot-windows-enrollment-errors.md"
        let translated = "nl-nl/enrollment/troubleshoot-device-enrollment-in-intune.md"

        // Nothing changed: nothing is extracted or made again.
        try await expectSame(builder, contents, changed: [])
        #expect(builder.lastCounts.extracted == 0 && builder.lastCounts.made < builder.lastCounts.reused)

        // A paragraph: only that article is read again.
        edit(article) { $0 += "\nEen nieuwe alinea over 0x80070005.\n" }
        try await expectSame(builder, contents, changed: [article])
        #expect(builder.lastCounts.extracted == 1)

        // The cause of an entry, which the pages of its codes show.
        edit(article) { $0 = $0.replacingOccurrences(of: "- De gebruiker heeft het maximaal", with: "- Nieuwe oorzaak.\n- De gebruiker heeft het maximaal") }
        try await expectSame(builder, contents, changed: [article])

        // A line added at the top moves every location below it.
        edit(translated) { $0 = $0.replacingOccurrences(of: "\n# ", with: "\n\nExtra regel.\n\n# ") }
        try await expectSame(builder, contents, changed: [translated])

        // A title, which other pages show.
        edit(article) { $0 = $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Nieuw: ") }
        try await expectSame(builder, contents, changed: [article])

        // An entry's heading, and a row's message: the outline of that article alone changes.
        edit(translated) { $0 = $0.replacingOccurrences(of: "## <a name=\"device-cap-reached\"></a>", with: "## <a name=\"device-cap-reached\"></a>Nieuw: ") }
        try await expectSame(builder, contents, changed: [translated])
        #expect(builder.lastCounts.reused > 0, "an entry's heading made everything again")
        edit(translated) { $0 = $0.replacingOccurrences(of: "|0x80CF0437 |De klok op de clientcomputer", with: "|0x80CF0437 |Nieuw: de klok op de clientcomputer") }
        try await expectSame(builder, contents, changed: [translated])
        #expect(builder.lastCounts.reused > 0, "a row's message made everything again")
        // A row's code: the code index changes, and every page that names the code may link it.
        edit(translated) { $0 = $0.replacingOccurrences(of: "|0x80CF0437 |Nieuw:", with: "|0x80CF0439 |Nieuw:") }
        try await expectSame(builder, contents, changed: [translated])
        #expect(builder.lastCounts.reused > 0, "a row's code made everything again")
        // A code another article names in its text, then in a row: that article's page links it;
        // then no more.
        edit(article) { $0 += "\nZie ook 0x8018DEAD en E_NIEUW_FOUT.\n" }
        try await expectSame(builder, contents, changed: [article])
        edit(translated) { $0 = $0.replacingOccurrences(of: "|0x80CF0439 |Nieuw:", with: "|0x8018DEAD |Nieuw:") }
        try await expectSame(builder, contents, changed: [translated])
        edit(translated) { $0 = $0.replacingOccurrences(of: "|0x8018DEAD |Nieuw:", with: "|0x80CF0439 |Nieuw:") }
        try await expectSame(builder, contents, changed: [translated])
        // A heading whose anchor is made from its text.
        edit(article) { $0 = $0.replacingOccurrences(of: "\n## ", with: "\n## Nieuw ", options: [], range: $0.range(of: "\n## ")) }
        try await expectSame(builder, contents, changed: [article])

        // The include, which another article reads.
        edit("nl-nl/includes/classic-portal.md") { $0 += "\nMeer tekst in de include.\n" }
        try await expectSame(builder, contents, changed: ["nl-nl/includes/classic-portal.md"])

        // The table of contents.
        edit("nl-nl/enrollment/toc.yml") { $0 += "\n    - name: Windows\n      href: troubleshoot-windows-enrollment-errors.md\n" }
        try await expectSame(builder, contents, changed: ["nl-nl/enrollment/toc.yml"])

        // An article without codes added where no table of contents lists it: the others' pages
        // are kept but those the folders' navigation lists; then its translation, which joins its
        // group and makes a page of the group's other language go; then both removed.
        let plain = "nl-nl/apps/plain-article.md"
        contents[plain] = Array("---\ntitle: Gewoon\nms.date: 03/01/2024\n---\n# Gewoon artikel\n\nZie [MAM](troubleshoot-mam.md).\n".utf8)
        try await expectSame(builder, contents, changed: [plain])
        #expect(builder.lastCounts.reused > 0, "an article added made everything again")
        let plainTranslation = "sv-se/apps/plain-article.md"
        contents[plainTranslation] = Array("---\ntitle: Vanlig\n---\n# Vanlig artikel\n\nSe [saknas](missing.md).\n".utf8)
        try await expectSame(builder, contents, changed: [plainTranslation])
        #expect(builder.lastCounts.reused > 0, "a translation added made everything again")
        let mamTranslation = "sv-se/apps/troubleshoot-mam.md"
        contents[mamTranslation] = Array("---\ntitle: MAM\n---\n# Felsöka MAM\n\nText.\n".utf8)
        try await expectSame(builder, contents, changed: [mamTranslation])
        contents[plainTranslation] = nil
        contents[mamTranslation] = nil
        try await expectSame(builder, contents, changed: [plainTranslation, mamTranslation])
        // The order of an article the folders' navigation lists: its neighbours' pages show it.
        let mam = "nl-nl/apps/troubleshoot-mam.md"
        edit(mam) { $0 = $0.replacingOccurrences(of: "---\n", with: "---\norder: 1\n", options: [], range: $0.range(of: "---\n")) }
        try await expectSame(builder, contents, changed: [mam])
        contents[plain] = nil
        try await expectSame(builder, contents, changed: [plain])

        // An article added, then renamed, then deleted.
        let added = "nl-nl/apps/new-article.md"
        contents[added] = Array("---\ntitle: Nieuw\n---\n# Nieuw artikel\n\n| Code | Bericht |\n|---|---|\n| 0x80CF0437 | Niet ondersteund. |\n".utf8)
        try await expectSame(builder, contents, changed: [added])
        let renamed = "nl-nl/apps/renamed-article.md"
        contents[renamed] = contents.removeValue(forKey: added)
        try await expectSame(builder, contents, changed: [added, renamed])
        contents[renamed] = nil
        try await expectSame(builder, contents, changed: [renamed])

        // An article that no longer parses as it did: front matter broken.
        edit(article) { $0 = $0.replacingOccurrences(of: "---\n", with: "---\n: [\n", options: [], range: $0.range(of: "---\n")) }
        try await expectSame(builder, contents, changed: [article])
    }

    @Test func aTreeWithoutLocaleFoldersBuildsIncrementallyToo() async throws {
        var contents: [String: [UInt8]] = [
            "setup.md": Array("# Setup\n\nInstall it.\n".utf8),
            "errors.md": Array("# Errors\n\n| Code | Message |\n|---|---|\n| 0x80CF0437 | Not supported. |\n".utf8),
            "README.md": Array("# Repository\n".utf8),
        ]
        let builder = IncrementalBuilder(site)
        try await expectSame(builder, contents, changed: [])
        contents["setup.md"] = Array("# Setup\n\nInstall it, then restart.\n".utf8)
        try await expectSame(builder, contents, changed: ["setup.md"])
        #expect(builder.lastCounts.extracted == 1)
    }
}
