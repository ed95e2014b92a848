import KBCore

/// A pipe table. Cells hold blocks: the `<br>`, `<p>` and `<ol><li>` that DocFX authors write
/// inside cells are turned into paragraphs and lists.
public struct Table: Hashable, Sendable {
    public enum Alignment: String, Hashable, Sendable {
        case none, left, center, right
    }

    public struct Row: Hashable, Sendable {
        public var cells: [[Block]]
        public var location: SourceLocation
        /// The id of the error entry this row describes, if it describes one.
        public var entryID: String?

        public init(cells: [[Block]], location: SourceLocation, entryID: String? = nil) {
            self.cells = cells
            self.location = location
            self.entryID = entryID
        }
    }

    public var alignments: [Alignment]
    public var header: Row
    public var rows: [Row]
    public var location: SourceLocation

    public init(alignments: [Alignment], header: Row, rows: [Row], location: SourceLocation) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.location = location
    }
}

extension Block {
    /// Whether the block is a table whose rows are error entries: each row is an entry of its
    /// own, so the chunks, records and search documents of its section leave it out.
    public var isErrorTable: Bool {
        if case .table(let table) = self { return table.rows.contains { $0.entryID != nil } }
        return false
    }
}
