import KBCore
import KBModel
import KBText

/// Turns ordered lists into procedures: each item a step, nested lists its sub-steps, and a UI
/// path written `**A** > **B** > **C**` a list of labels on the step.
enum ProcedureExtractor {
    static func procedures(in root: Section) -> [Procedure] {
        var result: [Procedure] = []
        for section in root.allSections {
            var number = 0
            collect(from: section.blocks, section: section, number: &number, into: &result)
        }
        return result
    }

    private static func collect(from blocks: [Block], section: Section, number: inout Int, into result: inout [Procedure]) {
        blocks.walk { block in
            // An ordered list is a procedure, its nested lists its sub-steps.
            guard case .list(let list) = block, list.isOrdered else { return .descend }
            number += 1
            let prefix = section.anchor.isEmpty ? "" : section.anchor + "-"
            result.append(Procedure(
                id: "\(prefix)steps-\(number)", sectionAnchor: section.anchor, title: section.titleText,
                steps: steps(of: list), location: list.location))
            return .skipChildren
        }
    }

    static func steps(of list: List) -> [Step] {
        list.items.map { item in
            var content: [Block] = []
            var substeps: [Step] = []
            for block in item {
                if case .list(let nested) = block {
                    substeps += steps(of: nested)
                } else {
                    content.append(block)
                }
            }
            var path: [String] = []
            for block in content {
                guard case .paragraph(let inlines) = block else { continue }
                let found = uiPath(in: inlines)
                if found.count > path.count { path = found }
            }
            return Step(content: content, uiPath: path, substeps: substeps)
        }
    }

    /// The longest chain of labels joined by `>` (also written `&gt;`, `->`, `→`, `›`) in which
    /// at least the first label is bold (or a link). Short plain words between separators
    /// (`… > tokennaam > …`) are labels too.
    static func uiPath(in content: [Inline]) -> [String] {
        var best: [String] = []
        var chain: [String] = []
        var awaitingLabel = false

        func end() {
            if chain.count >= 2, chain.count > best.count { best = chain }
            chain = []
            awaitingLabel = false
        }
        func startOrExtend(_ label: String) {
            let label = label.trimmingWhitespace
            guard !label.isEmpty else { return }
            if chain.isEmpty || awaitingLabel {
                chain.append(label)
            } else {
                end()
                chain = [label]
            }
            awaitingLabel = false
        }

        for inline in content {
            switch inline {
            case .strong(let inner), .emphasis(let inner):
                startOrExtend(inner.plainText)
            case .link(_, _, let inner):
                startOrExtend(inner.plainText)
            case .code(let text):
                if awaitingLabel { startOrExtend(text) } else { end() }
            case .text(let text):
                let parts = split(text)
                guard parts.count > 1 else {
                    // No separator: a chain continues only over white space.
                    if !Whitespace.isBlank(text) { end() }
                    continue
                }
                guard !chain.isEmpty, Whitespace.isBlank(parts[0]) else {
                    end()
                    // Text before the separator cannot start a chain that must open with a bold label.
                    continue
                }
                for (index, part) in parts.enumerated().dropFirst() {
                    let trimmed = part.trimmingWhitespace
                    if index == parts.count - 1 {
                        if trimmed.isEmpty {
                            awaitingLabel = true
                        } else if isPlainLabel(trimmed) {
                            awaitingLabel = true
                            startOrExtend(trimmed)
                            end()
                        } else {
                            end()
                        }
                    } else if isPlainLabel(trimmed) {
                        awaitingLabel = true
                        startOrExtend(trimmed)
                    } else {
                        end()
                        break
                    }
                }
            case .softBreak, .lineBreak, .html, .image, .strikethrough:
                end()
            }
        }
        end()
        return best
    }

    private static func split(_ text: String) -> [String] {
        // Most text has no separator at all: `>` is ASCII, `→ › »` start with 0xE2 or 0xC2.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ">") || $0 == 0xE2 || $0 == 0xC2 }) else { return [text] }
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "-", scalars.dropFirst().first == ">" {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                scalars = scalars.dropFirst(2)
                continue
            }
            if scalar == ">" || scalar == "→" || scalar == "›" || scalar == "»" {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
            scalars = scalars.dropFirst()
        }
        parts.append(String(current))
        return parts
    }

    /// A plain word or two between separators, not the rest of a sentence.
    private static func isPlainLabel(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return !words.isEmpty && words.count <= 4 && !text.contains(where: { ".:;!?。".contains($0) })
    }
}
