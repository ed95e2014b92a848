import KBCore

/// An ordered list of steps, with its nested lists as sub-steps.
public struct Procedure: Hashable, Sendable, Identifiable {
    /// Unique within the article: the section's anchor and the procedure's number in it.
    public var id: String
    /// The anchor of the section the procedure is in.
    public var sectionAnchor: String
    /// The title of that section.
    public var title: String
    public var steps: [Step]
    public var location: SourceLocation

    public init(id: String, sectionAnchor: String, title: String, steps: [Step], location: SourceLocation) {
        self.id = id
        self.sectionAnchor = sectionAnchor
        self.title = title
        self.steps = steps
        self.location = location
    }
}

public struct Step: Hashable, Sendable {
    /// The step's own content, without its sub-steps.
    public var content: [Block]
    /// UI labels of a path written `**A** > **B** > **C**`, in order; empty when there is none.
    public var uiPath: [String]
    public var substeps: [Step]

    public init(content: [Block], uiPath: [String] = [], substeps: [Step] = []) {
        self.content = content
        self.uiPath = uiPath
        self.substeps = substeps
    }

    public var text: String { content.plainText }
}
