import Foundation
import Logging
import MCP
import Synchronization

/// The MCP stdio transport, made to survive any client: newline-delimited JSON-RPC messages on
/// standard input (`LineReader` reads and checks them on a thread of its own), answers on
/// standard output (written one whole line at a time on a queue of their own, never on the
/// cooperative pool, however long a client leaves them unread).
///
/// `Inbox` keeps the two in step: reading stops while `capacity` messages wait or are being
/// answered, so memory stays bounded whatever the client does; at the end of the input the
/// server ends once every request has been answered; a client that closes kb's output ends it.
actor LineTransport: Transport {
    nonisolated let logger = Logger(label: "kb.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })

    private let input: Int32
    private let checks: LineReader.Checks
    private let inbox: Inbox
    private let output: Output
    private var reading = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, checks: LineReader.Checks = [:], capacity: Int = 32) {
        self.input = input
        self.checks = checks
        inbox = Inbox(capacity: capacity)
        self.output = Output(descriptor: output)
    }

    func connect() async throws {
        guard !reading else { return }
        reading = true
        // A client that closes kb's output makes writes fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let (input, checks, inbox, output) = (self.input, self.checks, self.inbox, self.output)
        // A thread of its own: reading blocks, which the cooperative pool must not.
        let thread = Thread {
            Self.read(from: input, checks: checks) { event in
                switch event {
                case .message(let data, let kind):
                    inbox.put(data, kind: kind)
                case .reply(let data):
                    if !output.write(data) { inbox.abandon() }
                }
            }
            inbox.end()
        }
        thread.start()
    }

    func disconnect() async {
        inbox.abandon()
    }

    func send(_ data: Data) async throws {
        let output = self.output
        let written = await withCheckedContinuation { continuation in
            output.queue.async { continuation.resume(returning: output.writeLine(data)) }
        }
        guard written else {
            inbox.abandon()
            return
        }
        if let key = Self.answered(by: data) { inbox.answered(key) }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        let inbox = self.inbox
        return AsyncThrowingStream(unfolding: { await inbox.next() })
    }

    /// Reads the input until it ends, handing on what `LineReader` makes of each line.
    static func read(from descriptor: Int32, checks: LineReader.Checks, _ handle: (LineReader.Event) -> Void) {
        var reader = LineReader(checks: checks)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN {
                // An input left non-blocking by the client: wait for it instead of spinning.
                var wait = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&wait, 1, -1)
                continue
            }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { reader.read(UnsafeRawBufferPointer(rebasing: $0[..<count]), handle) }
        }
        reader.finish(handle)
    }

    /// The request an outgoing message answers, if it is an answer (a response, not a batch).
    static func answered(by data: Data) -> RequestKey? {
        struct Answer: Decodable {
            var id: MCP.ID?
            var method: String?
        }
        guard data.first == UInt8(ascii: "{"), let answer = try? JSONDecoder().decode(Answer.self, from: data),
              answer.method == nil, let id = answer.id
        else { return nil }
        return RequestKey(id)
    }

    /// Standard output: each message one whole line, in the order written.
    final class Output: Sendable {
        let descriptor: Int32
        let queue = DispatchQueue(label: "kb.mcp.output")
        private let closed = Atomic<Bool>(false)

        init(descriptor: Int32) {
            self.descriptor = descriptor
        }

        /// Writes a line on the output queue, waiting for it; false once the client has closed
        /// the output.
        func write(_ data: Data) -> Bool {
            queue.sync { writeLine(data) }
        }

        /// Writes a line, blocking while the client does not read; call it on `queue`.
        func writeLine(_ data: Data) -> Bool {
            guard !closed.load(ordering: .relaxed) else { return false }
            var bytes = [UInt8](data)
            bytes.append(UInt8(ascii: "\n"))
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
                if count < 0, errno == EINTR { continue }
                if count < 0, errno == EAGAIN {
                    var wait = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&wait, 1, -1)
                    continue
                }
                guard count > 0 else {
                    closed.store(true, ordering: .relaxed)
                    return false
                }
                written += count
            }
            return true
        }
    }
}
