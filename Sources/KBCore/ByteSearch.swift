extension RandomAccessCollection where Element == UInt8, Index == Int {
    /// Where `needle` first stands in these bytes, from `start` on: a comparison wherever its
    /// first byte is. For the markup kb reads and writes, kilobytes long, never megabytes.
    @inlinable
    public func firstIndex(of needle: some Collection<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        var index = Swift.max(start, startIndex)
        while index + needle.count <= endIndex {
            if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
