import KBCore

/// A DocFX alert: `> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!CAUTION]`.
public struct Alert: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case note, tip, important, warning, caution
    }

    public var kind: Kind
    public var content: [Block]
    public var location: SourceLocation

    public init(kind: Kind, content: [Block], location: SourceLocation) {
        self.kind = kind
        self.content = content
        self.location = location
    }
}
