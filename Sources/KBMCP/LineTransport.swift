import Foundation
import Logging
import MCP
import Synchronization

/// The MCP stdio transport, made to survive any input: newline-delimited JSON-RPC messages on
/// standard input, replies on standard output.
///
/// It reads lines in one pass (a line of 100 MB costs its bytes once), refuses lines longer
/// than `maximumMessage`, and answers what is not a JSON-RPC 2.0 message itself, as the
/// specification asks: `-32700` for text that is not JSON (or too long), `-32600` for JSON
/// that is not a request, a notification or a response (an `id` that is an object, a
/// fraction, a number past 64 bits), both with `"id": null`. Only valid messages reach the
/// server, whose decoding would otherwise drop them or answer with a made-up id.
actor LineTransport: Transport {
    nonisolated let logger = Logger(label: "kb.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Bytes of one message, at most.
    static let maximumMessage = 4 * 1024 * 1024

    private let input: Int32
    private let output: Int32
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var reading = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        guard !reading else { return }
        reading = true
        let input = self.input
        let continuation = self.continuation
        let reply: @Sendable (Data) -> Void = { [output] data in Self.write(data, to: output) }
        // A thread of its own: reading blocks, which the cooperative pool must not.
        let thread = Thread {
            Self.readLines(from: input, reply: reply) { continuation.yield($0) }
            continuation.finish()
        }
        thread.start()
    }

    func disconnect() async {
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        Self.write(data, to: output)
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        stream
    }

    /// Writes are serialized: each message is one line, whole.
    private static let writing = Mutex(())

    private static func write(_ data: Data, to descriptor: Int32) {
        writing.withLock { _ in
            var bytes = [UInt8](data)
            bytes.append(UInt8(ascii: "\n"))
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                written += count
            }
        }
    }

    /// Reads newline-delimited messages until the end of the input: valid ones go to
    /// `deliver`, invalid ones get their error reply through `reply`.
    static func readLines(from descriptor: Int32, reply: (Data) -> Void, deliver: (Data) -> Void) {
        var pending: [UInt8] = []
        var discarding = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break }
            var start = 0
            for index in 0..<count where buffer[index] == UInt8(ascii: "\n") {
                if discarding {
                    discarding = false
                } else {
                    pending += buffer[start..<index]
                    handle(pending, reply: reply, deliver: deliver)
                }
                pending.removeAll(keepingCapacity: true)
                start = index + 1
            }
            guard !discarding else { continue }
            pending += buffer[start..<count]
            if pending.count > maximumMessage {
                reply(error(-32700, "Parse error: a message is longer than \(maximumMessage) bytes"))
                pending.removeAll()
                discarding = true
            }
        }
        if !discarding, !pending.isEmpty { handle(pending, reply: reply, deliver: deliver) }
    }

    private static func handle(_ line: [UInt8], reply: (Data) -> Void, deliver: (Data) -> Void) {
        var line = line[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
        while let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { line.removeFirst() }
        guard !line.isEmpty else { return }
        let data = Data(line)
        switch validate(data) {
        case .valid: deliver(data)
        case .invalid(let code, let message): reply(error(code, message))
        }
    }

    enum Validity: Equatable {
        case valid
        case invalid(Int, String)
    }

    /// Whether a message is a JSON-RPC 2.0 request, notification or response (or a batch of
    /// them) whose id, if any, is a string or an integer of 53 bits (what every JSON reader
    /// keeps exactly).
    static func validate(_ data: Data) -> Validity {
        let decoder = JSONDecoder()
        if let message = try? decoder.decode([String: Shallow].self, from: data) {
            return validateMessage(message)
        }
        if let batch = try? decoder.decode([[String: Shallow]].self, from: data) {
            guard !batch.isEmpty else { return .invalid(-32600, "Invalid Request: an empty batch") }
            for message in batch {
                if case .invalid(let code, let text) = validateMessage(message) { return .invalid(code, text) }
            }
            return .valid
        }
        if (try? decoder.decode(Shallow.self, from: data)) != nil {
            return .invalid(-32600, "Invalid Request: a message is a JSON object")
        }
        return .invalid(-32700, "Parse error: the message is not JSON")
    }

    private static func validateMessage(_ object: [String: Shallow]) -> Validity {
        guard case .string("2.0")? = object["jsonrpc"] else {
            return .invalid(-32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"")
        }
        switch object["id"] {
        case nil, .string?, .integer?: break
        default: return .invalid(-32600, "Invalid Request: \"id\" must be a string or an integer")
        }
        if let method = object["method"] {
            guard case .string = method else { return .invalid(-32600, "Invalid Request: \"method\" must be a string") }
            switch object["params"] {
            case nil, .object?, .array?: return .valid
            default: return .invalid(-32600, "Invalid Request: \"params\" must be an object or an array")
            }
        }
        guard object["id"] != nil, object["result"] != nil || object["error"] != nil else {
            return .invalid(-32600, "Invalid Request: a message needs a \"method\", or an \"id\" with a \"result\" or an \"error\"")
        }
        return .valid
    }

    /// A JSON value's kind, with strings and exact integers kept, read without walking into
    /// arrays and objects (the reader already checked them, nesting limited).
    enum Shallow: Decodable {
        case null, bool, integer(Int64), number, string(String), array, object

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
                self = .object
            } else if (try? decoder.unkeyedContainer()) != nil {
                self = .array
            } else {
                let value = try decoder.singleValueContainer()
                if value.decodeNil() {
                    self = .null
                } else if (try? value.decode(Bool.self)) != nil {
                    self = .bool
                } else if let text = try? value.decode(String.self) {
                    self = .string(text)
                } else if let integer = try? value.decode(Int64.self), abs(integer) <= 1 << 53 {
                    self = .integer(integer)
                } else {
                    self = .number
                }
            }
        }
    }

    /// A JSON-RPC error response to a message whose id is unknown.
    static func error(_ code: Int, _ message: String) -> Data {
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":\#(code),"message":"\#(escaped)"}}"#.utf8)
    }
}
