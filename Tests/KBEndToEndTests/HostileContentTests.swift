import Foundation
import KBTestSupport
import Testing
@testable import KBCommandLine

@Suite("Hostile content", .serialized)
// End to end: each test runs the kb executable, alone, on content written to attack the build
// or the readers of the site.
struct HostileContentTests {
    @Test("hostile content trees end in time, in bounded memory, with the good article built and the expected diagnostic")
    func hostileTrees() throws {
        let (status, output, errors) = try script("check-hostile-content", [try kbExecutable().path])
        #expect(status == 0, "\(output)\n\(errors.suffix(3_000))")
        #expect(output.split(separator: "\n").count >= 28)
    }

    @Test("no page, Markdown twin or contract URL of a site built from 200 XSS payloads can run script")
    func crossSiteScripting() throws {
        let (status, output, errors) = try script("check-xss", [try kbExecutable().path])
        #expect(status == 0, "\(output)\n\(errors.suffix(3_000))")
        #expect(output.contains(" 0 problems"))
    }

    @Test("kb serve holds against hostile clients, pages and content: bounded heads, idle connections, event streams, swapped folders, Host, CSP (scripts/check-serve-attacks)")
    func serveAttacks() throws {
        let (status, output, errors) = try script("check-serve-attacks", [try kbExecutable().path])
        #expect(status == 0, "\(output)\n\(errors.suffix(3_000))")
        #expect(output.contains("\n0 problems") && !output.contains("FAILED"))
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count >= 40, "\(output)")
    }

    @Test("kb mcp answers every request before it ends, stays bounded for a client that does not read, and works with the official client (scripts/check-mcp)")
    func mcpClients() throws {
        let (status, output, errors) = try script("check-mcp", [try kbExecutable().path])
        #expect(status == 0, "\(output)\n\(errors.suffix(3_000))")
        #expect(output.contains("\n0 problems") && !output.contains("FAILED"))
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count >= 15, "\(output)")
    }

    @Test("two builds to one output folder at once: the second waits, and the site is whole")
    func concurrentBuilds() throws {
        let kb = try kbExecutable()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try buildSite(in: folder.appendingPathComponent("reference"))
        let output = folder.appendingPathComponent("site")
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = kb
            process.arguments = ["build", seedContent, "-o", output.path, "-q"]
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try tree(output) == tree(reference))
    }

    @Test("kb lookup takes 120,000 words in linear time, and a code with a leading minus sign")
    func lookupArguments() throws {
        let kb = try kbExecutable()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try buildSite(in: folder)
        let started = Date()
        let (status, _, errors) = try run(kb, ["lookup", "--site", site.path] + Array(repeating: "ab", count: 120_000))
        #expect(status == 1 && errors.hasPrefix("kb: no code ab ab"))
        #expect(Date().timeIntervalSince(started) < 60)
        for arguments in [["lookup", "--site", site.path, "--", "-2133916617"], ["lookup", "-2133916617", "--site", site.path]] {
            let (found, output, _) = try run(kb, arguments)
            #expect(found == 0 && output.hasPrefix("0x80CF0437"), "\(arguments)")
        }
    }

    @Test("kb mcp answers every malformed message with a protocol error and keeps serving")
    func malformedMessages() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try buildSite(in: folder)
        let messages = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"resources/list","params":{"cursor":"-5"}}"#,
            #"{"jsonrpc":"2.0","id":1e400,"method":"tools/list"}"#, #"{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"no/such/method"}"#, "not json", "[1,2,3]",
            #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"fetch","arguments":{"id":"../../../etc/passwd"}}}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"kb://nl-nl/../../../../etc/passwd"}}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"tools/call","params":"text"}"#,
            #"{"jsonrpc":"2.0","id":7,"method":"resources/list","params":{"cursor":"99999999999999999999"}}"#,
            #"{"jsonrpc":"2.0","id":"\#(String(repeating: "9", count: 4_000))","method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"lookup_error_code","arguments":{"code":"0x80CF0437"}}}"#,
        ]
        let input = messages.joined(separator: "\n") + "\n"
        let (status, output, _) = try run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "(cat; sleep 3) | \"$0\" mcp --site \"$1\"", try kbExecutable().path, site.path],
            standardInput: input)
        #expect(status == 0)
        let replies = output.split(separator: "\n")
        // Every message but the notification gets one reply; the last one is still served.
        #expect(replies.count == messages.count - 1, "\(output)")
        #expect(replies.filter { $0.contains(#""id":null"#) }.count == 5)
        #expect(replies.contains { $0.contains(#""id":8"#) && $0.contains("0x80CF0437") })
        #expect(!output.contains("root:x:0:0"))
    }
}
