/// Links the error codes in running text to their code pages: `0x80cf0437` → a link to
/// `codes/0x80CF0437.html`. Only codes the site has a page for are linked; a bare eight-digit
/// number is linked only when the article's own entries carry it as a code.
struct CodeLinker {
    /// Normalized codes that have a page.
    let known: Set<String>
    /// Codes of the current article's entries, for bare numbers (`Fout 80180003`).
    let local: Set<String>
    /// The URL of a code's page from the current page.
    let url: (String) -> String

    /// The text as HTML, escaped, with its codes linked.
    func html(_ text: String) -> String {
        var text = text
        // Codes are found on the bytes, and most texts have none: those are escaped as they are.
        let linked: String? = text.withUTF8 { bytes in
            var output = ""
            var plainStart = 0
            var index = 0
            while index < bytes.count {
                guard Self.isWordByte(bytes[index]) else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
                if let code = code(for: bytes[index..<end]) {
                    output += String(decoding: bytes[plainStart..<index], as: UTF8.self).htmlEscaped
                    let written = String(decoding: bytes[index..<end], as: UTF8.self)
                    // A long symbolic code may break after its underscores (`OM_E_<wbr>…`), not inside a word.
                    let shown = written.htmlEscaped.replacingOccurrences(of: "_", with: "_<wbr>")
                    output += "<a class=\"code\" href=\"\(url(code).htmlEscaped)\">\(shown)</a>"
                    plainStart = end
                }
                index = end
            }
            guard plainStart > 0 else { return nil }
            return output + String(decoding: bytes[plainStart...], as: UTF8.self).htmlEscaped
        }
        return linked ?? text.htmlEscaped
    }

    private func code(for token: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        // Most words are none of these: a String is made only for one that may be a code.
        guard token.count >= 3 else { return nil }
        if token.count > 2, token[token.startIndex] == UInt8(ascii: "0"), token[token.startIndex + 1] | 0x20 == UInt8(ascii: "x") {
            let normalized = "0x" + String(decoding: token.dropFirst(2), as: UTF8.self).uppercased()
            return known.contains(normalized) ? normalized : nil
        }
        if token.count == 8, token.allSatisfy(Self.isHexDigit) {
            let normalized = "0x" + String(decoding: token, as: UTF8.self).uppercased()
            return local.contains(normalized) && known.contains(normalized) ? normalized : nil
        }
        if token.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            let written = String(decoding: token, as: UTF8.self)
            return known.contains(written) ? written : nil
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
