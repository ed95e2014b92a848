import KBCore

/// A table, written as a pipe table (in a block quote or not) or as an HTML `<table>`. Cells
/// hold blocks: the `<br>`, `<p>` and `<ol><li>` that DocFX authors write inside cells are turned
/// into paragraphs and lists. An HTML table keeps its cells' spans and its heading rows; its
/// header is its first row when that row is all headings (`<th>`), else empty.
public struct Table: Hashable, Sendable {
    public enum Alignment: String, Hashable, Sendable {
        case none, left, center, right
    }

    /// How many columns and rows a cell of an HTML table covers (`colspan`, `rowspan`).
    public struct Span: Hashable, Sendable {
        public var columns: Int
        public var rows: Int

        public init(columns: Int = 1, rows: Int = 1) {
            self.columns = columns
            self.rows = rows
        }

        public static let single = Span()
    }

    public struct Row: Hashable, Sendable {
        public var cells: [[Block]]
        public var location: SourceLocation
        /// The id of the error entry this row describes, if it describes one: the row itself,
        /// or, for a heading row, the rows under it up to the next heading row.
        public var entryID: String?
        /// Each cell's span; empty when every cell covers one column and one row (pipe tables).
        public var spans: [Span]
        /// Whether the row's cells are all headings (`<th>`): a heading row inside the table's body.
        public var isHeading: Bool

        public init(cells: [[Block]], location: SourceLocation, entryID: String? = nil, spans: [Span] = [], isHeading: Bool = false) {
            self.cells = cells
            self.location = location
            self.entryID = entryID
            self.spans = spans
            self.isHeading = isHeading
        }

        /// The span of the cell at `index`.
        public func span(_ index: Int) -> Span {
            index < spans.count ? spans[index] : .single
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

    /// Whether the table is laid out as a grid of single cells under its header, as every pipe
    /// table is; an HTML table with spans, heading rows or ragged rows is not.
    public var isGrid: Bool {
        let columns = header.cells.count
        return columns > 0 && ([header] + rows).allSatisfy { row in
            !row.isHeading && row.spans.allSatisfy { $0 == .single } && row.cells.count <= columns
        }
    }

    /// The table's rows as a grid: every cell put in each column and row it covers (a cell
    /// spanning two rows is in both), so that column `n` of every row is the cell a reader sees
    /// there.
    public var grid: [[[Block]]] {
        var result: [[[Block]]] = []
        var carried: [Int: (blocks: [Block], rows: Int)] = [:]
        for row in rows {
            var cells: [[Block]] = []
            var column = 0
            func fillCarried() {
                while let carry = carried[column] {
                    cells.append(carry.blocks)
                    carried[column] = carry.rows > 1 ? (carry.blocks, carry.rows - 1) : nil
                    column += 1
                }
            }
            for (index, blocks) in row.cells.enumerated() {
                fillCarried()
                let span = row.span(index)
                for _ in 0..<max(1, min(span.columns, 1_000)) {
                    cells.append(blocks)
                    if span.rows > 1 { carried[column] = (blocks, min(span.rows, 65_534) - 1) }
                    column += 1
                }
            }
            fillCarried()
            result.append(cells)
        }
        return result
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
