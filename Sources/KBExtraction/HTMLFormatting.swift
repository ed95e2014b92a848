import KBCore
import KBModel

/// Inline HTML that authors use for formatting, turned into model inlines so that later stages
/// see `<strong>Oplossing:</strong>` as the bold lead-in it is.
enum HTMLFormatting {
    /// Replaces matched pairs such as `<strong>…</strong>`, `<em>…</em>`, `<code>…</code>` by
    /// the model's inlines. Unmatched tags stay raw HTML for the renderer's allowlist.
    static func pairTags(in inlines: [Inline]) -> [Inline] {
        guard inlines.contains(where: { if case .html = $0 { true } else { false } }) else { return inlines }
        var result: [Inline] = []
        var index = 0
        while index < inlines.count {
            if case .html(let raw) = inlines[index], let tag = HTMLTag(raw), !tag.isClosing,
               let kind = Kind(tag.name),
               let close = matchingClose(for: tag.name, in: inlines, after: index) {
                let inner = pairTags(in: Array(inlines[(index + 1)..<close]))
                result.append(kind.wrap(inner))
                index = close + 1
            } else {
                result.append(inlines[index])
                index += 1
            }
        }
        return result
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

    private static func matchingClose(for name: String, in inlines: [Inline], after start: Int) -> Int? {
        var depth = 0
        for index in (start + 1)..<inlines.count {
            guard case .html(let raw) = inlines[index], let tag = HTMLTag(raw), tag.name == name else { continue }
            if tag.isClosing {
                if depth == 0 { return index }
                depth -= 1
            } else if !tag.isSelfClosing {
                depth += 1
            }
        }
        return nil
    }
}
