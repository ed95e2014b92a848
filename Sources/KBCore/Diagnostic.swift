/// A problem found in the content. Stages collect diagnostics instead of throwing, so that one
/// broken article never stops the others from being built.
public struct Diagnostic: Hashable, Sendable, Codable {
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
    public struct Note: Hashable, Sendable, Codable {
        public var location: SourceLocation?
        public var message: String

        public init(location: SourceLocation?, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    /// A stable dotted identifier, such as `code.suspect` or `anchor.duplicate`: the name of a
    /// `DiagnosticID`.
    public var identifier: String
    public var message: String
    /// The file's path relative to the content root, `/`-separated.
    public var file: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        _ identifier: DiagnosticID,
        _ message: String,
        file: String,
        at location: SourceLocation?,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.identifier = identifier.name
        self.message = message
        self.file = file
        self.location = location
        self.notes = notes
    }

    /// `path:line:col: warning: message [identifier]`, the form compilers and editors understand.
    /// Control characters of the content (in file names, anchors, link targets) are escaped,
    /// so that printing a diagnostic never moves the cursor, clears the screen or renames the
    /// terminal window.
    public var consoleDescription: String {
        let file = self.file.terminalEscaped
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": \(severity.rawValue): \(message.terminalEscaped) [\(identifier.terminalEscaped)]"
        for note in notes {
            text += "\n\(file)"
            if let location = note.location { text += ":\(location.line):\(location.column)" }
            text += ": note: \(note.message.terminalEscaped)"
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

/// Why a file of the content could not be read, with the identifier of the diagnostic to
/// report it under (`file.tooLarge`, `file.outsideContent`, `file.unreadable`).
public struct FileReadError: Error, CustomStringConvertible, Sendable {
    public var identifier: DiagnosticID
    public var description: String

    public init(_ identifier: DiagnosticID, _ description: String) {
        self.identifier = identifier
        self.description = description
    }
}

extension String {
    /// The text with what a terminal would act on instead of showing escaped as `\u{1B}`: C0
    /// and C1 control characters (ESC, BEL, CR, backspace…), DEL, and the bidirectional
    /// overrides that make text read in another order than it is written.
    public var terminalEscaped: String {
        func isActive(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
        }
        guard unicodeScalars.contains(where: isActive) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if isActive(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
