import KBModel

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
            CodeWords.forEach(in: bytes) { range, code, form in
                guard known.contains(code), form != .bareHexadecimal || local.contains(code) else { return }
                output += String(decoding: bytes[plainStart..<range.lowerBound], as: UTF8.self).htmlEscaped
                let written = String(decoding: bytes[range], as: UTF8.self)
                // A long symbolic code may break after its underscores (`OM_E_<wbr>…`), not inside a word.
                let shown = written.htmlEscaped.replacingOccurrences(of: "_", with: "_<wbr>")
                output += "<a class=\"code\" href=\"\(url(code).htmlEscaped)\">\(shown)</a>"
                plainStart = range.upperBound
            }
            guard plainStart > 0 else { return nil }
            return output + String(decoding: bytes[plainStart...], as: UTF8.self).htmlEscaped
        }
        return linked ?? text.htmlEscaped
    }
}
