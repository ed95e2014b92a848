import KBCore
import KBLexicon
import KBModel
import KBText

/// A paragraph that opens with a bold label naming a part of an error description:
/// `**Probleem:** …`, `**Oorzaak**: …`, `<strong>Oplossing:</strong> …`, `**Foutbericht 1:** …`.
struct LeadIn {
    var role: Vocabulary.Role
    /// The paragraph without its label.
    var rest: [Inline]

    init?(_ content: [Inline]) {
        var inlines = content[...].drop(while: Self.isBlank)
        guard case .strong(let label)? = inlines.first else { return nil }
        inlines = inlines.dropFirst()
        var labelText = label.plainText
        var hasColon = false
        if labelText.hasSuffix(":") || labelText.hasSuffix("：") {
            hasColon = true
            labelText.removeLast()
        } else if case .text(let text)? = inlines.first {
            let trimmed = text.drop { $0 == " " }
            if trimmed.hasPrefix(":") || trimmed.hasPrefix("：") {
                hasColon = true
                inlines = [.text(String(trimmed.dropFirst()))] + inlines.dropFirst()
            }
        }
        guard let role = Vocabulary.leadInRole(labelText) else { return nil }
        // Very short Latin words ("Ok", Hungarian for cause) are lead-ins only with their colon;
        // a word of two characters is an ordinary word in Chinese or Japanese (`**問題** …`).
        let normalized = Vocabulary.normalize(labelText)
        if normalized.count <= 3, !hasColon, !normalized.unicodeScalars.contains(where: CodeScanner.isWrittenWithoutSpaces) {
            return nil
        }
        self.role = role
        self.rest = CellContent.trim(Array(inlines))
    }

    private static func isBlank(_ inline: Inline) -> Bool {
        switch inline {
        case .text(let text): Whitespace.isBlank(text)
        case .softBreak, .lineBreak: true
        default: false
        }
    }

    /// The role a subsection's heading gives it inside an error section (`#### Oplossing`,
    /// `<a name="second-resolution">`), from its text or from its anchor, which DocFX keeps in
    /// English in every translation.
    static func role(ofHeading title: String, anchor: String) -> Vocabulary.Role? {
        if let role = Vocabulary.leadInRole(title, allowingQualifier: false), role != .message { return role }
        var words = anchor.split(separator: "-").map(String.init)
        words.removeAll { $0.allSatisfy(\.isNumber) || qualifiers.contains($0) }
        guard let first = words.first, words.count <= 2, let role = anchorRoles[first],
              words.allSatisfy({ anchorRoles[$0] != nil })
        else { return nil }
        return role
    }

    private static let qualifiers: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "other", "another", "alternative", "alternate",
        "possible", "suggested", "recommended", "more", "additional", "the", "a", "an",
    ]

    private static let anchorRoles: [String: Vocabulary.Role] = [
        "resolution": .resolution, "resolutions": .resolution, "solution": .resolution, "solutions": .resolution,
        "workaround": .resolution, "workarounds": .resolution, "fix": .resolution, "fixes": .resolution,
        "remediation": .resolution, "mitigation": .resolution,
        "cause": .cause, "causes": .cause, "reason": .cause,
        "symptom": .problem, "symptoms": .problem, "problem": .problem, "issue": .problem,
        "user": .resolution, "action": .resolution,
    ]

    /// Whether a subsection's heading names the details or the explanation of an error
    /// (`## Details`, `## <a name="explanation"></a>Erklärung`).
    static func isDescription(_ title: String, anchor: String) -> Bool {
        ["details", "explanation"].contains(anchor)
            || (title.utf8.count < 40 && title.split(separator: " ").count <= 2 && Vocabulary.names(.description, in: title))
    }
}
