// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nashra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nashra", targets: ["nashra"]),
        .library(name: "Nashra", targets: ["Nashra"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The whole pipeline: content in → site model → render → write. No server code here.
        .target(
            name: "Nashra",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedTheme"]
        ),
        .executableTarget(name: "nashra-embed-theme", path: "Sources/nashra-embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["nashra-embed-theme"]),
        .executableTarget(
            name: "nashra",
            dependencies: [
                "Nashra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixture sites live in Tests/Fixtures and are found from #filePath.
        // The CLI is a dependency so that end-to-end tests can run the real binary.
        .testTarget(
            name: "NashraTests",
            dependencies: ["Nashra", "nashra"],
            exclude: []
        ),
    ]
)
