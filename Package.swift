// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The compiler flags for libvips' headers (glib's folders among them), from pkg-config; none if
/// pkg-config or libvips-dev is missing, and the compiler then says which header it cannot find.
let vipsCompilerFlags: [String] = {
    let pkgConfig = Process()
    pkgConfig.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    pkgConfig.arguments = ["pkg-config", "--cflags", "vips"]
    let output = Pipe()
    pkgConfig.standardOutput = output
    pkgConfig.standardError = FileHandle.nullDevice
    guard (try? pkgConfig.run()) != nil else { return [] }
    let flags = output.fileHandleForReading.readDataToEndOfFile()
    pkgConfig.waitUntilExit()
    guard pkgConfig.terminationStatus == 0 else { return [] }
    return String(decoding: flags, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
}()

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
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libvips from the system (Debian: libvips-dev), for photos. Swift reaches it only through
        // CVips, whose plain C functions stand in for libvips' variadic ones. CVips is compiled
        // against libvips' headers but opens the library only when a photo is processed: linked,
        // its hundred libraries would be loaded by every run of nashra (see vips_shim.c).
        .target(name: "CVips", cSettings: [.unsafeFlags(vipsCompilerFlags)], linkerSettings: [.linkedLibrary("dl")]),
        // The bottom layer every other target may use, and which uses none of them: diagnostics,
        // file I/O and stamps, path keys, hashing, parallel helpers, media types, dates.
        .target(name: "NashraCore"),
        // The whole pipeline: content in → site model → render → write. No server code here.
        .target(
            name: "Nashra",
            dependencies: [
                "NashraCore",
                "CCmark",
                "CVips",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedTheme"]
        ),
        // `nashra serve`: preview server with live reload, on top of the pipeline.
        .target(
            name: "NashraServe",
            dependencies: [
                "NashraCore",
                "Nashra",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `nashra deploy`: publishing a built site folder to static hosting.
        .target(
            name: "NashraDeploy",
            dependencies: [
                "NashraCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nashra",
            dependencies: [
                "NashraCore",
                "Nashra",
                "NashraServe",
                "NashraDeploy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "nashra-embed-theme", path: "Sources/nashra-embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["nashra-embed-theme"]),
        // Fixture sites live in Tests/Fixtures and are found from #filePath.
        // The CLI is a dependency so that end-to-end tests can run the real binary.
        .testTarget(name: "NashraCoreTests", dependencies: ["NashraCore"]),
        .testTarget(
            name: "NashraTests",
            // swift-mustache is the reference the compiled templates are compared with.
            dependencies: ["Nashra", "nashra", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "NashraServeTests",
            dependencies: [
                "NashraServe",
                "nashra",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // Driven by a Swift test through Process: a real Chromium checks the live reload.
            exclude: ["Browser/live_reload_browser.py", "Browser/contrast_browser.py", "Browser/search_browser.py"]
        ),
        .testTarget(
            name: "NashraDeployTests",
            dependencies: ["NashraDeploy", "Nashra", "nashra"]
        ),
    ]
)
