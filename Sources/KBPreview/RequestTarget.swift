/// A request's target as kb serve reads it: the origin form (`/nl-nl/a.html?q=1`) only, its path
/// cut into segments and each segment percent-decoded once, so that `%2541` is the three
/// characters `%41`, never `A`. What a browser never sends (`.` and `..` segments, an encoded
/// `/`, control characters, bytes that are not UTF-8) is refused rather than guessed at.
struct RequestTarget: Equatable {
    /// The path below the site's root, decoded, `/`-separated, without a leading or trailing
    /// `/`; empty for the root.
    var path: String
    /// Whether the target ended with `/`: the folder's `index.html` is meant.
    var isFolder: Bool
    /// The query, as received (without its `?`), if any.
    var query: String?

    enum Problem: Error, Equatable {
        /// Not a path starting with `/` (an absolute URL, `*`, an empty target).
        case notOriginForm
        /// A `%` not followed by two hexadecimal digits, or decoded bytes that are not UTF-8.
        case badEncoding
        /// A `.` or `..` segment, an encoded `/` or `\`, a control character.
        case forbiddenSegment
        /// An empty segment inside the path (`//`): no file of a site has such a path.
        case emptySegment
    }

    static func parse(_ target: String) -> Result<RequestTarget, Problem> {
        var bytes = Substring(target).utf8[...]
        guard bytes.first == UInt8(ascii: "/") else { return .failure(.notOriginForm) }
        var query: String?
        if let mark = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            if bytes[mark] == UInt8(ascii: "?") {
                let rest = bytes[bytes.index(after: mark)...]
                query = String(decoding: rest.prefix { $0 != UInt8(ascii: "#") }, as: UTF8.self)
            }
            bytes = bytes[..<mark]
        }
        var segments = bytes.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var isFolder = false
        if segments.last?.isEmpty == true {
            segments.removeLast()
            isFolder = true
        }
        var decoded: [String] = []
        decoded.reserveCapacity(segments.count)
        for segment in segments {
            guard !segment.isEmpty else { return .failure(.emptySegment) }
            switch decode(segment) {
            case .success(let text): decoded.append(text)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(RequestTarget(path: decoded.joined(separator: "/"), isFolder: isFolder, query: query))
    }

    /// One segment, percent-decoded once.
    private static func decode(_ segment: Substring.UTF8View.SubSequence) -> Result<String, Problem> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.count)
        var index = segment.startIndex
        while index < segment.endIndex {
            let byte = segment[index]
            if byte == UInt8(ascii: "%") {
                let first = segment.index(after: index)
                guard first < segment.endIndex, segment.index(after: first) < segment.endIndex,
                      let high = hexValue(segment[first]), let low = hexValue(segment[segment.index(after: first)])
                else { return .failure(.badEncoding) }
                bytes.append(high << 4 | low)
                index = segment.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = segment.index(after: index)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.badEncoding) }
        if text == "." || text == ".." { return .failure(.forbiddenSegment) }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) {
            return .failure(.forbiddenSegment)
        }
        return .success(text)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A site path as a URL path (for a `Location`): each segment percent-encoded, so that no
    /// decoded character can end the path or start another host.
    static func encoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
            }
        }
        return result
    }
}
