import Foundation
import KBCore
import KBOutput

/// What the last `kb build` of an output folder was made from and what it wrote, kept beside
/// the folder (`.site.kb-build.json`, next to its lock), so that a build whose input did not
/// change since does not build the same site again: it reports the diagnostics that build
/// reported, and exits as it did.
///
/// The input is everything a build reads: the content folder's files and where they lie, the
/// templates folder's, the configuration file, the settings that come from flags, and kb's own
/// executable. A file is the same when its place, size, modification and change times and
/// inode are (the change time moves with every write, rename or `touch`, and no one can set
/// it back). A file changed less than two seconds before the last build began is not trusted
/// to be the same (a change within one tick of the clock leaves the times alone; git's index
/// does the same), nor is a site folder whose files are not exactly the ones the build wrote.
/// Anything else builds again: a record only ever spares a build that would give the same site.
/// Written by `json` (the bytes its `Encodable` conformance gives), read by `current(at:…)`.
struct BuildRecord: Encodable {
    /// Changes when the record's form or meaning does.
    static let format = 2
    /// How long before the build began a file must have last changed to be trusted unchanged.
    static let racyMargin: Int64 = 2_000_000_000

    var format = Self.format
    /// kb's version, its executable, and the settings of the build (see `Fingerprint`).
    var fingerprint: String
    /// When the build began, in nanoseconds since 1970 (the clock files are stamped with).
    var started: Int64
    var inputs: [FileStamp]
    /// Every file of the written site, below it.
    var outputs: [FileStamp]
    /// Everything the build reported, after the severity rules.
    var diagnostics: [Diagnostic]
    /// The locale folder a tree without locale folders was read as, for reporting paths.
    var virtualLocale: String?
    var summary: String

    /// A file and what its status said: the same stamp means the same bytes.
    struct FileStamp: Codable, Equatable {
        var path: String
        /// Where it lies, symbolic links resolved (inputs only).
        var location: String?
        var size: Int64
        var inode: UInt64
        var device: UInt64
        var modified: Int64
        /// The status change time (inputs only: linking a site's file into the next one moves it).
        var changed: Int64?

        init?(path: String, location: String, withChangeTime: Bool) {
            var status = stat()
            guard lstat(location, &status) == 0 else { return nil }
            self.init(path: path, location: location, status: status, withChangeTime: withChangeTime)
        }

        /// The stamp of a file whose status is read.
        init?(path: String, location: String, status: stat, withChangeTime: Bool) {
            guard status.st_mode & S_IFMT == S_IFREG else { return nil }
            self.path = path
            self.location = withChangeTime ? location : nil
            size = Int64(status.st_size)
            inode = UInt64(status.st_ino)
            device = UInt64(status.st_dev)
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            changed = withChangeTime ? Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec) : nil
        }
    }

    /// The record of an output folder: beside it, where its lock is.
    static func location(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).kb-build.json")
    }

    /// The time now, as files are stamped.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The stamps of every file the build reads, or nil when one cannot be stamped.
    static func inputs(content: ContentTree, templates: ContentTree?, configuration: String?) -> [FileStamp]? {
        var stamps: [FileStamp] = []
        for (prefix, tree) in [("content/", content), ("templates/", templates)] {
            guard let tree else { continue }
            for file in tree.files {
                guard let location = tree.location(of: file),
                      let stamp = FileStamp(path: prefix + file, location: location, withChangeTime: true)
                else { return nil }
                stamps.append(stamp)
            }
        }
        if let configuration {
            guard let stamp = FileStamp(path: "kb.yml", location: configuration, withChangeTime: true) else { return nil }
            stamps.append(stamp)
        }
        return stamps
    }

    /// The stamps of every file below a site folder, hidden ones included, in byte order; nil
    /// when the folder holds anything but folders and regular files.
    static func outputs(of folder: String) -> [FileStamp]? {
        var stamps: [FileStamp] = []
        func walk(_ relative: String) -> Bool {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(path) else { return false }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != ".", name != ".." { names.append(name) }
            }
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(folder + "/" + child, &status) == 0 else { return false }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    guard walk(child) else { return false }
                case S_IFREG:
                    guard let stamp = FileStamp(path: child, location: folder + "/" + child, status: status, withChangeTime: false) else { return false }
                    stamps.append(stamp)
                default:
                    return false
                }
            }
            return true
        }
        return walk("") ? stamps : nil
    }

    /// Writes the record beside the output folder, atomically.
    func save(to location: URL) throws {
        try Data(json).write(to: location, options: .atomic)
    }

    /// The record as JSON, the bytes `JSONWriter.encode` writes for it, written member by member:
    /// a record of four copies of the corpus holds 70,000 stamps and 37,000 diagnostics, and the
    /// encoder's tree of them was the highest the build's memory went.
    var json: [UInt8] {
        func write(_ stamp: FileStamp, to json: inout JSONWriter) {
            json.object { json in
                json.member("changed", stamp.changed.map { Int($0) })
                json.member("device", stamp.device)
                json.member("inode", stamp.inode)
                json.member("location", stamp.location)
                json.member("modified", Int(stamp.modified))
                json.member("path", stamp.path)
                json.member("size", Int(stamp.size))
            }
        }
        func write(_ location: SourceLocation?, to json: inout JSONWriter) {
            guard let location else { return }
            json.key("location")
            json.object { json in
                json.member("column", location.column)
                json.member("line", location.line)
            }
        }
        var json = JSONWriter()
        json.object { json in
            json.member("diagnostics", diagnostics) { json, diagnostic in
                json.object { json in
                    json.member("file", diagnostic.file)
                    json.member("identifier", diagnostic.identifier)
                    write(diagnostic.location, to: &json)
                    json.member("message", diagnostic.message)
                    json.member("notes", diagnostic.notes) { json, note in
                        json.object { json in
                            write(note.location, to: &json)
                            json.member("message", note.message)
                        }
                    }
                    json.member("severity", diagnostic.severity.rawValue)
                }
            }
            json.member("fingerprint", fingerprint)
            json.member("format", format)
            json.member("inputs", inputs) { write($1, to: &$0) }
            json.member("outputs", outputs) { write($1, to: &$0) }
            json.member("started", Int(started))
            json.member("summary", summary)
            json.member("virtualLocale", virtualLocale)
        }
        return json.bytes
    }

    /// The record beside an output folder when a build with this fingerprint and these inputs
    /// would write the site it describes, and the site folder still holds exactly that. The stamps
    /// are read first, and the rest (most of it the diagnostics) only for a build that is spared:
    /// a build after a change, or after its site folder was deleted, does not decode them.
    static func current(
        at location: URL, fingerprint: String, inputs: [FileStamp], output: String, racyMargin: Int64 = Self.racyMargin
    ) -> BuildRecord? {
        guard FileManager.default.fileExists(atPath: output), let data = try? Data(contentsOf: location),
              let stamps = try? JSONDecoder().decode(Stamps.self, from: data), stamps.format == format,
              stamps.areCurrent(fingerprint: fingerprint, inputs: inputs, output: output, racyMargin: racyMargin),
              let rest = try? JSONDecoder().decode(Rest.self, from: data)
        else { return nil }
        return BuildRecord(
            fingerprint: stamps.fingerprint, started: stamps.started, inputs: stamps.inputs, outputs: stamps.outputs,
            diagnostics: rest.diagnostics, virtualLocale: rest.virtualLocale, summary: rest.summary)
    }

    /// The rest of a record.
    private struct Rest: Decodable {
        var diagnostics: [Diagnostic]
        var virtualLocale: String?
        var summary: String
    }

    /// What telling whether a record is current reads of it.
    private struct Stamps: Decodable {
        var format: Int
        var fingerprint: String
        var started: Int64
        var inputs: [FileStamp]
        var outputs: [FileStamp]

        func areCurrent(fingerprint: String, inputs: [FileStamp], output: String, racyMargin: Int64) -> Bool {
            guard fingerprint == self.fingerprint, inputs == self.inputs,
                  inputs.allSatisfy({ max($0.modified, $0.changed ?? 0) < started - racyMargin })
            else { return false }
            return BuildRecord.outputs(of: output) == outputs
        }
    }
}

extension BuildRecord {
    /// Everything a build depends on besides its files: kb itself (version and executable) and
    /// the settings, as the configuration and flags made them. Presentation (how diagnostics are
    /// printed, `--timings`, `--fail-on`) is left out: it does not change the site, and the
    /// record keeps the diagnostics themselves.
    static func fingerprint(of project: Project, content: ContentTree, formats: [String]) -> String? {
        guard let executable = executableStamp() else { return nil }
        let rules = project.rules.rules.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        return [
            "kb \(KBTool.version) \(executable)",
            "content \(content.root.path)",
            // What the walk of the folder found wrong (a symbolic link that leaves it, a loop)
            // is found again only by walking it again.
            "walk \(content.diagnostics.map(\.consoleDescription))",
            "output \(URL(fileURLWithPath: project.outputPath).standardizedFileURL.path)",
            "templates \(project.templatesPath.map { ContentTree.realPath($0) ?? $0 } ?? "-")",
            "formats \(formats.joined(separator: ","))",
            "rules \(rules.joined(separator: ","))",
            "options \(String(reflecting: project.settings.options))",
            "format options \(project.formatOptions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })",
            "content settings \(String(reflecting: project.settings.content))",
            "limits \(String(reflecting: project.settings.limits))",
        ].joined(separator: "\n")
    }

    /// kb's executable, as a stamp: another build of kb is another kb.
    private static func executableStamp() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let stamp = FileStamp(path: path, location: path, withChangeTime: true)
        else { return nil }
        return "\(path) \(stamp.size) \(stamp.inode) \(stamp.modified) \(stamp.changed ?? 0)"
    }
}
