import Foundation

/// Between kb mcp's reading thread and the server: messages read wait here until the server
/// takes them, and the reading thread waits while `capacity` messages are queued or being
/// answered. Whatever a client sends, and however slowly it reads the answers, kb holds at most
/// that many: a client that writes and never reads fills its own pipe, not kb's memory.
///
/// At the end of the input the server's stream of messages ends only once every request it
/// took has been answered (the SDK answers requests on tasks of their own, and ends when the
/// stream does), so that no answer is lost.
final class Inbox: @unchecked Sendable {
    let capacity: Int
    /// How long the end of the input waits for an answer before it gives up on the rest.
    let patience: Duration
    private let condition = NSCondition()
    private var queued: [(data: Data, isRequest: Bool)] = []
    private var head = 0
    /// Messages queued that are not requests (requests count in `outstanding` from the start).
    private var queuedOthers = 0
    /// Requests taken or queued and not answered yet, by id (an id may be used twice).
    private var awaiting: [RequestKey: Int] = [:]
    private var outstanding = 0
    private var ended = false
    private var consumer: CheckedContinuation<Data?, Never>?
    private var lastAnswer = ContinuousClock.now

    init(capacity: Int = 32, patience: Duration = .seconds(60)) {
        self.capacity = max(1, capacity)
        self.patience = patience
    }

    private var waiting: Int { queued.count - head }

    /// A message read, for the server; waits while the inbox is full. Called by the reading thread.
    func put(_ data: Data, kind: LineReader.Kind) {
        condition.lock()
        while queuedOthers + outstanding >= capacity, !ended { condition.wait() }
        guard !ended else {
            condition.unlock()
            return
        }
        var isRequest = false
        switch kind {
        case .request(let key):
            awaiting[key, default: 0] += 1
            outstanding += 1
            isRequest = true
        case .cancellation(let key):
            // A cancelled request may go unanswered (MCP): it no longer holds the end back.
            release(key)
        case .other:
            break
        }
        let taker = consumer
        consumer = nil
        if taker == nil {
            queued.append((data, isRequest))
            if !isRequest { queuedOthers += 1 }
        }
        condition.unlock()
        taker?.resume(returning: data)
    }

    /// The server's next message; nil once the input has ended and every request taken has
    /// been answered.
    func next() async -> Data? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Data?, Never>) in
            condition.lock()
            if waiting > 0 {
                let (data, isRequest) = queued[head]
                if !isRequest { queuedOthers -= 1 }
                head += 1
                if head > 64, head * 2 > queued.count {
                    queued.removeFirst(head)
                    head = 0
                }
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: data)
            } else if ended, outstanding == 0 {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                consumer = continuation
                condition.unlock()
            }
        }
    }

    /// An answer to the request `key` was written.
    func answered(_ key: RequestKey) {
        condition.lock()
        lastAnswer = .now
        release(key)
        let taker = finishing()
        condition.broadcast()
        condition.unlock()
        taker?.resume(returning: nil)
    }

    /// The end of the input.
    func end() {
        condition.lock()
        ended = true
        lastAnswer = .now
        let taker = finishing()
        condition.unlock()
        taker?.resume(returning: nil)
        if taker == nil { watch() }
    }

    /// The client is gone (it closed its end of kb's output): nothing more is read or answered.
    func abandon() {
        condition.lock()
        ended = true
        queued = []
        head = 0
        queuedOthers = 0
        awaiting = [:]
        outstanding = 0
        let taker = consumer
        consumer = nil
        condition.broadcast()
        condition.unlock()
        taker?.resume(returning: nil)
    }

    /// Requests read and not yet answered, queued or taken.
    var unanswered: Int {
        condition.lock()
        defer { condition.unlock() }
        return outstanding
    }

    private func release(_ key: RequestKey) {
        guard let count = awaiting[key] else { return }
        awaiting[key] = count > 1 ? count - 1 : nil
        outstanding -= 1
    }

    /// The consumer to end, when the input has ended and nothing is owed (under the lock).
    private func finishing() -> CheckedContinuation<Data?, Never>? {
        guard ended, waiting == 0, outstanding == 0, let taker = consumer else { return nil }
        consumer = nil
        return taker
    }

    /// After the end of the input, gives up on answers that do not come (a request the server
    /// dropped), so that kb mcp always ends.
    private func watch() {
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [weak self] in
            guard let self else { return }
            condition.lock()
            let owed = outstanding
            let stuck = owed > 0 && lastAnswer.duration(to: .now) > patience
            condition.unlock()
            if stuck {
                abandon()
            } else if owed > 0 {
                watch()
            }
        }
    }
}
