/// The site's own look, from kb.yml's `theme`: a logo before the title, an accent colour for
/// links and buttons (checked for contrast), CSS after kb's, and a snippet for every page's
/// `<head>` (an analytics tag). The site's owner writes it, not the content's authors.
public struct SiteTheme: Sendable, Equatable, CustomDebugStringConvertible {
    /// The logo's bytes and its file's extension (`svg`, `png`).
    public var logo: (bytes: [UInt8], extension: String)?
    /// `#0a6b3d`: links and buttons in the light theme, and in the dark one without `accentDark`.
    public var accent: String?
    public var accentDark: String?
    /// CSS appended after kb's stylesheet.
    public var css: String?
    /// HTML put at the end of every page's `<head>`.
    public var head: String?

    public init(logo: (bytes: [UInt8], extension: String)? = nil, accent: String? = nil, accentDark: String? = nil, css: String? = nil, head: String? = nil) {
        self.logo = logo
        self.accent = accent
        self.accentDark = accentDark
        self.css = css
        self.head = head
    }

    public static func == (lhs: SiteTheme, rhs: SiteTheme) -> Bool {
        lhs.logo?.bytes == rhs.logo?.bytes && lhs.logo?.extension == rhs.logo?.extension && lhs.accent == rhs.accent
            && lhs.accentDark == rhs.accentDark && lhs.css == rhs.css && lhs.head == rhs.head
    }

    public var isEmpty: Bool { self == SiteTheme() }

    /// What the build's fingerprint reads: the files by a digest, not their bytes.
    public var debugDescription: String {
        func digest(_ bytes: [UInt8]) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16)
        }
        return "SiteTheme(logo: \(logo.map { digest($0.bytes) + "." + $0.extension } ?? "none"), accent: \(accent ?? "none"), "
            + "accentDark: \(accentDark ?? "none"), css: \(css.map { digest(Array($0.utf8)) } ?? "none"), head: \(head.map { digest(Array($0.utf8)) } ?? "none"))"
    }

    /// The backgrounds kb's stylesheet draws text on, light and dark (`site.css`).
    public static let lightBackground = "#ffffff", darkBackground = "#161718"

    /// The contrast ratio of two colours written `#rgb` or `#rrggbb` (WCAG 2.2); nil when one is not.
    public static func contrast(_ first: String, _ second: String) -> Double? {
        guard let a = luminance(first), let b = luminance(second) else { return nil }
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    static func luminance(_ colour: String) -> Double? {
        var hex = colour.hasPrefix("#") ? String(colour.dropFirst()) : colour
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// Text on an accent background: white or the dark background, whichever reads better.
    public static func onAccent(_ accent: String) -> String {
        (contrast(accent, "#ffffff") ?? 0) >= (contrast(accent, darkBackground) ?? 0) ? "#ffffff" : darkBackground
    }

    /// The stylesheet that follows kb's: the accent colours, then the site's CSS.
    public var stylesheet: String {
        var lines: [String] = []
        if let accent {
            lines.append(":root { --accent: \(accent); --link: \(accent); --on-accent: \(Self.onAccent(accent)); }")
        }
        if let dark = accentDark ?? accent {
            let rule = "--accent: \(dark); --link: \(dark); --on-accent: \(Self.onAccent(dark));"
            lines.append(":root[data-theme=\"dark\"] { \(rule) }")
            lines.append("@media (prefers-color-scheme: dark) { :root:not([data-theme=\"light\"]) { \(rule) } }")
        }
        if let css { lines.append(css) }
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
