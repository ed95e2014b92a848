import Foundation
import MCP
import Synchronization
import Testing
@testable import KBMCP

@Suite("kb mcp's input: any line gets a protocol answer or reaches the server whole")
struct LineReaderTests {
    let reader = LineReader(checks: MCPServer.checks)

    @Test("what is not a JSON-RPC 2.0 message is answered with -32700 or -32600 and id null", arguments: [
        ("not json", -32700), ("{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":\"p\"}", -32600),
        ("[1,2]", -32600), ("[]", -32600), ("\"text\"", -32600), ("{\"jsonrpc\":\"2.0\"}", -32600),
        (String(repeating: "[", count: 100_000), -32700),
        // A lone surrogate, a number no double holds: JSON's grammar allows them, no reader can keep them.
        (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"query":"\ud800"}}}"#, -32700),
        (#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"query":1e999}}}"#, -32700),
    ])
    func invalid(message: String, code: Int) throws {
        #expect(reader.check(Data(message.utf8)).code == code)
        let reply = try answer(to: Array(message.utf8))
        #expect(reply["id"] == .some(.null) && reply["error"]?.objectValue?["code"] == .int(code))
    }

    @Test("a line that is not UTF-8 is a parse error with id null, not an answer with a made-up id")
    func notUTF8() throws {
        let bytes = Array(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"search","arguments":{"query":""#.utf8)
            + [0xC3, 0x28, 0xFF] + Array(#""}}}"#.utf8)
        let reply = try answer(to: bytes)
        #expect(reply["id"] == .some(.null) && reply["error"]?.objectValue?["code"] == .int(-32700))
    }

    @Test("parameters a method cannot take are invalid params (-32602), answered with the request's id", arguments: [
        #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":5}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search","arguments":"text"}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":5}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":1}}"#,
    ])
    func invalidParameters(message: String) throws {
        let reply = try answer(to: Array(message.utf8))
        #expect(reply["id"] == .int(3) && reply["error"]?.objectValue?["code"] == .int(-32602), "\(reply)")
    }

    @Test("requests, notifications, cancellations, responses and batches pass, each with what the server owes it", arguments: [
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", LineReader.Kind.request(RequestKey(.number(1)))),
        ("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"x\",\"params\":{}}", .request(RequestKey(.string("a")))),
        ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", .other),
        ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"a\"}}", .cancellation(of: RequestKey(.string("a")))),
        ("{\"jsonrpc\":\"2.0\",\"id\":-5,\"result\":{}}", .other),
        ("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}]", .other),
    ])
    func valid(message: String, kind: LineReader.Kind) {
        #expect(reader.check(Data(message.utf8)) == .valid(kind))
    }

    @Test("lines are the same in pieces of any size; a line past the limit is refused and the next one read")
    func pieces() {
        func events(_ bytes: [UInt8], piece: Int) -> [LineReader.Event] {
            LineReader().events(of: bytes, inPiecesOf: piece)
        }
        let lines = Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}\r\n\n  \n[1]\n\u{E9}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\"}".utf8)
        let whole = events(lines, piece: lines.count)
        #expect(whole.count == 4)
        #expect(whole.filter { if case .message = $0 { true } else { false } }.count == 2)
        for piece in [1, 2, 3, 7] {
            #expect(events(lines, piece: piece) == whole, "pieces of \(piece) bytes")
        }
        let long = Array(String(repeating: "x", count: LineReader.maximumMessage + 10).utf8) + [10] + lines
        let longWhole = events(long, piece: long.count)
        #expect(longWhole.count == 5 && Array(longWhole.dropFirst()) == whole)
        for piece in [4096, 65_536, 1 << 20] {
            #expect(events(long, piece: piece) == longWhole, "pieces of \(piece) bytes")
        }
    }

    /// The reply to one line.
    private func answer(to bytes: [UInt8]) throws -> [String: Value] {
        var reader = reader
        var replies: [Data] = []
        (bytes + [10]).withUnsafeBytes { reader.read($0) { if case .reply(let data) = $0 { replies.append(data) } } }
        #expect(replies.count == 1)
        return try JSONDecoder().decode([String: Value].self, from: try #require(replies.first))
    }
}

@Suite("kb mcp's transport: bounded, and every request answered before the end")
struct LineTransportTests {
    @Test("the reading thread waits while the inbox holds its capacity, and goes on as requests are answered")
    func capacity() async throws {
        let inbox = Inbox(capacity: 3)
        let read = Atomic<Int>(0)
        let thread = Thread {
            for number in 0..<10 {
                inbox.put(Data("\(number)".utf8), kind: .request(RequestKey(.number(number))))
                read.add(1, ordering: .relaxed)
            }
            inbox.end()
        }
        thread.start()
        try await Task.sleep(for: .milliseconds(200))
        let readFirst = read.load(ordering: .relaxed)
        #expect(readFirst == 3)
        var taken: [Int] = []
        while let message = await inbox.next() {
            let number = Int(String(decoding: message, as: UTF8.self))!
            taken.append(number)
            #expect(inbox.unanswered <= 3)
            inbox.answered(RequestKey(.number(number)))
        }
        #expect(taken == Array(0..<10))
        let readAll = read.load(ordering: .relaxed)
        #expect(readAll == 10)
    }

    @Test("after the end of the input, the server's stream ends only once every request taken is answered")
    func endWaitsForAnswers() async throws {
        let inbox = Inbox(capacity: 8)
        inbox.put(Data("a".utf8), kind: .request(RequestKey(.string("a"))))
        inbox.put(Data("b".utf8), kind: .request(RequestKey(.string("b"))))
        inbox.put(Data("c".utf8), kind: .cancellation(of: RequestKey(.string("b"))))
        inbox.end()
        #expect(await inbox.next() == Data("a".utf8))
        #expect(await inbox.next() == Data("b".utf8))
        #expect(await inbox.next() == Data("c".utf8))
        let ended = Atomic<Bool>(false)
        let last = Task {
            let message = await inbox.next()
            ended.store(true, ordering: .relaxed)
            return message
        }
        try await Task.sleep(for: .milliseconds(100))
        let endedEarly = ended.load(ordering: .relaxed)
        #expect(!endedEarly)
        inbox.answered(RequestKey(.string("a")))  // "b" was cancelled: nothing more is owed
        #expect(await last.value == nil)
    }

    @Test("requests piped in and the input closed: every one is answered before the server ends", arguments: 0..<10)
    func pipedRequests(run: Int) async throws {
        var ends: [Int32] = [0, 0, 0, 0]
        #expect(ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) == 0 && pipe($0.baseAddress! + 2) == 0 })
        let (input, feed, drain, output) = (ends[0], ends[1], ends[2], ends[3])
        let count = 3 + run * 10
        let requests = (1...count).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }.joined(separator: "\n") + "\n"
        _ = requests.withCString { write(feed, $0, strlen($0)) }
        close(feed)
        let collected = collect(from: drain)
        let server = Server(name: "test", version: "1")
        try await server.start(transport: LineTransport(input: input, output: output))
        await server.waitUntilCompleted()
        close(output)
        #expect(await collected.value.split(separator: "\n").count == count)
        close(input)
        close(drain)
    }

    /// Everything read from a descriptor until its end, read on a thread of its own.
    private func collect(from descriptor: Int32) -> Task<String, Never> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        Thread {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                guard count > 0 else { break }
                bytes += buffer[..<count]
            }
            continuation.yield(String(decoding: bytes, as: UTF8.self))
            continuation.finish()
        }.start()
        return Task { await stream.first { _ in true } ?? "" }
    }
}
