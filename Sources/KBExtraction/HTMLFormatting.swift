import KBCore
import KBModel
import KBWeb

/// Inline HTML that authors use for formatting, turned into model inlines so that later stages
/// see `<strong>Oplossing:</strong>` as the bold lead-in it is.
enum HTMLFormatting {
    /// Replaces matched pairs such as `<strong>…</strong>`, `<em>…</em>`, `<code>…</code>` by
    /// the model's inlines. Unmatched tags stay raw HTML for the renderer's allowlist, and so do
    /// pairs nested deeper than `maximumDepth`. Tags are matched in one pass, each closing tag
    /// with the innermost open tag of its name, so that the work grows with the inlines.
    static func pairTags(in inlines: [Inline], maximumDepth: Int = 32) -> [Inline] {
        guard inlines.contains(where: { if case .html = $0 { true } else { false } }) else { return inlines }
        var kinds: [Int: Kind] = [:]
        var closes: [Int: Int] = [:]
        var open: [String: [Int]] = [:]
        for (index, inline) in inlines.enumerated() {
            guard case .html(let raw) = inline, let tag = HTMLTag(raw), let kind = Kind(tag.name) else { continue }
            if tag.isClosing {
                if let opening = open[tag.name]?.popLast() { closes[opening] = index }
            } else if !tag.isSelfClosing {
                open[tag.name, default: []].append(index)
                kinds[index] = kind
            }
        }
        guard !closes.isEmpty else { return inlines }
        func convert(_ range: Range<Int>, depth: Int) -> [Inline] {
            var result: [Inline] = []
            var index = range.lowerBound
            while index < range.upperBound {
                if depth < maximumDepth, let close = closes[index], close < range.upperBound, let kind = kinds[index] {
                    result.append(kind.wrap(convert((index + 1)..<close, depth: depth + 1)))
                    index = close + 1
                } else {
                    result.append(inlines[index])
                    index += 1
                }
            }
            return result
        }
        return convert(0..<inlines.count, depth: 0)
    }

    private enum Kind {
        case strong, emphasis, strikethrough, code

        init?(_ name: String) {
            switch name {
            case "strong", "b": self = .strong
            case "em", "i": self = .emphasis
            case "s", "del", "strike": self = .strikethrough
            case "code", "kbd": self = .code
            default: return nil
            }
        }

        func wrap(_ content: [Inline]) -> Inline {
            switch self {
            case .strong: .strong(content)
            case .emphasis: .emphasis(content)
            case .strikethrough: .strikethrough(content)
            case .code: .code(content.plainText)
            }
        }
    }
}
