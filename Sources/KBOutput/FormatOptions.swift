import KBCore

/// One option an output format takes, declared by the format (`OutputFormat.options`) and set
/// in kb.yml under the format's name (`search: {excerpt-length: 300}`), by a flag
/// (`--set search.excerpt-length=300`), or, for a flag option with a `part`, by naming the part
/// among the outputs (`outputs: [..., llms-full]`). Values are checked against the declaration
/// once, when the settings are read, and a misspelled name is an error naming the nearest one.
public struct FormatOption: Sendable {
    public enum Kind: Sendable, Equatable {
        /// true or false (yes, no, on, off).
        case flag
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
        /// Any text.
        case text
        /// A folder, read whole when the settings are read (its files by path below it).
        case folder
    }

    public var name: String
    public var kind: Kind
    /// One line for `--help` and `kb init`'s kb.yml.
    public var summary: String
    /// A name of the outputs list that chooses the format with this flag on (`llms-full`).
    public var part: String?
    /// A value to show in `kb init`'s kb.yml.
    public var example: String

    public init(_ name: String, _ kind: Kind, _ summary: String, part: String? = nil, example: String? = nil) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.part = part
        self.example = example ?? {
            switch kind {
            case .flag: "true"
            case .integer(let range): String(range.lowerBound)
            case .text: "…"
            case .folder: "templates"
            }
        }()
    }
}

/// The values of one format's options, checked against its declarations. An option not set
/// has no value: the format chooses its default.
public struct FormatOptions: Sendable, CustomStringConvertible {
    public enum Value: Sendable, Equatable {
        case flag(Bool)
        case integer(Int)
        case text(String)
        /// The folder as given, and its files by path below it.
        case folder(String, files: [String: [UInt8]])
    }

    public private(set) var values: [String: Value] = [:]

    public init() {}

    public func flag(_ name: String) -> Bool { if case .flag(let on) = values[name] { on } else { false } }

    public func integer(_ name: String) -> Int? { if case .integer(let number) = values[name] { number } else { nil } }

    public func text(_ name: String) -> String? { if case .text(let text) = values[name] { text } else { nil } }

    public func folder(_ name: String) -> [String: [UInt8]]? { if case .folder(_, let files) = values[name] { files } else { nil } }

    /// Sets an option from its text, as kb.yml and flags give it, checked against `declared`;
    /// a folder is read with `readFolder`.
    public mutating func set(
        _ name: String, to text: String, declared: [FormatOption], readFolder: (String) throws -> [String: [UInt8]]
    ) throws(FormatOptionError) {
        guard let option = declared.first(where: { $0.name == name }) else {
            throw FormatOptionError(option: name, message: Self.unknown(name, declared.map(\.name)))
        }
        switch option.kind {
        case .flag:
            switch text.lowercased() {
            case "true", "yes", "on": values[name] = .flag(true)
            case "false", "no", "off": values[name] = .flag(false)
            default: throw FormatOptionError(option: name, message: "'\(name)' is true or false")
            }
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else {
                throw FormatOptionError(option: name, message: "'\(name)' is a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            values[name] = .integer(number)
        case .text:
            values[name] = .text(text)
        case .folder:
            do {
                values[name] = .folder(text, files: try readFolder(text))
            } catch {
                throw FormatOptionError(option: name, message: "'\(name)': \(error)")
            }
        }
    }

    /// Sets a flag option on (a part named among the outputs).
    public mutating func turnOn(_ name: String) {
        values[name] = .flag(true)
    }

    /// `excerpt-length=300, full=true`: what the fingerprint of a build records (a folder by its
    /// path: its files are stamped as inputs).
    public var description: String {
        values.sorted { $0.key < $1.key }.map { name, value in
            switch value {
            case .flag(let on): "\(name)=\(on)"
            case .integer(let number): "\(name)=\(number)"
            case .text(let text): "\(name)=\(String(reflecting: text))"
            case .folder(let path, _): "\(name)=folder \(String(reflecting: path))"
            }
        }.joined(separator: ", ")
    }

    /// The message for a name no declaration has: the nearest if it is close, and the list.
    public static func unknown(_ name: String, _ names: [String]) -> String {
        guard !names.isEmpty else { return "there is no option '\(name)': this output takes none" }
        let near = EditDistance.nearest(to: name, among: names, within: 2)
        return "there is no option '\(name)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")
            + "; the options are \(names.joined(separator: ", "))"
    }
}

/// An option's value that its declaration refuses.
public struct FormatOptionError: Error, CustomStringConvertible {
    public var option: String
    public var message: String

    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { message }
}
