import Synchronization

/// Results of a parallel loop, one slot per iteration, filled from any thread.
public final class ConcurrentResults<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    public init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    public func set(_ index: Int, _ value: Value) {
        slots.withLock { $0[index] = value }
    }

    /// Every slot's value, in order; call after the loop has finished.
    public var values: [Value] {
        slots.withLock { $0.map { $0! } }
    }
}
