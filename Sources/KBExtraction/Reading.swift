import KBCore
import KBModel

/// The decisions an extraction made about an article: which tables are error tables and with
/// which column roles, which sections describe an error. Translations of an article have the
/// same structure (DocFX keeps tables, headings and their English anchors in every language),
/// so their readings can be compared, and made the same (`ReadingConsensus`).
struct Reading: Hashable, Sendable {
    /// A table's decision: nil when it is not about errors.
    typealias TableDecision = ErrorTableExtractor.Columns?

    /// What must match for two readings to be of the same structure: the level of every
    /// section, and the column and row counts of every table, in document order.
    struct Shape: Hashable, Sendable {
        var sectionLevels: [Int] = []
        var tables: [[Int]] = []
    }

    var shape = Shape()
    /// Per table, in document order.
    var tables: [TableDecision] = []
    /// Per section (headings, in document order): whether it is an error entry.
    var sections: [Bool] = []
}

/// The readings of translations made the same: among the translations of one article whose
/// structure is the same, each table is an error table (with the column roles most of them
/// give it) and each section an entry when at least half of them read it so.
enum ReadingConsensus {
    /// The reading each article should follow, by its index in `readings`, for the ones whose
    /// own reading differs from their group's; and the diagnostics for translations of the same
    /// source version whose structure differs.
    static func overrides(
        for articles: [(id: String, source: String, sourceCommit: String?)], readings: [Reading]
    ) -> (overrides: [Int: Reading], diagnostics: [Diagnostic]) {
        var groups: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() { groups[article.id, default: []].append(index) }
        var overrides: [Int: Reading] = [:]
        var diagnostics: [Diagnostic] = []
        for members in groups.values where members.count > 1 {
            var byShape: [Reading.Shape: [Int]] = [:]
            for member in members { byShape[readings[member].shape, default: []].append(member) }
            for (_, same) in byShape where same.count > 1 {
                let consensus = agreed(same.map { readings[$0] })
                for member in same where readings[member] != consensus {
                    overrides[member] = consensus
                }
            }
            // Same source version, different structure: each keeps its own reading, and says so.
            let shapes = byShape.values.sorted { $0.count > $1.count || ($0.count == $1.count && $0[0] < $1[0]) }
            guard shapes.count > 1 else { continue }
            let main = shapes[0]
            for other in shapes.dropFirst().flatMap({ $0 }) {
                guard let commit = articles[other].sourceCommit,
                      let peer = main.first(where: { articles[$0].sourceCommit == commit })
                else { continue }
                diagnostics.append(Diagnostic(
                    .warning, .translationStructureDiffers,
                    "this translation has the same source version as '\(articles[peer].source)' but other sections or tables; "
                        + "each is read on its own",
                    file: articles[other].source, at: nil))
            }
        }
        return (overrides, diagnostics.sorted())
    }

    /// The decisions most of `readings` make, all of the same shape; ties count as errors.
    static func agreed(_ readings: [Reading]) -> Reading {
        var result = readings[0]
        for table in result.tables.indices {
            let decisions = readings.map { $0.tables[table] }
            let errors = decisions.compactMap { $0 }
            if errors.count * 2 >= decisions.count {
                // The column roles most readings give, the first of them on a tie.
                var counts: [ErrorTableExtractor.Columns: Int] = [:]
                for columns in errors { counts[columns, default: 0] += 1 }
                let most = counts.values.max() ?? 0
                result.tables[table] = errors.first { counts[$0] == most }
            } else {
                result.tables[table] = nil
            }
        }
        for section in result.sections.indices {
            result.sections[section] = readings.filter { $0.sections[section] }.count * 2 >= readings.count
        }
        return result
    }
}
