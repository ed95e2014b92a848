import Foundation
import KBCore
import MCP

/// The messages of kb mcp's standard input: newline-delimited JSON-RPC 2.0, read from pieces of
/// any size in one pass (a line of 100 MB costs its bytes once; one past `maximumMessage` is
/// refused and skipped), and checked before the server sees them, as JSON-RPC asks:
///
/// - `-32700` (parse error, `"id": null`) for a line that is not UTF-8 JSON whose every string and
///   number can be read (a lone surrogate, a number past a double), or that is too long;
/// - `-32600` (invalid request, `"id": null`) for JSON that is not a request, a notification or
///   a response (an `id` that is an object, a fraction, a number past 53 bits);
/// - `-32602` (invalid params, with the request's id) for a request whose parameters the method
///   it names cannot take (`checks`).
///
/// Only messages the server can decode reach it: its own decoding would drop them or answer
/// with an id it made up.
struct LineReader {
    /// Bytes of one message, at most.
    static let maximumMessage = 4 * 1024 * 1024
    /// The answer to a longer line.
    static let tooLong = error(-32700, "Parse error: a message is longer than \(maximumMessage) bytes")

    enum Event: Equatable {
        /// A message for the server.
        case message(Data, Kind)
        /// The answer to a line that is not a message the server can take.
        case reply(Data)
    }

    /// What the server owes a message: requests are answered (by their id, `RequestKey`);
    /// a cancellation releases the request it names from that.
    enum Kind: Equatable {
        case request(RequestKey)
        case cancellation(of: RequestKey)
        case other
    }

    /// For a method, whether a request's bytes decode as the request it takes.
    typealias Checks = [String: @Sendable (Data) -> String?]

    let checks: Checks
    private var pending: [UInt8] = []
    private var discarding = false

    init(checks: Checks = [:]) {
        self.checks = checks
    }

    /// Reads a piece of the input, handing on each line it completes.
    mutating func read(_ bytes: UnsafeRawBufferPointer, _ handle: (Event) -> Void) {
        var start = 0
        while let lineFeed = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if discarding {
                discarding = false
            } else {
                pending += bytes[start..<lineFeed]
                if pending.count > Self.maximumMessage {
                    handle(.reply(Self.tooLong))
                } else {
                    line(pending, handle)
                }
            }
            pending.removeAll(keepingCapacity: pending.count <= 64 * 1024)
            start = lineFeed + 1
        }
        guard !discarding else { return }
        pending += bytes[start...]
        if pending.count > Self.maximumMessage {
            handle(.reply(Self.tooLong))
            pending = []
            discarding = true
        }
    }

    /// What a whole input gives, read in pieces of `piece` bytes (for the tests and the fuzz
    /// target, which hold it to the same for any pieces).
    func events(of bytes: [UInt8], inPiecesOf piece: Int) -> [Event] {
        var reader = self
        var events: [Event] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, piece))
            bytes[start..<end].withUnsafeBytes { reader.read($0) { events.append($0) } }
            start = end
        }
        reader.finish { events.append($0) }
        return events
    }

    /// The end of the input: a last line without its line break is a line too.
    mutating func finish(_ handle: (Event) -> Void) {
        if !discarding, !pending.isEmpty { line(pending, handle) }
        pending = []
        discarding = false
    }

    private func line(_ line: [UInt8], _ handle: (Event) -> Void) {
        var line = line[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
        while let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { line.removeFirst() }
        guard !line.isEmpty else { return }
        let data = Data(line)
        switch check(data) {
        case .valid(let kind): handle(.message(data, kind))
        case .invalid(let code, let message, let id): handle(.reply(Self.error(code, message, id: id)))
        }
    }

    enum Validity: Equatable {
        case valid(Kind)
        /// The error to answer, and the id to answer with (nil: `null`).
        case invalid(Int, String, id: MCP.ID?)

        var code: Int? {
            if case .invalid(let code, _, _) = self { return code }
            return nil
        }
    }

    /// Whether a message is a JSON-RPC 2.0 request, notification or response (or a batch of
    /// them) the server can take.
    func check(_ data: Data) -> Validity {
        guard data.withUnsafeBytes({ String(validating: $0, as: UTF8.self) }) != nil else {
            return .invalid(-32700, "Parse error: the message is not UTF-8 text", id: nil)
        }
        let decoder = JSONDecoder()
        let validity: Validity
        var method: String?
        if let message = try? decoder.decode([String: Shallow].self, from: data) {
            validity = Self.check(message)
            if case .string(let name)? = message["method"] { method = name }
        } else if let batch = try? decoder.decode([[String: Shallow]].self, from: data) {
            guard !batch.isEmpty else { return .invalid(-32600, "Invalid Request: an empty batch", id: nil) }
            for message in batch {
                let validity = Self.check(message)
                if case .invalid = validity { return validity }
            }
            validity = .valid(.other)
        } else if (try? decoder.decode(Shallow.self, from: data)) != nil {
            return .invalid(-32600, "Invalid Request: a message is a JSON object", id: nil)
        } else {
            return .invalid(-32700, "Parse error: the message is not JSON", id: nil)
        }
        guard case .valid(let kind) = validity else { return validity }
        // Every string and number, not only the ones looked at above, must be readable.
        guard (try? decoder.decode(Value.self, from: data)) != nil else {
            return .invalid(-32700, "Parse error: the message holds a string or a number that cannot be read", id: nil)
        }
        if case .request(let key) = kind, let method, let check = checks[method], let problem = check(data) {
            return .invalid(-32602, "Invalid params: \(problem)", id: key.id)
        }
        return validity
    }

    private static func check(_ object: [String: Shallow]) -> Validity {
        guard case .string("2.0")? = object["jsonrpc"] else {
            return .invalid(-32600, "Invalid Request: \"jsonrpc\" must be \"2.0\"", id: nil)
        }
        let id: RequestKey?
        switch object["id"] {
        case nil: id = nil
        case .string(let text)?: id = RequestKey(.string(text))
        case .integer(let number)?: id = RequestKey(.number(Int(number)))
        default: return .invalid(-32600, "Invalid Request: \"id\" must be a string or an integer", id: nil)
        }
        if let method = object["method"] {
            guard case .string(let name) = method else { return .invalid(-32600, "Invalid Request: \"method\" must be a string", id: nil) }
            switch object["params"] {
            case nil, .object?, .array?: break
            default: return .invalid(-32600, "Invalid Request: \"params\" must be an object or an array", id: nil)
            }
            if let id { return .valid(.request(id)) }
            if name == "notifications/cancelled", case .object(let parameters)? = object["params"], let request = parameters.requestId {
                return .valid(.cancellation(of: request))
            }
            return .valid(.other)
        }
        guard id != nil, object["result"] != nil || object["error"] != nil else {
            return .invalid(-32600, "Invalid Request: a message needs a \"method\", or an \"id\" with a \"result\" or an \"error\"", id: nil)
        }
        return .valid(.other)
    }

    /// A JSON value's kind, with strings and exact integers kept, and a cancellation's
    /// `requestId`; nothing deeper is read.
    enum Shallow: Decodable {
        case null, bool, integer(Int64), number, string(String), array
        case object(Parameters)

        /// What is read of an object: a cancellation's request id.
        struct Parameters: Decodable {
            var requestId: RequestKey?

            private enum Keys: String, CodingKey { case requestId }

            init(requestId: RequestKey? = nil) {
                self.requestId = requestId
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                requestId = (try? container.decode(MCP.ID.self, forKey: .requestId)).map(RequestKey.init)
            }
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
                self = .object((try? Parameters(from: decoder)) ?? Parameters())
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

    /// A JSON-RPC error response, to the request `id` or, when it cannot be known, `null`.
    static func error(_ code: Int, _ message: String, id: MCP.ID? = nil) -> Data {
        struct ErrorResponse: Encodable {
            struct Body: Encodable {
                var code: Int
                var message: String
            }
            var jsonrpc = "2.0"
            var id: MCP.ID?
            var error: Body

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(jsonrpc, forKey: .jsonrpc)
                try container.encode(id, forKey: .id)  // `null` when unknown, not left out
                try container.encode(error, forKey: .error)
            }

            private enum CodingKeys: String, CodingKey { case jsonrpc, id, error }
        }
        return (try? JSONWriter.encode(ErrorResponse(id: id, error: .init(code: code, message: message)))).map { Data($0) }
            ?? Data(#"{"error":{"code":-32603,"message":"Internal error"},"id":null,"jsonrpc":"2.0"}"#.utf8)
    }
}

/// A request's id as the transport matches requests and their answers: `1` and `"1"` differ.
struct RequestKey: Hashable, Sendable {
    let id: MCP.ID

    init(_ id: MCP.ID) {
        self.id = id
    }
}
