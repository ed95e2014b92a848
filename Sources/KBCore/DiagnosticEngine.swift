import Synchronization

/// Where the stages of a build put what they find. Stages emit diagnostics as they go (from any
/// thread); the engine applies the severity rules (`--error ID`, `--warn ID`, `--ignore ID`)
/// and, when the build is over, hands the diagnostics, sorted by file and position, to its
/// consumers (the console, JSON, GitHub annotations), in the spirit of DocC's engine.
public final class DiagnosticEngine: Sendable {
    private let collected = Mutex<[Diagnostic]>([])
    public let rules: SeverityRules

    public init(rules: SeverityRules = SeverityRules()) {
        self.rules = rules
    }

    public func emit(_ diagnostic: Diagnostic) {
        emit([diagnostic])
    }

    public func emit(_ diagnostics: some Sequence<Diagnostic>) {
        let kept = diagnostics.compactMap(rules.apply)
        guard !kept.isEmpty else { return }
        collected.withLock { $0 += kept }
    }

    /// Everything emitted so far, after the rules, sorted.
    public var diagnostics: [Diagnostic] { collected.withLock { $0 }.sorted() }

    /// Whether an error was emitted (after the rules).
    public var hasErrors: Bool { collected.withLock { list in list.contains { $0.severity == .error } } }

    /// Gives every consumer the diagnostics, sorted.
    public func flush(to consumers: [any DiagnosticConsumer]) {
        let all = diagnostics
        for consumer in consumers { consumer.receive(all) }
    }
}

/// What reports diagnostics: the console, a JSON file, GitHub workflow annotations.
public protocol DiagnosticConsumer {
    func receive(_ diagnostics: [Diagnostic])
}

/// The severity each diagnostic identifier is reported with, when it is not the one the stage
/// gave it. An identifier names one diagnostic (`anchor.duplicate`) or, ending in `.*`, a
/// family (`code.*`); the most specific rule wins.
public struct SeverityRules: Sendable, Equatable {
    public enum Rule: String, Sendable, Equatable {
        case error, warning, ignore
    }

    public private(set) var rules: [String: Rule] = [:]

    public init(_ rules: [String: Rule] = [:]) {
        self.rules = rules
    }

    public mutating func set(_ rule: Rule, for identifiers: [String]) {
        for identifier in identifiers { rules[identifier] = rule }
    }

    /// The rule for an identifier: its own, else its nearest family's (`a.b.c`, `a.b.*`, `a.*`),
    /// else `*`'s.
    public func rule(for identifier: String) -> Rule? {
        if let rule = rules[identifier] { return rule }
        var prefix = Substring(identifier)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if let rule = rules[prefix + ".*"] { return rule }
        }
        return rules["*"]
    }

    /// The diagnostic as reported, or nil when it is ignored.
    public func apply(_ diagnostic: Diagnostic) -> Diagnostic? {
        guard !rules.isEmpty, let rule = rule(for: diagnostic.identifier) else { return diagnostic }
        var changed = diagnostic
        switch rule {
        case .ignore: return nil
        case .error: changed.severity = .error
        case .warning: changed.severity = .warning
        }
        return changed
    }
}
