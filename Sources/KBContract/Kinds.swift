/// The kinds the contract's records name, as enumerations: the JSON holds their raw values,
/// and the schemas list the same cases (`Schemas`).

/// What a retrieval chunk holds.
public enum ChunkKind: String, Codable, Sendable, CaseIterable {
    /// One error entry (a row of an error table or a section about one error).
    case entry
    /// A section's own text.
    case section
    /// The article's introduction, before its first section.
    case article
}

/// Where an entry is written.
public enum EntryKind: String, Codable, Sendable, CaseIterable {
    /// A heading whose section describes one error.
    case section
    /// A row of an error table.
    case tableRow
}

/// The shape of an error code.
public enum CodeKind: String, Codable, Sendable, CaseIterable {
    case hexadecimal, symbolic, decimal, eventID, malformed
}
