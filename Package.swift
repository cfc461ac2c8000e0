// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "segctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "segctl", targets: ["segctl"]),
        .executable(name: "segments-server", targets: ["segments-server"]),
        .library(name: "SegmentsCore", targets: ["SegmentsCore"]),
        .library(name: "SegmentsDisk", targets: ["SegmentsDisk"]),
        .library(name: "SegmentsClient", targets: ["SegmentsClient"]),
        .library(name: "SegmentsServer", targets: ["SegmentsServer"]),
        // Only for the libFuzzer package in Fuzz/, which can use a library of this package only
        // through a product; nothing installs it (see "Fuzzing" in the README).
        .library(name: "SegmentsFuzzing", targets: ["SegmentsFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.25.0"),
    ],
    targets: [
        // libyaml from the system (Debian: libyaml-dev); parsed at the event level for speed and exact marks.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "SegmentsCore",
            dependencies: [
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The disk edge: the C library behind one platform file, bounded reads, atomic and
        // locked writes, and the repository on disk; the core above works on values.
        .target(
            name: "SegmentsDisk",
            dependencies: ["SegmentsCore"]
        ),
        .target(
            name: "SegmentsClient",
            dependencies: [
                "SegmentsCore",
                "SegmentsDisk",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SegmentsServer",
            dependencies: [
                "SegmentsCore",
                "SegmentsDisk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The invariants of every entry point that reads untrusted bytes, one check per entry
        // point: run by the fuzz targets in Fuzz/ and, on the kept corpus, by `swift test`.
        .target(
            name: "SegmentsFuzzing",
            dependencies: [
                "SegmentsCore",
                "SegmentsClient",
                "SegmentsServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "segctl",
            dependencies: [
                "SegmentsCore",
                "SegmentsDisk",
                "SegmentsClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: [.plugin(name: "BuildInfoPlugin")]
        ),
        // `segctl --version`: the version in VERSION plus the git commit, generated at build time.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["BuildInfoGenerator"]),
        .executableTarget(name: "BuildInfoGenerator"),
        .executableTarget(
            name: "segments-server",
            dependencies: [
                "SegmentsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SegmentsCoreTests",
            dependencies: ["SegmentsCore", "SegmentsTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SegmentsDiskTests",
            dependencies: ["SegmentsCore", "SegmentsDisk", "SegmentsTestSupport"]
        ),
        .testTarget(
            name: "SegmentsServerTests",
            dependencies: [
                "SegmentsCore",
                "SegmentsServer",
                "SegmentsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Servers the end-to-end tests run against: the real segments-server in process, a
        // fault-injecting proxy in front of it, and a ConfigCat-compatible server.
        .target(
            name: "SegmentsTestSupport",
            dependencies: [
                "SegmentsCore",
                "SegmentsServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/SegmentsTestSupport"
        ),
        .testTarget(
            name: "SegmentsClientTests",
            dependencies: [
                "SegmentsCore",
                "SegmentsClient",
                "SegmentsTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SegmentsFuzzingTests",
            dependencies: ["SegmentsFuzzing"],
            exclude: ["Corpus", "Findings"]
        ),
        .testTarget(
            name: "SegctlTests",
            dependencies: ["segctl", "segments-server", "SegmentsTestSupport"],
            exclude: ["Snapshots"]
        ),
    ]
)
