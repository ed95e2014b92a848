extension Array where Element == Block {
    /// The blocks with every link and image destination passed through `transform`, at any
    /// depth: how content included from another folder keeps its relative links working.
    public func mappingLinks(_ transform: (String) -> String) -> [Block] {
        map { $0.mappingLinks(transform) }
    }
}

extension Block {
    public func mappingLinks(_ transform: (String) -> String) -> Block {
        switch self {
        case .paragraph(let content):
            return .paragraph(content.mappingLinks(transform))
        case .heading(let level, let content):
            return .heading(level: level, content: content.mappingLinks(transform))
        case .list(var list):
            list.items = list.items.map { $0.mappingLinks(transform) }
            return .list(list)
        case .quote(let content):
            return .quote(content.mappingLinks(transform))
        case .alert(var alert):
            alert.content = alert.content.mappingLinks(transform)
            return .alert(alert)
        case .table(var table):
            table.header.cells = table.header.cells.map { $0.mappingLinks(transform) }
            for index in table.rows.indices {
                table.rows[index].cells = table.rows[index].cells.map { $0.mappingLinks(transform) }
            }
            return .table(table)
        case .division(let className, let content):
            return .division(className: className, content: content.mappingLinks(transform))
        case .include(var include):
            include.path = transform(include.path)
            return .include(include)
        case .code, .html, .thematicBreak, .zoneStart, .zoneEnd, .video:
            return self
        }
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
