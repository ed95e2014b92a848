/// A value of an article's front matter. Every scalar is kept as the text that was written:
/// DocFX metadata is text (`ms.date: 11/09/2018` is not a number), so no type is guessed.
public indirect enum MetadataValue: Hashable, Sendable {
    case string(String)
    case list([MetadataValue])
    case map([MetadataField])
    case null

    /// The value as a single line of text: a scalar as is, a list joined with commas.
    public var text: String? {
        switch self {
        case .string(let value): value
        case .list(let values):
            values.compactMap(\.text).joined(separator: ", ")
        case .map, .null: nil
        }
    }
}

/// One key of a front matter mapping, in the order it was written.
public struct MetadataField: Hashable, Sendable {
    public var key: String
    public var value: MetadataValue

    public init(key: String, value: MetadataValue) {
        self.key = key
        self.value = value
    }
}
