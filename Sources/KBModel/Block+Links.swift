extension Array where Element == Block {
    /// The blocks with every link and image destination passed through `transform`, at any
    /// depth: how content included from another folder keeps its relative links working.
    public func mappingLinks(_ transform: (String) -> String) -> [Block] {
        rewritten { block in
            switch block {
            case .paragraph(let content):
                return .replace(.paragraph(content.mappingLinks(transform)))
            case .heading(let level, let content):
                return .replace(.heading(level: level, content: content.mappingLinks(transform)))
            case .include(var include):
                include.path = transform(include.path)
                return .replace(.include(include))
            default:
                return .descend
            }
        }
    }
}

extension Block {
    public func mappingLinks(_ transform: (String) -> String) -> Block {
        [self].mappingLinks(transform)[0]
    }
}

extension Array where Element == Inline {
    public func mappingLinks(_ transform: (String) -> String) -> [Inline] {
        map { inline in
            switch inline {
            case .link(let destination, let title, let content):
                .link(destination: transform(destination), title: title, content: content.mappingLinks(transform))
            case .image(let source, let title, let alt):
                .image(source: transform(source), title: title, alt: alt)
            case .emphasis(let content):
                .emphasis(content.mappingLinks(transform))
            case .strong(let content):
                .strong(content.mappingLinks(transform))
            case .strikethrough(let content):
                .strikethrough(content.mappingLinks(transform))
            default:
                inline
            }
        }
    }
}
