import Foundation
import KBCore
import KBExtraction

/// Prints diagnostics on standard error as `path:line:col: warning: message [id]`, the form
/// editors and CI annotate, followed by a count per kind.
enum DiagnosticConsole {
    static func report(_ diagnostics: [Diagnostic], contentPath: String, quiet: Bool) {
        var output = ""
        let prefix = contentPath.hasSuffix("/") ? contentPath : contentPath + "/"
        if !quiet {
            for diagnostic in diagnostics {
                var located = diagnostic
                located.file = prefix + diagnostic.file
                output += located.consoleDescription + "\n"
            }
        }
        output += summary(diagnostics)
        FileHandle.standardError.write(Data(output.utf8))
    }

    /// `12 warnings, 1 error: 9 anchor.duplicate, 3 code.suspect, 1 frontMatter.invalid`.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "no problems found\n" }
        var counts: [String: Int] = [:]
        var severities: [Diagnostic.Severity: Int] = [:]
        for diagnostic in diagnostics {
            counts[diagnostic.identifier, default: 0] += 1
            severities[diagnostic.severity, default: 0] += 1
        }
        let totals = Diagnostic.Severity.allCases.compactMap { severity -> String? in
            guard let count = severities[severity] else { return nil }
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        let kinds = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
        return totals.joined(separator: ", ") + ": " + kinds.joined(separator: ", ") + "\n"
    }
}

/// Prints how long each stage took, for `--timings` and `bench/build`.
enum TimingConsole {
    /// `timings: read 0.04 s, front matter 0.12 s, … (CPU summed over files); model 1.10 s, … (wall)`.
    static func report(_ stages: StageTimings, wall: [(String, Duration)]) {
        func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
        }
        let cpu = [
            ("read", stages.reading), ("front matter", stages.frontMatter), ("markdown", stages.markdown),
            ("extraction", stages.extraction),
        ].map { "\($0.0) \(seconds($0.1))" }.joined(separator: ", ")
        let elapsed = wall.map { "\($0.0) \(seconds($0.1))" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("timings: \(cpu) (CPU, summed over files); \(elapsed) (wall)\n".utf8))
    }
}
