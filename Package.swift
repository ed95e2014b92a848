// swift-tools-version: 6.1
import PackageDescription

// `KB_FUZZ=1 swift build …` (what scripts/fuzz runs) builds kb's own modules for libFuzzer and
// AddressSanitizer, and not the dependencies: coverage of code kb does not own only slows the
// fuzzer down. -enable-testing lets the fuzz targets reach internals in any configuration.
let fuzzing = Context.environment["KB_FUZZ"] == "1"
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-enable-testing"]), .define("KB_FUZZ")] : []

// Data flows one way: Markdown syntax → typed model → linking → the pipeline and its output formats
// → command line; Architecture.md draws the layers, and ArchitectureTests holds the imports to them.
let package = Package(
    name: "kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
        // The fuzz targets (scripts/fuzz builds them for libFuzzer; a debug build replays inputs).
        .executable(name: "kb-fuzz", targets: ["KBFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // kb serve's HTTP server: Hummingbird's HTTP/1 server core on SwiftNIO (its parser bounds request
        // heads in linear time); without the swift-configuration trait, which kb does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // An HTML5 parser (gumbo), for the HTML tables articles hold.
        .systemLibrary(name: "CGumbo", pkgConfig: "gumbo", providers: [.apt(["libgumbo-dev"])]),
        // Diagnostics and their engine, source locations, limits: what every stage shares.
        .target(name: "KBCore", swiftSettings: instrumented),
        // Text as kb reads it: folding, search terms, whitespace.
        .target(name: "KBText", swiftSettings: instrumented),
        // HTML and URLs as browsers read them. The table of HTML's named character references is
        // data, embedded in the code at build time.
        .target(name: "KBWeb", dependencies: ["CGumbo"], resources: [.embedInCode("Resources/html-character-references.txt")], swiftSettings: instrumented),
        .target(name: "CFileSystem"),
        .target(
            name: "KBSyntax",
            dependencies: ["CCmarkGFM", "KBCore", "KBText", .product(name: "Yams", package: "Yams")],
            swiftSettings: instrumented
        ),
        .target(name: "KBModel", dependencies: ["KBCore", "KBText", "KBWeb"], swiftSettings: instrumented),
        // What words and shapes in text mean, in any language: the vocabulary of about 45
        // languages, error codes by their shape, quoted messages.
        .target(name: "KBLexicon", dependencies: ["KBModel", "KBCore", "KBText"], swiftSettings: instrumented),
        .target(
            name: "KBExtraction", dependencies: ["KBLexicon", "KBSyntax", "KBModel", "KBCore", "KBText", "KBWeb"],
            swiftSettings: instrumented),
        .target(name: "KBLinking", dependencies: ["KBModel", "KBCore"], swiftSettings: instrumented),
        // The machine contract's files as Codable values: written by KBContractFiles, read by the
        // lookup command and the MCP server.
        .target(name: "KBContract", dependencies: ["KBCore"], swiftSettings: instrumented),
        // The output formats: what they share (paths, the site's strings, the format protocol),
        // then one target per format, none depending on another.
        .target(name: "KBOutput", dependencies: ["KBLinking", "KBModel", "KBCore", "KBWeb"], swiftSettings: instrumented),
        .target(
            name: "KBPages",
            dependencies: ["KBOutput", "KBLinking", "KBModel", "KBCore", "KBWeb", .product(name: "Mustache", package: "swift-mustache")],
            // The default templates and assets, embedded in the binary (a user's --templates replace them).
            resources: [
                "layout.mustache", "root.mustache", "home.mustache", "article.mustache", "code.mustache", "coverage.mustache",
                "nav.mustache", "search.mustache", "codes.mustache", "notfound.mustache", "assets/site.css", "assets/site.js", "assets/search.js",
                "assets/favicon.svg", "assets/theme.js",
            ].map { .embedInCode("Templates/" + $0) },
            swiftSettings: instrumented
        ),
        .target(name: "KBSearchIndex", dependencies: ["KBOutput", "KBLinking", "KBModel", "KBCore", "KBText"], swiftSettings: instrumented),
        .target(
            name: "KBContractFiles",
            dependencies: [
                "KBOutput", "KBContract", "KBLinking", "KBModel", "KBCore", "KBText", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: instrumented
        ),
        .target(name: "KBLanguageModelFiles", dependencies: ["KBOutput", "KBLinking", "KBModel", "KBCore"], swiftSettings: instrumented),
        .target(name: "KBDump", dependencies: ["KBOutput", "KBModel", "KBCore"], swiftSettings: instrumented),
        // A build's life (SiteBuild) as named steps over a content source and a store passed in,
        // with the formats registered; no I/O.
        .target(
            name: "KBPipeline",
            dependencies: [
                "KBExtraction", "KBLinking", "KBModel", "KBCore", "KBWeb", "KBOutput",
                "KBPages", "KBSearchIndex", "KBContractFiles", "KBLanguageModelFiles", "KBDump", "CFileSystem",
            ],
            swiftSettings: instrumented
        ),
        // Questions asked of a built contract: a code in any form, chunks for a query. Used by
        // kb lookup and kb mcp; reads through a function passed in.
        .target(name: "KBQuery", dependencies: ["KBContract", "KBCore", "KBText"], swiftSettings: instrumented),
        // The Model Context Protocol server, in a target of its own: nothing else depends on the SDK.
        .target(
            name: "KBMCP",
            dependencies: [
                "KBQuery", "KBContract", "KBCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: instrumented
        ),
        // kb serve's preview server, in a target of its own: nothing else depends on Hummingbird or
        // SwiftNIO. Files on disk are opened through a function passed in.
        .target(
            name: "KBPreview",
            dependencies: [
                "KBOutput", "KBCore",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: instrumented
        ),
        // The commands, and the only disk I/O: the content folder, the templates folder, the site.
        .target(
            name: "KBCommandLine",
            dependencies: [
                "KBPipeline", "KBQuery", "KBMCP", "KBPreview", "KBOutput", "KBPages", "KBContractFiles", "KBDump", "KBExtraction", "KBLinking", "KBModel", "KBCore", "KBContract", "CFileSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: instrumented
        ),
        .executableTarget(
            name: "kb",
            dependencies: ["KBCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Fuzz targets for libFuzzer (scripts/fuzz); they reach internals with @testable imports.
        .executableTarget(
            name: "KBFuzz",
            dependencies: [
                "KBCommandLine", "KBMCP", "KBPreview", "KBQuery", "KBPipeline", "KBPages", "KBSearchIndex", "KBContractFiles", "KBOutput",
                "KBExtraction", "KBLexicon", "KBSyntax", "KBLinking", "KBModel", "KBCore", "KBText", "KBWeb",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: instrumented,
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
        ),
        // What the test targets share: content and sites built in memory by the pipeline, processes.
        .target(
            name: "KBTestSupport",
            dependencies: ["KBPipeline", "KBPages", "KBOutput", "KBExtraction", "KBSyntax", "KBModel", "KBCore"],
            path: "Tests/KBTestSupport"
        ),
        // Unit tests (`make unit`): no corpus, browser or JVM.
        .testTarget(name: "KBWebTests", dependencies: ["KBWeb", "KBCore"]),
        .testTarget(name: "KBSyntaxTests", dependencies: ["KBSyntax", "KBCore"]),
        .testTarget(
            name: "KBExtractionTests", dependencies: ["KBTestSupport", "KBExtraction", "KBLexicon", "KBSyntax", "KBModel", "KBCore"],
            exclude: ["Fixtures"]),
        .testTarget(name: "KBLinkingTests", dependencies: ["KBTestSupport", "KBLinking", "KBExtraction", "KBModel", "KBCore"]),
        .testTarget(
            name: "KBOutputTests",
            dependencies: [
                "KBTestSupport", "KBPipeline", "KBPages", "KBSearchIndex", "KBContractFiles", "KBLanguageModelFiles", "KBDump", "KBOutput",
                "KBContract", "KBLinking", "KBExtraction", "KBModel", "KBCore", "KBText",
            ]
        ),
        .testTarget(name: "KBMCPTests", dependencies: ["KBMCP", "KBQuery", "KBContract", "KBCore", "KBTestSupport", "KBPipeline"]),
        .testTarget(name: "KBQueryTests", dependencies: ["KBQuery", "KBContract", "KBTestSupport", "KBPipeline"]),
        .testTarget(
            name: "KBPreviewTests",
            dependencies: [
                "KBPreview", "KBOutput", "KBCore", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        // Architecture.md's diagram held against the imports of every target.
        .testTarget(name: "ArchitectureTests", dependencies: ["KBTestSupport"]),
        .testTarget(
            name: "KBCommandLineTests",
            dependencies: [
                "KBTestSupport", "KBCommandLine", "KBPipeline", "KBPages", "KBDump", "KBOutput", "KBQuery", "KBExtraction", "KBLinking",
                "KBModel", "KBContract", "KBCore", "CFileSystem",
            ]
        ),
        // The end-to-end suite (`make test` runs both): the kb executable on the seeds and the
        // corpus, headless Chromium, the Nu Html Checker, the hostile trees, the scripts.
        .testTarget(
            name: "KBEndToEndTests",
            dependencies: [
                "KBTestSupport", "KBCommandLine", "KBPipeline", "KBContractFiles", "KBExtraction", "KBLinking", "KBModel", "KBContract",
                "KBCore", "KBText",
            ]
        ),
    ]
)
