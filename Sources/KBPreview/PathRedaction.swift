import Foundation

/// Problems as a viewer on another computer may read them: without the absolute paths of the
/// author's computer (a user name, the layout of their disk). A path below one of the `roots`
/// becomes relative to it (named by its key); any other absolute path keeps only its last
/// component, after `…/`. Paths inside URLs (`https://host/a/b`) are left alone.
struct PathRedaction: Sendable {
    /// Folders whose paths are shown relative to them, with the name to show instead of each
    /// (`/home/ada/docs/content` → `content`). Longer folders are tried first.
    let roots: [(folder: String, name: String)]

    init(roots: [(folder: String, name: String)]) {
        self.roots = roots.filter { $0.folder.hasPrefix("/") && $0.folder.count > 1 }.sorted { $0.folder.count > $1.folder.count }
    }

    func redacted(_ text: String) -> String {
        var text = text
        for (folder, name) in roots {
            text = text.replacingAll(folder + "/", with: name + "/").replacingAll(folder, with: name)
        }
        var result = ""
        var scalars = text.unicodeScalars[...]
        var previous: Unicode.Scalar = " "
        while let scalar = scalars.first {
            // An absolute path starts at `/` after a space, a quote, a bracket, `=` or the start,
            // and runs to a space or a quote.
            if scalar == "/", " \t\n'\"`‘’“”([{<=,".unicodeScalars.contains(previous) {
                let run = scalars.prefix { !" \t\n'\"`‘’“”)]}>,".unicodeScalars.contains($0) }
                let components = String(String.UnicodeScalarView(run)).split(separator: "/")
                if components.count >= 2 {
                    result += "…/" + components.last!
                    previous = run.last!
                    scalars = scalars.dropFirst(run.count)
                    continue
                }
            }
            result.unicodeScalars.append(scalar)
            previous = scalar
            scalars = scalars.dropFirst()
        }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
