/// The words of running text that may be error codes, named as the code index names them:
/// `0x80cf0437` is `0x80CF0437`, a bare eight-digit hexadecimal number is the same with `0x`
/// (a code only where the article's own entries carry it), and a word with a capital
/// (`DeviceCapReached`) is itself. Pages link those the site has a page for (`CodeLinker`);
/// `kb serve` finds with them the articles whose links a change of the code index may change.
public enum CodeWords {
    public enum Form: Sendable {
        /// Written with `0x`.
        case prefixed
        /// Eight hexadecimal digits alone.
        case bareHexadecimal
        /// A word with a capital letter.
        case symbolic
    }

    /// Calls `body` with the byte range, the name as a code and the form of each word that may
    /// be a code. Words are runs of ASCII letters, digits and `_`.
    public static func forEach(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, String, Form) -> Void) {
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            if let (name, form) = candidate(bytes[index..<end]) { body(index..<end, name, form) }
            index = end
        }
    }

    /// The names of the words of `text` that may be codes.
    public static func names(in text: String, into names: inout Set<String>) {
        var text = text
        text.withUTF8 { bytes in forEach(in: bytes) { _, name, _ in names.insert(name) } }
    }

    private static func candidate(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> (String, Form)? {
        // Most words are none of these: a String is made only for one that may be a code.
        guard token.count >= 3 else { return nil }
        if token[token.startIndex] == UInt8(ascii: "0"), token[token.startIndex + 1] | 0x20 == UInt8(ascii: "x") {
            return ("0x" + String(decoding: token.dropFirst(2), as: UTF8.self).uppercased(), .prefixed)
        }
        if token.count == 8, token.allSatisfy(isHexDigit) {
            return ("0x" + String(decoding: token, as: UTF8.self).uppercased(), .bareHexadecimal)
        }
        if token.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            return (String(decoding: token, as: UTF8.self), .symbolic)
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
}

extension Article {
    /// The names of every word of the article that may be a code: in its sections' titles and
    /// blocks, its entries' titles, messages, causes, resolutions and procedures, its
    /// procedures and its title; more than the pages link, never less.
    public var codeWords: Set<String> {
        var names: Set<String> = []
        func add(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .text(let text), .code(let text): CodeWords.names(in: text, into: &names)
                case .emphasis(let content), .strong(let content), .strikethrough(let content), .link(_, _, let content): add(content)
                case .image(_, _, let alt): CodeWords.names(in: alt, into: &names)
                case .html(let raw): CodeWords.names(in: raw, into: &names)
                case .softBreak, .lineBreak: break
                }
            }
        }
        func add(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let content), .heading(_, let content): add(content)
                case .code(_, let text), .html(let text): CodeWords.names(in: text, into: &names)
                default: break
                }
                for children in block.children { add(children) }
            }
        }
        func add(_ steps: [Step]) {
            for step in steps {
                add(step.content)
                add(step.substeps)
            }
        }
        for section in sections {
            add(section.title)
            add(section.blocks)
        }
        for entry in entries {
            for text in [entry.title] + entry.messages { CodeWords.names(in: text, into: &names) }
            add(entry.cause)
            add(entry.resolution)
            for procedure in entry.procedures { add(procedure.steps) }
        }
        for procedure in procedures { add(procedure.steps) }
        CodeWords.names(in: title, into: &names)
        return names
    }
}
