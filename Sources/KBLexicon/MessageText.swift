import KBModel

/// Finds the messages users see in the text around an error.
public enum MessageText {
    /// Lines such as `Fout 0x801c003: "Deze gebruiker is niet gemachtigd…"`: a short label naming
    /// an error or holding a code, a colon, and the message.
    public static func labelledMessages(in content: [Inline]) -> [String] {
        content.split(separator: .softBreak).compactMap { line in labelledMessage(line.plainText) }
    }

    public static func labelledMessage(_ line: String) -> String? {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }),
              line.distance(from: line.startIndex, to: colon) <= 60
        else { return nil }
        let label = line[..<colon]
        let words = Vocabulary.normalize(label).split(separator: " ")
        guard words.count <= 6, let first = words.first else { return nil }
        let namesError = Vocabulary.isErrorWord(first) || Vocabulary.leadInRole(label) == .message
        guard namesError || !CodeScanner.codes(in: String(label), context: .heading).isEmpty else { return nil }
        let message = stripQuotes(line[line.index(after: colon)...])
        return message.isEmpty ? nil : message
    }

    /// The first span in a paragraph that reads as a quoted message: bold or italic text that
    /// is not just a code, or text in quotation marks.
    public static func firstQuoted(in content: [Inline]) -> String? {
        for inline in content {
            switch inline {
            case .strong(let inner), .emphasis(let inner):
                let text = inner.plainText
                if isMessage(text) { return stripQuotes(text) }
            case .text(let text):
                if let quoted = quotation(in: text), isMessage(quoted) { return quoted }
            default:
                continue
            }
        }
        return nil
    }

    /// The message a block quote among `blocks` quotes (`> The app could not be installed.`):
    /// the first paragraph of the first quote that reads as a message. Alerts are not quotes.
    public static func quotedBlock(in blocks: [Block]) -> String? {
        for block in blocks {
            guard case .quote(let content) = block else { continue }
            guard case .paragraph(let inlines)? = content.first else { return nil }
            let text = stripQuotes(inlines.plainText)
            return isMessage(text) ? text : nil
        }
        return nil
    }

    /// The first text in quotation marks in a paragraph that reads as a message (`You receive
    /// the error "This device is already assigned."`); bold text does not count, since in the
    /// description of a symptom it names buttons and settings.
    public static func firstQuotation(in content: [Inline]) -> String? {
        for inline in content {
            if case .text(let text) = inline, let quoted = quotation(in: text), isMessage(quoted) { return quoted }
        }
        return nil
    }

    private static func isMessage(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count >= 2 || text.unicodeScalars.contains(where: Vocabulary.isCJK) else { return false }
        return CodeScanner.codes(in: text, context: .heading).isEmpty || words.count > 3
    }

    private static let quotePairs: [(Character, Character)] = [
        ("\"", "\""), ("“", "”"), ("„", "“"), ("«", "»"), ("»", "«"), ("「", "」"), ("『", "』"), ("”", "”"),
    ]

    private static func quotation(in text: String) -> String? {
        for (open, close) in quotePairs {
            guard let start = text.firstIndex(of: open) else { continue }
            let afterStart = text.index(after: start)
            guard let end = text[afterStart...].firstIndex(of: close) else { continue }
            let inner = text[afterStart..<end].trimmingWhitespace
            if !inner.isEmpty { return inner }
        }
        return nil
    }

    /// The text without surrounding quotation marks, which authors do not always pair
    /// (`"…'`), and without the trailing white space they leave.
    public static func stripQuotes(_ text: some StringProtocol) -> String {
        let quotes: Set<Character> = ["\"", "'", "“", "”", "„", "«", "»", "「", "」", "『", "』", "‘", "’"]
        var result = Substring(text.trimmingWhitespace)
        if let first = result.first, quotes.contains(first) {
            result = result.dropFirst()
            if let last = result.last, quotes.contains(last) { result = result.dropLast() }
        }
        return result.trimmingWhitespace
    }

    /// The first sentence of a text, for titles: up to the first full stop that ends a sentence,
    /// shortened at a word boundary when very long.
    public static func firstSentence(_ text: String, limit: Int = 160) -> String {
        var end = text.endIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if "。！？".contains(character) {
                end = next
                break
            }
            if ".!?".contains(character), next == text.endIndex || text[next] == " " {
                end = next
                break
            }
            index = next
        }
        var sentence = String(text[..<end]).trimmingWhitespace
        if sentence.count > limit {
            let cut = sentence.prefix(limit)
            let boundary = cut.lastIndex(of: " ") ?? cut.endIndex
            sentence = String(cut[..<boundary]).trimmingWhitespace + "…"
        }
        return sentence
    }
}
