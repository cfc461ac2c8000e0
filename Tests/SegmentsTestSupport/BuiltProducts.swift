import Foundation

/// The executables this package builds, found next to the running test bundle, so tests run
/// `segctl` and `segments-server` the way a user does.
public enum BuiltProducts {
    /// The build's products directory: the nearest ancestor of the test bundle holding `segctl`,
    /// or `SEGCTL_TEST_PRODUCTS` when set (a benchmark running release binaries from a debug
    /// test build).
    public static let directory: URL = {
        if let products = ProcessInfo.processInfo.environment["SEGCTL_TEST_PRODUCTS"], !products.isEmpty {
            return URL(fileURLWithPath: products)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: url.appendingPathComponent("segctl").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    /// The path of the built executable `name`.
    public static func path(of name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}
