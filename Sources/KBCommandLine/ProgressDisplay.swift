import Foundation
import KBPipeline
import Synchronization

/// One line on a terminal saying which step of a build is running, with the counts so far,
/// rewritten in place and cleared at the end. Not shown when standard error is not a terminal
/// (a log or CI), nor with --quiet.
final class ProgressDisplay: Sendable {
    private let start = ContinuousClock.now
    private let shown = Mutex(false)

    static func onTerminal(quiet: Bool) -> ProgressDisplay? {
        guard !quiet, isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressDisplay()
    }

    /// Prints the line for a step.
    @Sendable func report(_ progress: Pipeline.Progress) {
        let seconds = (ContinuousClock.now - start).components.seconds
        var line = "[\(progress.number)/\(progress.steps)] \(progress.step)…"
        if progress.articles == 0 {
            line += " \(progress.sources) articles to read"
        } else {
            line += " \(progress.articles) articles"
        }
        if progress.files > 0 { line += ", \(progress.files) files made" }
        line += " (\(seconds) s)"
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Clears the line, so that the summary and the diagnostics start on a clean one.
    func finish() {
        guard shown.withLock({ $0 }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
