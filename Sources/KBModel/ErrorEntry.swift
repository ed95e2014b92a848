import KBCore

/// One error an article describes: a section about it, or a row of an error table.
public struct ErrorEntry: Hashable, Sendable, Identifiable {
    public enum Kind: String, Hashable, Sendable {
        /// A heading whose section describes one error.
        case section
        /// A row of an error table.
        case tableRow
    }

    /// Unique within the article and the same in every translation of it.
    public var id: String
    /// The fragment that leads to the entry in its article page: the heading's anchor for a
    /// section, the row's id for a table row.
    public var anchor: String?
    public var kind: Kind
    public var title: String
    /// The texts users see on screen, first the main one; empty when none is quoted.
    public var messages: [String]
    public var codes: [ErrorCode]
    /// What goes wrong and why: the problem or cause text.
    public var cause: [Block]
    /// What to do, with its paragraphs, lists and links; for a section, including its subsections.
    public var resolution: [Block]
    public var procedures: [Procedure]
    /// The anchors of the sections that contain the entry, outermost first.
    public var sectionPath: [String]
    /// A platform the entry applies to (`Android`, `iOS/iPadOS`, `Windows`, `macOS`), when known.
    public var platform: String?
    public var location: SourceLocation

    public init(
        id: String, anchor: String?, kind: Kind, title: String, messages: [String] = [],
        codes: [ErrorCode] = [], cause: [Block] = [], resolution: [Block] = [],
        procedures: [Procedure] = [], sectionPath: [String] = [], platform: String? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.anchor = anchor
        self.kind = kind
        self.title = title
        self.messages = messages
        self.codes = codes
        self.cause = cause
        self.resolution = resolution
        self.procedures = procedures
        self.sectionPath = sectionPath
        self.platform = platform
        self.location = location
    }

    /// The main message users see, if the article quotes one.
    public var message: String? { messages.first }
}
