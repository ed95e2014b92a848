/// A problem found in the content. Stages collect diagnostics instead of throwing, so that one
/// broken article never stops the others from being built.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary place that explains the diagnostic, such as the first of two duplicates.
    public struct Note: Hashable, Sendable {
        public var location: SourceLocation?
        public var message: String

        public init(location: SourceLocation?, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    /// A stable dotted identifier, such as `code.suspect` or `anchor.duplicate`.
    public var identifier: String
    public var message: String
    /// The file's path relative to the content root, `/`-separated.
    public var file: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        _ identifier: String,
        _ message: String,
        file: String,
        at location: SourceLocation?,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.identifier = identifier
        self.message = message
        self.file = file
        self.location = location
        self.notes = notes
    }

    /// `path:line:col: warning: message [identifier]`, the form compilers and editors understand.
    public var consoleDescription: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": \(severity.rawValue): \(message) [\(identifier)]"
        for note in notes {
            text += "\n\(file)"
            if let location = note.location { text += ":\(location.line):\(location.column)" }
            text += ": note: \(note.message)"
        }
        return text
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, then position, then identifier, so that output is deterministic.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let left = lhs.location ?? SourceLocation(line: 0, column: 0)
        let right = rhs.location ?? SourceLocation(line: 0, column: 0)
        if left != right { return left < right }
        if lhs.identifier != rhs.identifier { return lhs.identifier < rhs.identifier }
        return lhs.message < rhs.message
    }
}
