import Foundation
import SegmentsCore

/// Locates fixture files next to the tests and reads their declared expectations.
enum Fixtures {
    /// The `Fixtures` directory of this test target.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Names of the files in a fixture subdirectory, sorted.
    static func names(in subdirectory: String, suffix: String = ".yaml") -> [String] {
        let url = directory.appendingPathComponent(subdirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The bytes of a fixture file.
    static func bytes(_ subdirectory: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(subdirectory).appendingPathComponent(name)))
    }

    /// The diagnostics a fixture declares in `# expect: <severity> <line>:<col> <rule> <message>` comments.
    static func expectations(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard line.hasPrefix("# expect: ") else { return nil }
            return String(line.dropFirst("# expect: ".count))
        }
    }

    /// A diagnostic in the form fixtures declare it.
    static func describe(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
        return "\(diagnostic.severity.rawValue) \(place) \(diagnostic.rule) \(diagnostic.message)"
    }
}

/// Compares text with a golden file; set SEGCTL_UPDATE_GOLDEN=1 to rewrite the golden file.
enum Golden {
    static func check(_ actual: String, against name: String) throws -> (expected: String, actual: String) {
        let url = Fixtures.directory.appendingPathComponent("golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SEGCTL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden file \(name)>"
        return (expected, actual)
    }
}
