// swift-tools-version: 6.1
import PackageDescription

// `KB_FUZZ=1 swift build …` (what scripts/fuzz runs) builds kb's own modules for libFuzzer and
// AddressSanitizer, and not the dependencies: coverage of code kb does not own only slows the
// fuzzer down. -enable-testing lets the fuzz targets reach internals in any configuration.
let fuzzing = Context.environment["KB_FUZZ"] == "1"
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-enable-testing"]), .define("KB_FUZZ")] : []

// Data flows one way: Markdown syntax → typed model → linking → rendering → command line.
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
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The table of HTML's named character references is data, embedded in the code at build time.
        .target(name: "KBCore", resources: [.embedInCode("Resources/html-character-references.txt")], swiftSettings: instrumented),
        .target(name: "CFileSystem"),
        .target(
            name: "KBSyntax",
            dependencies: ["CCmarkGFM", "KBCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: instrumented
        ),
        .target(name: "KBModel", dependencies: ["KBCore"], swiftSettings: instrumented),
        .target(name: "KBExtraction", dependencies: ["KBSyntax", "KBModel", "KBCore"], swiftSettings: instrumented),
        .target(name: "KBLinking", dependencies: ["KBModel", "KBCore"], swiftSettings: instrumented),
        // The machine contract's files as Codable values: written by KBRendering, read by the
        // lookup command and the MCP server.
        .target(name: "KBContract", swiftSettings: instrumented),
        .target(
            name: "KBRendering",
            dependencies: [
                "KBLinking", "KBModel", "KBCore", "KBContract",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: instrumented
        ),

        .target(
            name: "KBCommandLine",
            dependencies: [
                "KBSyntax", "KBModel", "KBExtraction", "KBLinking", "KBRendering", "KBCore", "KBContract", "CFileSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: instrumented
        ),
        // The Model Context Protocol server, in a target of its own: nothing else depends on the SDK.
        .target(
            name: "KBMCP",
            dependencies: [
                "KBContract", "KBCore", "KBCommandLine",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: instrumented
        ),
        .executableTarget(
            name: "kb",
            dependencies: ["KBCommandLine", "KBMCP", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Fuzz targets for libFuzzer (scripts/fuzz); they reach internals with @testable imports.
        .executableTarget(
            name: "KBFuzz",
            dependencies: [
                "KBCommandLine", "KBMCP", "KBExtraction", "KBSyntax", "KBRendering", "KBLinking", "KBModel", "KBCore",
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: instrumented,
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
        ),
        .testTarget(name: "KBCoreTests", dependencies: ["KBCore"]),
        .testTarget(name: "KBSyntaxTests", dependencies: ["KBSyntax", "KBCore"]),
        .testTarget(name: "KBExtractionTests", dependencies: ["KBExtraction", "KBSyntax", "KBModel", "KBCore"], exclude: ["Fixtures"]),
        .testTarget(name: "KBLinkingTests", dependencies: ["KBLinking", "KBExtraction", "KBModel", "KBCore"]),
        .testTarget(name: "KBRenderingTests", dependencies: ["KBRendering", "KBContract", "KBLinking", "KBExtraction", "KBModel", "KBCore"]),
        .testTarget(name: "KBMCPTests", dependencies: ["KBMCP"]),
        .testTarget(
            name: "KBCommandLineTests",
            dependencies: ["KBCommandLine", "KBExtraction", "KBLinking", "KBModel", "KBRendering", "KBContract", "KBCore"]
        ),
    ]
)
