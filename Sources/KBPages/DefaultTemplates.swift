/// The default templates and assets, from this target's `Templates/` folder, embedded in the
/// binary by SwiftPM (`.embedInCode` in Package.swift, one line per file).
enum DefaultTemplates {
    /// Path relative to `Templates/` → contents.
    static let files: [String: [UInt8]] = [
        "layout.mustache": PackageResources.layout_mustache,
        "root.mustache": PackageResources.root_mustache,
        "home.mustache": PackageResources.home_mustache,
        "article.mustache": PackageResources.article_mustache,
        "code.mustache": PackageResources.code_mustache,
        "coverage.mustache": PackageResources.coverage_mustache,
        "nav.mustache": PackageResources.nav_mustache,
        "search.mustache": PackageResources.search_mustache,
        "codes.mustache": PackageResources.codes_mustache,
        "notfound.mustache": PackageResources.notfound_mustache,
        "assets/site.css": PackageResources.site_css,
        "assets/site.js": PackageResources.site_js,
        "assets/search.js": PackageResources.search_js,
        "assets/favicon.svg": PackageResources.favicon_svg,
        "assets/theme.js": PackageResources.theme_js,
    ]
}
