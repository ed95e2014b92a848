/// The device platform an entry is about, read from the anchors of its sections (English in
/// every translation of a DocFX article) and, failing that, from their titles.
public enum Platform {
    public static func detect(anchors: [String], titles: [String]) -> String? {
        for text in anchors.reversed() + titles.reversed() {
            let words = Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
            for (word, platform) in names where words.contains(word) {
                return platform
            }
            // Anchors drop the slash of "iOS/iPadOS".
            if words.contains(where: { $0.hasPrefix("iosipados") }) { return "iOS/iPadOS" }
        }
        return nil
    }

    private static let names: [(String, String)] = [
        ("android", "Android"), ("ios", "iOS/iPadOS"), ("ipados", "iOS/iPadOS"), ("iosipados", "iOS/iPadOS"),
        ("macos", "macOS"), ("mac", "macOS"), ("windows", "Windows"), ("pc", "Windows"), ("win32", "Windows"),
    ]
}
