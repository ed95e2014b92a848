/// A rendered site: every file's path below the output folder and its content. Rendering
/// produces it without touching the disk; the command line writes it.
public struct BuiltSite: Sendable {
    public struct File: Sendable {
        /// `/`-separated, relative to the output folder.
        public var path: String
        public var contents: [UInt8]

        public init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }

        public init(path: String, text: String) {
            self.init(path: path, contents: Array(text.utf8))
        }
    }

    public var files: [File]

    public init(files: [File] = []) {
        self.files = files
    }
}
