import KBCore
import KBWeb

/// Which files of the content folder may be copied into the site. A file served from the
/// site's own address runs with the site's rights, so an `.html`, `.js` or `.svg` file a
/// contributor adds would run its scripts for every reader: only types that browsers show
/// without running anything are copied (images, audio, video, documents, archives, text), and
/// SVG images only when they hold nothing that can run.
public enum MediaPolicy {
    enum Verdict: Equatable {
        /// Copied from the content as it is when the site is written.
        case copy
        /// Published as these bytes, the ones checked (an SVG image): what is written or served
        /// is what was checked, even if the file changes afterwards.
        case publish([UInt8])
        case refuse(Diagnostic.Severity, String)
    }

    /// Types browsers show or download without running anything of theirs.
    static let passive: Set<String> = [
        "png", "jpg", "jpeg", "jfif", "gif", "webp", "avif", "apng", "bmp", "ico", "tif", "tiff", "heic",
        "mp4", "m4v", "webm", "ogv", "mov", "mp3", "m4a", "oga", "ogg", "wav", "flac", "vtt",
        "pdf", "txt", "csv", "tsv", "json", "zip", "gz", "tgz", "7z", "cab", "msi", "exe", "cer", "crt", "pem",
        "docx", "xlsx", "pptx", "vsdx", "doc", "xls", "ppt", "rtf", "odt", "ods", "odp", "ps1", "psm1", "psd1", "sh", "cmd", "bat", "reg",
        "woff", "woff2", "ttf", "otf", "eot",
    ]
    /// Types a browser runs or renders as a document of the site's origin.
    static let active: Set<String> = [
        "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "cjs", "css", "xml", "xsl", "xslt", "svgz", "swf",
        "wasm", "php", "asp", "aspx", "jsp", "hta", "htc", "mht", "mhtml", "appcache", "manifest", "webmanifest",
    ]

    static func verdict(for path: String, read: () throws -> [UInt8]) -> Verdict {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let fileExtension = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        if passive.contains(fileExtension) { return .copy }
        if fileExtension == "svg" {
            do {
                let bytes = try read()
                if let reason = activeContent(inSVG: bytes) {
                    return .refuse(.warning, "this SVG image holds \(reason), which could run script in a reader's browser; it is not copied to the site")
                }
                return .publish(bytes)
            } catch {
                return .refuse(.warning, "this SVG image cannot be read (\(error)); it is not copied to the site")
            }
        }
        if active.contains(fileExtension) {
            return .refuse(.warning, "files of type .\(fileExtension) can run script in a reader's browser; it is not copied to the site")
        }
        return .refuse(.note, "files of this type are not copied to the site (only images, audio, video, documents, archives and text are)")
    }

    /// What in an SVG image could run script when the image is opened as a page, if anything:
    /// scripts, event handlers, links that are not `http`, `https`, `mailto` or relative,
    /// foreign content, animations (which can set links), entity declarations and character
    /// references (which could spell any of these), style sheets for XSLT.
    public static func activeContent(inSVG bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        for (needle, reason) in [
            ("<script", "a script"), ("<foreignobject", "foreign content"), ("<!doctype", "a document type"),
            ("<!entity", "an entity declaration"), ("&#", "a character reference"), ("javascript:", "a script URL"),
            ("<iframe", "a frame"), ("<embed", "embedded content"), ("<object", "embedded content"),
            ("<handler", "an event handler"), ("<listener", "an event listener"), ("<set", "an animation"),
            ("<animate", "an animation"), ("<?xml-stylesheet", "a style sheet"),
        ] where text.contains(needle) {
            return reason
        }
        // Event handler attributes, such as `onload=`, and links anywhere but inside the image.
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let follows = index > 0 ? bytes[index - 1] : 0x20
            let startsName = follows == 0x20 || follows == 0x09 || follows == 0x0A || follows == 0x0D || follows == UInt8(ascii: "/")
                || follows == UInt8(ascii: "\"") || follows == UInt8(ascii: "'")
            if startsName, byte == UInt8(ascii: "o"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "n") {
                var end = index + 2
                while end < bytes.count, bytes[end] >= UInt8(ascii: "a"), bytes[end] <= UInt8(ascii: "z") { end += 1 }
                while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0A || bytes[end] == 0x0D { end += 1 }
                if end > index + 2, end < bytes.count, bytes[end] == UInt8(ascii: "=") { return "an event handler" }
            }
            if startsName || follows == UInt8(ascii: ":"), bytes[index...].starts(with: Array("href".utf8)) {
                var end = index + 4
                while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0A || bytes[end] == 0x0D { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "=") {
                    end += 1
                    while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0A || bytes[end] == 0x0D { end += 1 }
                    let quote = end < bytes.count ? bytes[end] : 0
                    let start = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") ? end + 1 : end
                    var stop = start
                    while stop < bytes.count, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
                        ? bytes[stop] != quote : !(bytes[stop] == 0x20 || bytes[stop] == UInt8(ascii: ">")) { stop += 1 }
                    if URLSafety.safe(String(decoding: bytes[start..<stop], as: UTF8.self)) == nil { return "a script link" }
                }
            }
            index += 1
        }
        return nil
    }
}
