import Foundation
import KBCore
import KBExtraction
import KBModel
import KBSyntax
@_exported import KBTestSupport

extension String {
    /// The comparison the gold file prescribes: Unicode NFC, case-folded, trimmed, without a
    /// trailing period.
    var goldNormalized: String {
        var text = precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasSuffix(".") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
