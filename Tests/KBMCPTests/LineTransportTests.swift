import Foundation
import Testing
@testable import KBMCP

@Suite("kb mcp's transport: any input gets a protocol answer")
struct LineTransportTests {
    @Test("what is not a JSON-RPC 2.0 message is answered with -32700 or -32600 and id null", arguments: [
        ("not json", -32700), ("{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"x\"}", -32600), ("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}", -32600),
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600), ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":\"p\"}", -32600),
        ("[1,2]", -32600), ("[]", -32600), ("\"text\"", -32600), ("{\"jsonrpc\":\"2.0\"}", -32600),
        (String(repeating: "[", count: 100_000), -32700),
    ])
    func invalid(message: String, code: Int) {
        #expect(LineTransport.validate(Data(message.utf8)) == .invalid(code, LineTransport.validate(Data(message.utf8)).message))
        guard case .invalid(let found, _) = LineTransport.validate(Data(message.utf8)) else { return }
        #expect(found == code)
    }

    @Test("requests, notifications, responses and batches pass", arguments: [
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"x\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "{\"jsonrpc\":\"2.0\",\"id\":-5,\"result\":{}}",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}]",
    ])
    func valid(message: String) {
        #expect(LineTransport.validate(Data(message.utf8)) == .valid)
    }

    @Test("lines are read in one pass; a line past the limit is refused and the next one read")
    func lines() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (reading, writing) = (ends[0], ends[1])
        let writer = Thread {
            let long = String(repeating: "x", count: LineTransport.maximumMessage + 10) + "\n"
            let text = long + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}\r\n\n  \n[1]\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\"}"
            let bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                written += bytes.withUnsafeBytes { write(writing, $0.baseAddress! + written, bytes.count - written) }
            }
            close(writing)
        }
        writer.start()
        var replies: [String] = []
        var delivered: [String] = []
        LineTransport.readLines(from: reading, reply: { replies.append(String(decoding: $0, as: UTF8.self)) },
                                deliver: { delivered.append(String(decoding: $0, as: UTF8.self)) })
        close(reading)
        #expect(delivered == ["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"b\"}"])
        #expect(replies.count == 2)
        #expect(replies.allSatisfy { $0.contains("\"id\":null") })
    }
}

extension LineTransport.Validity {
    var message: String {
        if case .invalid(_, let message) = self { return message }
        return ""
    }
}
