import Foundation
import KBContract
import KBPipeline
import KBQuery
import KBTestSupport
import Testing

/// The seeds' contract, built in memory as `kb lookup --content` builds it, read through a
/// function as a built site is.
func seedContract() async throws -> SiteReader {
    let files = try await SiteBuild.contract(BuildSettings()).make(try seedFiles()).filesByPath
    return { path in files[path].map { Data($0.contents) } }
}

@Suite("Looking up codes in a built contract")
struct CodeLookupTests {
    @Test("a code is found in every form a technician types, and only its entries are given")
    func forms() async throws {
        let lookup = try CodeLookup.load(reading: try await seedContract(), site: "site")
        let record = try #require(lookup.code("0x80CF0437"))
        for form in ["80cf0437", "-2133916617", "0X80CF0437", " \"0x80cf0437\" ", "2161050679"] {
            #expect(lookup.code(form)?.code == record.code, "\(form)")
        }
        #expect(lookup.code("DEVICECAPREACHED")?.code == "DeviceCapReached")
        #expect(lookup.code("0x12345678") == nil && lookup.code("") == nil)

        let matches = lookup.matches(record)
        #expect(!matches.isEmpty && matches.allSatisfy { $0.entry.codes.contains { $0.code == record.code } })
        #expect(matches.map(\.article.locale) == matches.map(\.article.locale).sorted())
        #expect(lookup.matches(record, locale: "sv").allSatisfy { $0.article.locale == "sv-se" })
        #expect(lookup.matches(record, locale: "sv-SE").count == lookup.matches(record, locale: "sv").count)
        #expect(lookup.matches(record, locale: "ja").isEmpty)
        let report = lookup.report(record, locale: "nl")
        #expect(report.code == record && report.entries.map(\.locale).allSatisfy { $0 == "nl-nl" } && !report.entries.isEmpty)
    }

    @Test("an unknown code gets the known codes it looks like: a swap of two digits first")
    func suggestions() async throws {
        let lookup = try CodeLookup.load(reading: try await seedContract(), site: nil)
        #expect(lookup.suggestions(for: "0x80CF0473").first == "0x80CF0437")
        #expect(lookup.suggestions(for: "DeviceCapReachd").first == "DeviceCapReached")
        #expect(lookup.suggestions(for: "0x80CF", limit: 2).count == 2)
        #expect(lookup.suggestions(for: "zzzzzzzzzzzz").isEmpty && lookup.suggestions(for: " ").isEmpty)
    }

    @Test("a site without a contract, or with a broken one, says what to do")
    func missingContract() throws {
        #expect { try CodeLookup.load(reading: { _ in nil }, site: "site") } throws: { "\($0)".contains("kb build") }
        #expect { try CodeLookup.load(reading: { _ in Data("{".utf8) }, site: "site") } throws: { "\($0)".contains("is not a kb contract file") }
    }

    @Test("where an entry is: a path in the site folder, or the URL when it is absolute")
    func location() async throws {
        let lookup = try CodeLookup.load(reading: try await seedContract(), site: "out")
        #expect(lookup.location("nl-nl/a.html#x") == "out/nl-nl/a.html#x")
        #expect(lookup.location("https://help.example.com/kb/a.html") == "https://help.example.com/kb/a.html")
    }
}

@Suite("Searching the chunks of a built contract")
struct ChunkLibraryTests {
    @Test("a code in the query brings its entries first; words rank by BM25; a locale keeps its own")
    func search() async throws {
        let read = try await seedContract()
        let lookup = try CodeLookup.load(reading: read, site: nil)
        let library = try ChunkLibrary.load(reading: read, index: lookup.index)
        let record = try #require(lookup.code("0x80CF0437"))
        let entryChunks = Set(lookup.matches(record).map(\.entry.chunk))

        let byCode = library.search("error 0x80cf0437 during enrollment", lookup: lookup, locale: nil)
        #expect(byCode.prefix(entryChunks.count).allSatisfy { entryChunks.contains($0.chunk.id) }, "\(byCode.map(\.chunk.id))")
        #expect(byCode.first.map { $0.score >= 1000 } == true)
        #expect(byCode.map(\.score) == byCode.map(\.score).sorted(by: >))

        // An entry's own words find it.
        let entry = try #require(lookup.matches(record, locale: "nl").first?.entry)
        let byWords = library.search(entry.title, lookup: lookup, locale: "nl-nl", limit: 3)
        #expect(byWords.contains { $0.chunk.id == entry.chunk }, "\(entry.title): \(byWords.map(\.chunk.id))")
        #expect(byWords.allSatisfy { $0.chunk.metadata.locale == "nl-nl" })
        #expect(library.search("klok", lookup: lookup, locale: "sv").allSatisfy { $0.chunk.metadata.locale == "sv-se" })
        #expect(library.search("qqqqzzzz", lookup: lookup, locale: nil).isEmpty)
        #expect(library.search("0x80cf0437", lookup: lookup, locale: nil, limit: 1).count == 1)

        #expect(library.chunk(entry.chunk)?.id == entry.chunk && library.chunk("nothing#x@nl-nl") == nil)
    }
}
