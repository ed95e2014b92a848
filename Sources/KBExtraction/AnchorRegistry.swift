import KBCore

/// Keeps an article's anchors unique. A repeated anchor gets the suffix `-1`, `-2`, … in
/// document order (as GitHub and DocFX number repeated headings) and a warning at its second
/// place that points to the first.
struct AnchorRegistry {
    private var firstPlaces: [String: SourceLocation] = [:]
    /// For an anchor used more than once, the suffix to try next: 20,000 equal headings take
    /// one look each, not 20,000.
    private var nextSuffix: [String: Int] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    let file: String

    init(file: String) {
        self.file = file
    }

    /// Registers `anchor` written at `location` and returns the unique anchor to use.
    mutating func claim(_ anchor: String, at location: SourceLocation, warnOnDuplicate: Bool = true) -> String {
        guard let first = firstPlaces[anchor] else {
            firstPlaces[anchor] = location
            return anchor
        }
        var number = nextSuffix[anchor] ?? 1
        var unique = "\(anchor)-\(number)"
        while firstPlaces[unique] != nil {
            number += 1
            unique = "\(anchor)-\(number)"
        }
        nextSuffix[anchor] = number + 1
        firstPlaces[unique] = location
        if warnOnDuplicate {
            diagnostics.append(Diagnostic(
                .warning, .anchorDuplicate,
                "anchor '\(anchor)' is already used in this article; this one becomes '\(unique)'",
                file: file, at: location,
                notes: [Diagnostic.Note(location: first, message: "'\(anchor)' is first used here")]))
        }
        return unique
    }
}
