/// How the documents holding a term are written in the search index: one string of URL-safe
/// base-64 digits (JSON-safe, compact, still compressible), for each document in order:
///
/// - the distance from the previous document: a first digit holding its 4 low bits, 16 when
///   the weight changes, 32 when more digits follow; then digits of 5 more bits each, 32 added
///   to all but the last;
/// - when the weight differs from the previous document's, the weight in one digit: the
///   fields the term occurs in (`SearchIndexBuilder.Field`, 4 bits) and how often, 1 to 4
///   (2 bits).
///
/// Most postings are one digit: near documents with the term once in their text.
/// `templates/assets/search.js` reads it back (`decodePostings`).
enum PostingEncoding {
    static let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func weight(fields: Int, count: Int) -> Int {
        (fields & 15) << 2 | (min(max(count, 1), 4) - 1)
    }

    static func encode(_ postings: [(document: Int, weight: Int)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 2)
        var previous = 0
        var previousWeight = -1
        for posting in postings {
            let distance = posting.document - previous
            precondition(distance >= 0, "postings must come in document order")
            previous = posting.document
            let weight = posting.weight & 63
            var rest = distance >> 4
            bytes.append(digits[(rest > 0 ? 32 : 0) | (weight != previousWeight ? 16 : 0) | distance & 15])
            while rest > 0 {
                bytes.append(digits[(rest >= 32 ? 32 : 0) | rest & 31])
                rest >>= 5
            }
            if weight != previousWeight { bytes.append(digits[weight]) }
            previousWeight = weight
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The inverse of `encode`, for tests.
    static func decode(_ text: String) -> [(document: Int, weight: Int)] {
        var value: [UInt8: Int] = [:]
        for (index, digit) in digits.enumerated() { value[digit] = index }
        let input = text.utf8.map { value[$0] ?? -1 }
        guard !input.contains(-1) else { return [] }
        var result: [(document: Int, weight: Int)] = []
        var document = 0
        var weight = -1
        var index = 0
        func next() -> Int? {
            guard index < input.count else { return nil }
            defer { index += 1 }
            return input[index]
        }
        while let first = next() {
            var distance = first & 15
            var more = first & 32 != 0
            var shift = 4
            while more, let digit = next() {
                distance |= (digit & 31) << shift
                shift += 5
                more = digit & 32 != 0
            }
            document += distance
            if first & 16 != 0 { guard let digit = next() else { return [] }; weight = digit }
            guard weight >= 0 else { return [] }
            result.append((document, weight))
        }
        return result
    }
}
