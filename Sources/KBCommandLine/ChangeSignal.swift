import Dispatch
import Synchronization

#if os(Linux)
import Glibc
#endif

/// Says when to look for changes (`ContentWatcher`): as soon as the kernel reports that
/// something changed in a watched folder (inotify, on Linux), and every `fallback` in any case,
/// so that what the kernel does not report (a network file system, the watches' limit reached)
/// is still found. Where the kernel cannot watch every folder, it is a timer of `polling`.
///
/// It only wakes the look: what changed is what `ContentWatcher` finds comparing `stat`s, so a
/// missed or extra event never changes what is built, only when.
final class ChangeSignal: Sendable {
    /// One element per wake-up; wake-ups that come while the last is not taken are one.
    let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let queue = DispatchQueue(label: "kb.serve.changes")
    private let state: Mutex<State>
    private let fallback: DispatchTimeInterval

    private struct State: @unchecked Sendable {
        /// The inotify descriptor, or -1.
        var descriptor: Int32 = -1
        /// Each watched folder's watch.
        var watches: [String: Int32] = [:]
        /// Whether every folder asked for is watched.
        var complete = false
        var reader: (any DispatchSourceRead)?
        var timer: (any DispatchSourceTimer)?
    }

    /// The wait between looks when the kernel reports changes, and when it does not.
    static let fallback = DispatchTimeInterval.seconds(2)
    static let polling = DispatchTimeInterval.milliseconds(100)

    /// Watches `folders` (each one alone, not below it), looking every `fallback` as well when
    /// the kernel watches them all.
    init(folders: [String], fallback: DispatchTimeInterval = ChangeSignal.fallback) {
        self.fallback = fallback
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        state = Mutex(State())
        let continuation = continuation
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor >= 0 {
            let reader = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            reader.setEventHandler {
                // The events themselves are not needed: the look finds what changed.
                var buffer = [UInt8](repeating: 0, count: 16_384)
                while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
                continuation.yield()
            }
            reader.setCancelHandler { close(descriptor) }
            reader.resume()
            state.withLock {
                $0.descriptor = descriptor
                $0.reader = reader
            }
        }
        #endif
        watch(folders)
    }

    deinit {
        // The reader closes the descriptor once cancelled.
        state.withLock { state in
            state.timer?.cancel()
            state.reader?.cancel()
        }
        continuation.finish()
    }

    /// Watches `folders` from now on, and no others; the timer is the fallback's when every one
    /// of them is watched, else the polling one.
    func watch(_ folders: [String]) {
        let wanted = Set(folders)
        let continuation = continuation
        state.withLock { state in
            #if os(Linux)
            if state.descriptor >= 0 {
                for (folder, watch) in state.watches where !wanted.contains(folder) {
                    inotify_rm_watch(state.descriptor, watch)
                    state.watches[folder] = nil
                }
                let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                    | IN_DELETE_SELF | IN_MOVE_SELF)
                // Added again even when watched: a folder removed and made again under the same
                // name is another folder, and a watch already there is only given back.
                for folder in wanted {
                    let watch = inotify_add_watch(state.descriptor, folder, events)
                    state.watches[folder] = watch >= 0 ? watch : nil
                }
            }
            #endif
            let complete = state.descriptor >= 0 && state.watches.count == wanted.count
            guard state.timer == nil || complete != state.complete else { return }
            state.complete = complete
            state.timer?.cancel()
            let timer = DispatchSource.makeTimerSource(queue: queue)
            let interval = complete ? fallback : Self.polling
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { continuation.yield() }
            timer.resume()
            state.timer = timer
        }
    }

    /// Whether the kernel reports changes in every watched folder.
    var isComplete: Bool { state.withLock(\.complete) }
}
