/// Paths inside the content tree: `/`-separated, relative to the content root.
public enum ContentPath {
    /// The folder part of a path (`nl-nl/apps/x.md` → `nl-nl/apps`), empty at the root.
    public static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// `reference` (a relative path such as `../includes/x.md`) resolved against `folder`;
    /// nil when it climbs above the content root.
    public static func resolve(_ reference: String, from folder: String) -> String? {
        // Called for every link of every page in every output: bytes, not Characters.
        let folderBytes = Array(folder.utf8), referenceBytes = Array(reference.utf8)
        var parts = components(folderBytes)
        for part in components(referenceBytes) {
            if part.elementsEqual(CollectionOfOne(UInt8(ascii: "."))) { continue }
            if part.elementsEqual("..".utf8) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return joined(parts)
    }

    /// The relative path that leads from `folder` to `path`
    /// (`nl-nl/apps` → `nl-nl/includes/x.md` is `../includes/x.md`).
    public static func relative(_ path: String, from folder: String) -> String {
        let folderBytes = Array(folder.utf8), pathBytes = Array(path.utf8)
        let from = components(folderBytes), to = components(pathBytes)
        var common = 0
        while common < from.count, common < to.count - 1, from[common].elementsEqual(to[common]) { common += 1 }
        let up = Array(repeating: ArraySlice("..".utf8), count: from.count - common)
        return joined(up + to[common...])
    }

    /// The non-empty `/`-separated parts of a path, as `split(separator: "/")` gives them.
    private static func components(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "/"))
    }

    private static func joined(_ parts: some Collection<ArraySlice<UInt8>>) -> String {
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "/")) }
            bytes += part
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether an `http:` or `https:` URL has a host a browser can reach: not empty, and without
    /// characters hosts cannot hold (`https://adfs\` from a broken autolink). Other URLs pass.
    public static func hasValidHost(_ url: String) -> Bool {
        // Asked of every link of every output: an ASCII URL (nearly all) is read as bytes.
        let bytes = Array(url.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return hasValidHostCharacters(url) }
        func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        func starts(with prefix: String) -> Bool {
            bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { lowercased($0) == $1 }
        }
        let scheme = starts(with: "http://") ? 7 : starts(with: "https://") ? 8 : 0
        guard scheme > 0 else { return true }
        let host = bytes[scheme...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        // The name: after the last `@` (user information), before a `:` (the port).
        let name = host.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).last!
            .split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).first!
        return !name.isEmpty && name.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }
    }

    /// `hasValidHost` for a URL with non-ASCII characters (an internationalized host name).
    static func hasValidHostCharacters(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return true }
        let rest = url.drop { $0 != "/" }.dropFirst(2)
        let host = rest.prefix { !"/?#".contains($0) }
        let name = host.split(separator: "@", omittingEmptySubsequences: false).last!.split(separator: ":", omittingEmptySubsequences: false).first!
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" || $0 == "[" || $0 == "]" }
    }

    /// Whether a link destination is a path inside the site rather than a URL with a scheme,
    /// an absolute path, or a fragment of the same page.
    public static func isRelative(_ destination: String) -> Bool {
        guard let first = destination.utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "#") else { return false }
        for byte in destination.utf8 {
            if byte == UInt8(ascii: ":") { return false }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return true }
        }
        return true
    }
}
