// swift-tools-version:6.1
import PackageDescription

// The libFuzzer entry points, one executable per entry point of segctl that reads untrusted
// bytes. Built only by scripts/fuzz, which compiles every Swift module with AddressSanitizer
// and libFuzzer's coverage instrumentation (-Xswiftc) and links libFuzzer's driver; the root
// package's `swift build` and `swift test` never see this package. The checks themselves live
// in the root package's SegmentsFuzzing library, which `swift test` also runs on the kept
// corpus (Tests/SegmentsFuzzingTests).
let entryPoints = ["validate", "config", "plan", "responses", "members", "fmt", "server"]

let package = Package(
    name: "segctl-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "segctl", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(
            name: "LibFuzzerDriver",
            dependencies: ["CLibFuzzer"],
            // libFuzzer is C++; its archive (libclang_rt.fuzzer_no_main) is passed by scripts/fuzz.
            linkerSettings: [.linkedLibrary("stdc++")]
        ),
    ] + entryPoints.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["LibFuzzerDriver", .product(name: "SegmentsFuzzing", package: "segctl")]
        )
    }
)
