/// Heading anchors the way DocFX (Markdig's GitHub mode) makes them when a heading has no
/// `<a name>`: lower case; letters, digits, `-` and `_` kept; spaces become `-`; everything
/// else dropped. `The machine is already enrolled - Error hr 0x8007064c` →
/// `the-machine-is-already-enrolled---error-hr-0x8007064c`.
enum Slug {
    static func make(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            }
        }
        return slug
    }
}
