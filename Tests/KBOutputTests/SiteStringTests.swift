import Foundation
@testable import KBOutput
import KBTestSupport
import Testing

/// The interface's words are declared once (`SiteString`): Swift code cannot misspell a key,
/// and these tests hold the templates and every language's table to the same list.
@Suite struct SiteStringTests {
    @Test("every language's table has only declared keys, and English has them all")
    func tables() {
        let declared = Set(SiteString.allCases.map(\.rawValue))
        #expect(Set(SiteStrings.table["en"]?.keys.map { $0 } ?? []) == declared)
        for (locale, words) in SiteStrings.table {
            let unknown = Set(words.keys).subtracting(declared)
            #expect(unknown.isEmpty, "\(locale) has words for no key: \(unknown.sorted())")
        }
    }

    @Test("every {{strings.key}} of the templates is a declared key")
    func templates() throws {
        let folder = repositoryRoot.appendingPathComponent("Sources/KBPages/Templates")
        let declared = Set(SiteString.allCases.map(\.rawValue))
        var used: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: #/strings\.([A-Za-z0-9]+)/#) { used.insert(String(match.output.1)) }
        }
        #expect(used.count > 20)
        #expect(used.subtracting(declared).isEmpty, "templates use undeclared keys: \(used.subtracting(declared).sorted())")
        // The check finds a misspelling.
        #expect(!declared.contains("onThisPag"))
    }
}
