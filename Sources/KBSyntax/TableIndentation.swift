/// Repairs pipe tables whose delimiter and body rows are indented further than their header row.
///
/// DocFX (Markdig) renders
///
///     |Name|Length|
///         |----|------|
///         |Company|40|
///
/// as a table, but CommonMark reads the indented rows as the continuation of a paragraph.
/// Articles written for DocFX contain such tables, so the rows are moved back to the header's
/// indentation before parsing. Only leading spaces are removed, never lines, so line numbers
/// stay true; the removed widths are returned so that columns can be shifted back.
enum TableIndentation {
    struct Repair {
        var text: String
        /// Line number (1-based, in the repaired text) → number of bytes removed at its start.
        var removedWidths: [Int: Int]
    }

    static func repair(_ markdown: Substring) -> Repair? {
        var text = markdown
        return text.withUTF8 { repair(bytes: $0) }
    }

    private static func repair(bytes: UnsafeBufferPointer<UInt8>) -> Repair? {
        // Cheap test first: nearly every article has no pipe after four spaces.
        guard containsIndentedPipe(bytes) else { return nil }
        var lines: [Range<Int>] = []
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)

        func line(_ index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[lines[index]]) }

        var removed: [Int: Int] = [:]
        var fence: (marker: UInt8, length: Int)?
        var index = 0
        while index < lines.count {
            let current = line(index)
            if let open = fence {
                if isClosingFence(current, open) { fence = nil }
                index += 1
                continue
            }
            if let opening = fenceMarker(current) {
                fence = opening
                index += 1
                continue
            }
            guard index > 0 else {
                index += 1
                continue
            }
            let header = line(index - 1)
            let headerIndent = indentation(of: header)
            guard indentation(of: current) >= headerIndent + 4, headerIndent < 4,
                  isDelimiterRow(current), header.contains(UInt8(ascii: "|"))
            else {
                index += 1
                continue
            }
            var row = index
            while row < lines.count, line(row).contains(UInt8(ascii: "|")), indentation(of: line(row)) >= headerIndent + 4 {
                let width = indentation(of: line(row)) - headerIndent
                lines[row] = (lines[row].lowerBound + width)..<lines[row].upperBound
                removed[row + 1] = width
                row += 1
            }
            index = row
        }
        guard !removed.isEmpty else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (number, range) in lines.enumerated() {
            if number > 0 { result.append(UInt8(ascii: "\n")) }
            result.append(contentsOf: bytes[range])
        }
        return Repair(text: String(decoding: result, as: UTF8.self), removedWidths: removed)
    }

    /// Whether some line has a pipe after four or more spaces.
    private static func containsIndentedPipe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var spaces = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") {
                spaces += 1
            } else {
                if byte == UInt8(ascii: "|"), spaces >= 4 { return true }
                spaces = 0
            }
        }
        return false
    }

    /// The number of leading spaces.
    private static func indentation(of line: UnsafeBufferPointer<UInt8>) -> Int {
        line.prefix { $0 == UInt8(ascii: " ") }.count
    }

    /// `|---|:---:|`, `--- | ---`: dashes, colons, pipes and spaces only, with a pipe and a dash.
    private static func isDelimiterRow(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawPipe = false
        var sawDash = false
        for character in line {
            switch character {
            case UInt8(ascii: "|"): sawPipe = true
            case UInt8(ascii: "-"): sawDash = true
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return false
            }
        }
        return sawPipe && sawDash
    }

    /// A fence opening a code block: three or more backticks or tildes, indented less than four.
    private static func fenceMarker(_ line: UnsafeBufferPointer<UInt8>) -> (marker: UInt8, length: Int)? {
        let indent = indentation(of: line)
        guard indent < 4, indent < line.count else { return nil }
        let marker = line[indent]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = line[indent...].prefix { $0 == marker }.count
        return length >= 3 ? (marker, length) : nil
    }

    private static func isClosingFence(_ line: UnsafeBufferPointer<UInt8>, _ open: (marker: UInt8, length: Int)) -> Bool {
        let indent = indentation(of: line)
        guard indent < 4 else { return false }
        let run = line[indent...].prefix { $0 == open.marker }.count
        guard run >= open.length else { return false }
        return line[(indent + run)...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
