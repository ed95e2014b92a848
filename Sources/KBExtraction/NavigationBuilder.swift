import KBCore
import KBModel
import KBSyntax

/// Turns `toc.yml` files into navigation trees whose entries point at articles by id.
struct NavigationBuilder {
    /// Article ids per locale, to check that entries point at articles that exist.
    let articleIDs: [String: Set<String>]
    let read: KnowledgeBaseBuilder.Reader
    var limits: Limits = .default

    /// What one navigation tree may still grow by: toc files it includes (a file included by
    /// two others counts twice, so that fan-out cannot multiply), and whether that was reported.
    private struct Budget {
        var files: Int
        var reported = false
    }

    func tableOfContents(at path: String) -> (TableOfContents?, [Diagnostic]) {
        let components = path.split(separator: "/").map(String.init)
        guard components.count >= 2, ArticleIdentity.isLanguageTag(components[0]) else {
            return (nil, [])
        }
        let locale = components[0].lowercased()
        var diagnostics: [Diagnostic] = []
        var budget = Budget(files: limits.includeCount)
        let items = self.items(ofFile: path, locale: locale, visiting: [], depth: 0, budget: &budget, diagnostics: &diagnostics)
        let folder = components.dropFirst().dropLast().joined(separator: "/")
        return (TableOfContents(locale: locale, folder: folder, source: path, items: items), diagnostics)
    }

    private func items(
        ofFile path: String, locale: String, visiting: [String], depth: Int, budget: inout Budget, diagnostics: inout [Diagnostic]
    ) -> [NavigationItem] {
        guard visiting.count <= limits.includeDepth, depth < limits.navigationDepth, budget.files > 0 else {
            if !budget.reported, let includer = visiting.last {
                budget.reported = true
                diagnostics.append(Diagnostic(
                    .warning, .tocTooLarge,
                    "the navigation includes more than \(limits.includeCount) toc files, nests them more than \(limits.includeDepth) "
                        + "deep or is more than \(limits.navigationDepth) levels deep; '\(path)' and what lies deeper are left out",
                    file: includer, at: nil))
            }
            return []
        }
        budget.files -= 1
        let text: String
        do {
            text = try read(path)
        } catch {
            return []
        }
        let parsed = path.lowercased().hasSuffix(".md")
            ? TableOfContentsParser.parseMarkdown(text, file: path)
            : TableOfContentsParser.parse(text, file: path)
        diagnostics += parsed.diagnostics
        return parsed.items.map { item in
            navigationItem(item, in: path, locale: locale, visiting: visiting + [path], depth: depth, budget: &budget, diagnostics: &diagnostics)
        }
    }

    private func navigationItem(
        _ item: TableOfContentsParser.Item, in file: String, locale: String, visiting: [String], depth: Int,
        budget: inout Budget, diagnostics: inout [Diagnostic]
    ) -> NavigationItem {
        var children: [NavigationItem] = []
        if depth + 1 < limits.navigationDepth {
            children = item.items.map {
                navigationItem($0, in: file, locale: locale, visiting: visiting, depth: depth + 1, budget: &budget, diagnostics: &diagnostics)
            }
        } else if !item.items.isEmpty, !budget.reported {
            budget.reported = true
            diagnostics.append(Diagnostic(
                .warning, .tocTooLarge, "the navigation is more than \(limits.navigationDepth) levels deep here; what lies deeper is left out",
                file: file, at: SourceLocation(line: item.line)))
        }
        var target = NavigationItem.Target.none
        if let href = item.href?.trimmingWhitespace, !href.isEmpty {
            if !ContentPath.isRelative(href) {
                // `https://…` leaves the site; `/intune/…` points into the published docs site,
                // which the content here does not hold.
                target = href.hasPrefix("/") ? .none : .external(href)
            } else if let resolved = ContentPath.resolve(String(href.split(separator: "#").first ?? ""), from: ContentPath.folder(of: file)) {
                let lower = resolved.lowercased()
                if lower.hasSuffix("toc.yml") || lower.hasSuffix("toc.md") || href.hasSuffix("/") {
                    let nested = lower.hasSuffix("toc.yml") || lower.hasSuffix("toc.md") ? resolved : resolved + "/toc.yml"
                    if !visiting.contains(nested) {
                        children += items(
                            ofFile: nested, locale: locale, visiting: visiting, depth: depth + 1, budget: &budget, diagnostics: &diagnostics)
                    }
                } else if lower.hasSuffix(".md") {
                    let prefix = locale + "/"
                    let id = String(resolved.dropLast(3))
                    let articleID = id.lowercased().hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
                    if articleIDs[locale]?.contains(articleID) == true {
                        target = .article(articleID)
                    } else {
                        diagnostics.append(Diagnostic(
                            .warning, .tocUnresolved, "the table of contents links to '\(href)', which is not an article",
                            file: file, at: SourceLocation(line: item.line)))
                    }
                }
            }
        }
        return NavigationItem(title: item.name, target: target, children: children)
    }
}
