import KBCore
import KBLexicon
import KBModel

/// Finds sections that each describe one error: a heading followed by bold lead-ins such as
/// `**Probleem:**`/`**Oorzaak:**`/`**Oplossing:**`, by a quoted error message, or whose
/// heading holds a code. The heading's anchor becomes the entry's anchor; its resolution
/// includes its subsections.
struct ErrorSectionExtractor {
    /// The sections above the one being looked at.
    struct Ancestry {
        var anchors: [String] = []
        var titles: [String] = []
        /// The sections' siblings are headed by names most of which are not errors.
        var namesAreNotErrors = false
    }

    func entries(in root: Section) -> [ErrorEntry] {
        var decisions: [Bool] = []
        return entries(in: root, following: nil, decisions: &decisions)
    }

    /// The entries of the sections below `root`. `decisions` gets, for every heading in
    /// document order, whether its section is an entry; `following` gives the decisions to make
    /// instead (a translation's), for headings in the same order.
    func entries(in root: Section, following: [Bool]?, decisions: inout [Bool]) -> [ErrorEntry] {
        let headings = root.allSections.filter { $0.level > 0 }
        var position: [SourceLocation: Int] = [:]
        for (index, heading) in headings.enumerated() where position[heading.location] == nil { position[heading.location] = index }
        decisions = Array(repeating: false, count: headings.count)
        var result: [ErrorEntry] = []
        visit(root, ancestry: Ancestry(), position: position, following: following, decisions: &decisions, into: &result)
        return result
    }

    private func visit(
        _ section: Section, ancestry: Ancestry, position: [SourceLocation: Int], following: [Bool]?, decisions: inout [Bool],
        into result: inout [ErrorEntry]
    ) {
        var path = ancestry
        if section.level > 0 {
            path.anchors.append(section.anchor)
            path.titles.append(section.titleText)
        }
        var analysis = Analysis(section)
        if ancestry.namesAreNotErrors, analysis.headingIsOneName { analysis.headingCodes = [] }
        var isEntry = section.level > 0 && analysis.isErrorSection
        if section.level > 0, let index = position[section.location] {
            if let following, index < following.count { isEntry = following[index] }
            decisions[index] = isEntry
        }
        if isEntry {
            result.append(entry(for: section, analysis: analysis, path: path))
        }
        // Headings that are each one name (`### SMSTSErrorDialogTimeout`) name errors when most of
        // them read as errors; among variables or settings, a name with "Error" in it is one more.
        let names = section.subsections.filter { Analysis.isOneName($0.titleText) }
        path.namesAreNotErrors = names.count >= 3
            && names.filter { CodeScanner.isErrorLikeName(Array($0.titleText.trimmingWhitespace.utf8)) }.count * 2 < names.count
        for (subsection, role) in zip(section.subsections, analysis.subsectionRoles) where role == nil {
            visit(subsection, ancestry: path, position: position, following: following, decisions: &decisions, into: &result)
        }
    }

    /// A section's own blocks cut into parts by their lead-ins.
    struct Analysis {
        struct Segment {
            /// nil for the blocks before the first lead-in.
            var role: Vocabulary.Role?
            var blocks: [Block]
        }

        var segments: [Segment]
        /// The role each subsection's heading gives it (`#### Oplossing`), or nil.
        var subsectionRoles: [Vocabulary.Role?]
        var headingCodes: [ErrorCode]

        init(_ section: Section) {
            var segments = [Segment(role: nil, blocks: [])]
            for block in section.blocks {
                if case .paragraph(let content) = block, let leadIn = LeadIn(content) {
                    segments.append(Segment(role: leadIn.role, blocks: leadIn.rest.isEmpty ? [] : [.paragraph(leadIn.rest)]))
                } else {
                    segments[segments.count - 1].blocks.append(block)
                }
            }
            self.segments = segments
            // A subsection named "Oplossing" is a part of this error, unless it holds error
            // sections of its own: then it groups errors ("## Problemen").
            subsectionRoles = section.subsections.map { subsection in
                guard let role = LeadIn.role(ofHeading: subsection.titleText, anchor: subsection.anchor) else { return nil }
                return Self.containsErrorSections(subsection) ? nil : role
            }
            headingCodes = section.level > 0 ? Self.headingCodes(section.titleText) : []
            headingIsOneName = section.level > 0 && Self.isOneName(section.titleText)
        }

        /// The codes a heading names. A short number after a word for error is one (`Error 87
        /// when …`, `HTTP-fout 503`) unless the heading has a code of another kind: then it
        /// counts something else (`(Failed:3, 0x801c03ea)`).
        static func headingCodes(_ title: String) -> [ErrorCode] {
            let codes = CodeScanner.codes(in: title, context: .heading)
            guard codes.contains(where: { $0.kind != .decimal }) else { return codes }
            return codes.filter { $0.kind != .decimal }
        }

        /// Whether the heading is one identifier and nothing else.
        var headingIsOneName = false

        static func isOneName(_ title: String) -> Bool {
            let trimmed = title.trimmingWhitespace
            return !trimmed.isEmpty && !trimmed.contains(" ") && CodeScanner.isStrictSymbolic(Array(trimmed.utf8))
        }

        /// Messages quoted before the first lead-in (`Fout 0x801c003: "…"`).
        var labelledMessages: [String] {
            segments[0].blocks.flatMap { block -> [String] in
                guard case .paragraph(let content) = block else { return [] }
                return MessageText.labelledMessages(in: content)
            }
        }

        private static func containsErrorSections(_ section: Section) -> Bool {
            section.subsections.contains { subsection in
                Analysis(subsection).isErrorSection || containsErrorSections(subsection)
            }
        }

        var roles: Set<Vocabulary.Role> {
            Set(segments.compactMap(\.role) + subsectionRoles.compactMap { $0 })
        }

        var isErrorSection: Bool {
            let roles = roles
            if !roles.isDisjoint(with: [.problem, .cause, .message]) { return true }
            if !headingCodes.isEmpty { return true }
            return roles.contains(.resolution) && !labelledMessages.isEmpty
        }
    }

    private func entry(for section: Section, analysis: Analysis, path: Ancestry) -> ErrorEntry {
        var messages: [String] = []
        var cause: [Block] = []
        var resolution: [Block] = []
        var codeText: [String] = [section.titleText]
        let intro = analysis.segments[0].blocks

        for segment in analysis.segments.dropFirst() {
            switch segment.role {
            case .message?:
                if case .paragraph(let content)? = segment.blocks.first {
                    messages.append(MessageText.firstQuoted(in: content) ?? MessageText.stripQuotes(content.plainText))
                }
                codeText.append(segment.blocks.plainText)
            case .problem?, .cause?:
                cause += segment.blocks
                codeText.append(segment.blocks.plainText)
            case .resolution?:
                resolution += segment.blocks
            default:
                resolution += segment.blocks
            }
        }
        let labelledMessages = analysis.labelledMessages
        messages += labelledMessages
        messages += messagesBeforeCodeBlocks(intro)
        // The message quoted in the problem statement: its first paragraph only, since later
        // paragraphs are explanation.
        for segment in analysis.segments.dropFirst() where segment.role == .problem {
            if case .paragraph(let content)? = segment.blocks.first, let quoted = MessageText.firstQuoted(in: content) {
                messages.append(quoted)
            }
        }
        // A message in a block quote: before the first lead-in, in the problem statement, or in
        // a subsection about it (`## Symptoms` of a support article about one error).
        let problemSubsections = zip(section.subsections, analysis.subsectionRoles).filter { $0.1 == .problem }.map(\.0.blocks)
        let problemSegments = analysis.segments.dropFirst().filter { $0.role == .problem }.map(\.blocks)
        for blocks in [intro] + problemSegments + problemSubsections {
            if let quoted = MessageText.quotedBlock(in: blocks) { messages.append(quoted) }
        }
        // Else, in a subsection about the problem, text in quotation marks in its first paragraphs.
        if messages.isEmpty {
            for blocks in problemSubsections {
                for case .paragraph(let content) in blocks.prefix(2) {
                    if let quoted = MessageText.firstQuotation(in: content) {
                        messages.append(quoted)
                        break
                    }
                }
            }
        }
        codeText.append(intro.plainText)
        if cause.isEmpty {
            cause = intro.filter { block in
                guard case .paragraph(let content) = block else { return true }
                return MessageText.labelledMessages(in: content).isEmpty
            }
        }

        // A details table (`| Attribute | Value |`), before the first subsection or in one
        // named for details: the error's codes in every form and its message.
        var detailCodes: [ErrorCode] = []
        let roles = zip(section.subsections, analysis.subsectionRoles).map { subsection, role in
            role ?? (LeadIn.isDescription(subsection.titleText, anchor: subsection.anchor) ? .description : nil)
        }
        let detailBlocks = intro + zip(section.subsections, roles).filter { $0.1 == .description }.flatMap(\.0.blocks)
        for case .table(let table) in detailBlocks {
            guard let details = RecordTableExtractor.details(of: table, headingCodes: analysis.headingCodes) else { continue }
            detailCodes += details.codes
            if let message = details.message { messages.insert(message, at: 0) }
        }

        for (subsection, role) in zip(section.subsections, roles) {
            switch role {
            case .description?:
                // Details or an explanation: the explanation is why the error happens.
                if !subsection.blocks.contains(where: { if case .table = $0 { true } else { false } }) {
                    cause += subsection.flattenedContent
                }
            case .cause?, .problem?:
                cause += subsection.flattenedContent
            case .resolution?:
                resolution += subsection.flattenedContent
            default:
                resolution.append(.heading(level: subsection.level, content: subsection.title))
                resolution += subsection.flattenedContent
            }
        }

        var codes: [ErrorCode] = []
        for text in codeText { codes += CodeScanner.codes(in: text, context: .prose) + Self.namedErrors(in: text) }
        codes = analysis.headingCodes + detailCodes + codes

        return ErrorEntry(
            id: section.anchor, anchor: section.anchor, kind: .section, title: section.titleText,
            messages: messages.uniqued(), codes: codes.mergedCodes(), cause: cause, resolution: resolution,
            sectionPath: path.anchors, platform: Platform.detect(anchors: path.anchors, titles: path.titles),
            location: section.location)
    }

    /// Names that say they are errors by their first or last word (`ERROR_INSTALL_FAILURE`,
    /// `E_ACCESSDENIED`, `DeviceCapReached`) in an error's own text, wherever they stand: there
    /// they name it.
    static func namedErrors(in text: String) -> [ErrorCode] {
        CodeScanner.scan(text, context: .codeCell).compactMap { match in
            let token = Array(match.code.raw.utf8)
            guard match.code.kind == .symbolic, CodeScanner.isStrictSymbolic(token), CodeScanner.namesAFailure(token) else { return nil }
            return match.code
        }
    }

    /// `Fout 800705b4:` followed by the message in a code block: the block's first line.
    private func messagesBeforeCodeBlocks(_ blocks: [Block]) -> [String] {
        var result: [String] = []
        for (block, next) in zip(blocks, blocks.dropFirst()) {
            guard case .paragraph(let content) = block, case .code(_, let text) = next else { continue }
            let line = content.plainText
            guard line.hasSuffix(":"), MessageText.labelledMessage(line + " x") != nil,
                  let first = text.split(separator: "\n").first?.trimmingWhitespace, !first.isEmpty
            else { continue }
            result.append(first)
        }
        return result
    }
}

extension Array where Element == ErrorCode {
    /// One code per normalized form, in first-seen order, with the aliases of all its forms.
    func mergedCodes() -> [ErrorCode] {
        var result: [ErrorCode] = []
        var positions: [String: Int] = [:]
        for code in self {
            if let position = positions[code.code] {
                // Prefer the hexadecimal spelling as the written form when both were found.
                if !result[position].raw.lowercased().hasPrefix("0x"), code.raw.lowercased().hasPrefix("0x") {
                    let aliases = result[position].aliases
                    result[position] = code
                    result[position].aliases = code.aliases
                    for alias in aliases where !result[position].aliases.contains(alias) {
                        result[position].aliases.append(alias)
                    }
                    continue
                }
                for alias in code.aliases where !result[position].aliases.contains(alias) {
                    result[position].aliases.append(alias)
                }
            } else {
                positions[code.code] = result.count
                result.append(code)
            }
        }
        return result
    }
}

extension Array where Element == String {
    /// The non-empty strings, each once, in first-seen order.
    func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
