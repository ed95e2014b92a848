// swift-tools-version: 6.1
import PackageDescription

// Data flows one way: Markdown syntax → typed model → linking → rendering → command line.
let package = Package(
    name: "kb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "KBCore"),
        .target(name: "CFileSystem"),
        .target(
            name: "KBSyntax",
            dependencies: ["CCmarkGFM", "KBCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "KBModel", dependencies: ["KBCore"]),
        .target(name: "KBExtraction", dependencies: ["KBSyntax", "KBModel", "KBCore"]),
        .target(name: "KBLinking", dependencies: ["KBModel", "KBCore"]),
        .target(
            name: "KBRendering",
            dependencies: ["KBLinking", "KBModel", "KBCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        
        .target(
            name: "KBCommandLine",
            dependencies: [
                "KBSyntax", "KBModel", "KBExtraction", "KBLinking", "KBRendering", "KBCore", "CFileSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "kb", dependencies: ["KBCommandLine"]),
        .testTarget(name: "KBSyntaxTests", dependencies: ["KBSyntax", "KBCore"]),
        .testTarget(name: "KBExtractionTests", dependencies: ["KBExtraction", "KBSyntax", "KBModel", "KBCore"], exclude: ["Fixtures"]),
        .testTarget(name: "KBLinkingTests", dependencies: ["KBLinking", "KBExtraction", "KBModel", "KBCore"]),
        .testTarget(name: "KBRenderingTests", dependencies: ["KBRendering", "KBLinking", "KBExtraction", "KBModel", "KBCore"]),
        .testTarget(name: "KBCommandLineTests", dependencies: ["KBCommandLine", "KBExtraction", "KBModel", "KBRendering", "KBCore"]),
    ]
)
