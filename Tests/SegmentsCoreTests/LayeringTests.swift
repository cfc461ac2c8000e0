import Foundation
import Testing

/// The core's stage folders depend forward only: a folder may use the types of the folders
/// before it in `order`, never those after (README, Design). Read from the sources, so a
/// backward use fails here before review.
struct LayeringTests {
    static let order = ["Diagnostics", "Model", "Loading", "Validation", "Targets", "Editing", "Planning", "Reporting", "Workflows"]
    static let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SegmentsCore")

    /// Every Swift file of a folder, recursively, with its text.
    static func sources(_ folder: String) throws -> [(name: String, text: String)] {
        let url = core.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try paths.sorted().map { ($0, try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The names of the types a text declares; top-level ones only when `topLevel`.
    static func declared(in text: String, topLevel: Bool) -> Set<String> {
        let pattern = topLevel
            ? #"(?m)^(?:public |internal )?(?:final )?(?:indirect )?(?:struct|enum|class|protocol|actor) +(\w+)"#
            : #"(?m)^\s*(?:public |internal |private |fileprivate )?(?:final )?(?:indirect )?(?:struct|enum|class|protocol|actor) +(\w+)"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) })
    }

    @Test func stagesDependForwardOnly() throws {
        var owner: [String: String] = [:]
        for folder in Self.order {
            for source in try Self.sources(folder) {
                for name in Self.declared(in: source.text, topLevel: true) { owner[name] = folder }
            }
        }
        #expect(owner.count > 100, "the sources were found")
        var backward: [String] = []
        for (position, folder) in Self.order.enumerated() {
            let later = Set(Self.order[(position + 1)...])
            for source in try Self.sources(folder) {
                let own = Self.declared(in: source.text, topLevel: false)
                let code = source.text.replacingOccurrences(of: #"//.*"#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #""(?:[^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression)
                let words = Set(code.split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init))
                for word in words.subtracting(own) {
                    if let home = owner[word], later.contains(home) { backward.append("\(folder)/\(source.name) uses \(word) from \(home)") }
                }
            }
        }
        #expect(backward.isEmpty, "\(backward.sorted())")
        #expect(!FileManager.default.fileExists(atPath: Self.core.appendingPathComponent("Loading/FileSystem.swift").path), "disk access lives in SegmentsDisk")
    }

    /// segctl links FoundationEssentials only: the whole of Foundation would bring ICU's data
    /// (34 MB of a 75 MiB binary). Every `import Foundation` of segctl's modules is the
    /// fallback of a `#if canImport(FoundationEssentials)` (for platforms without it).
    @Test func segctlNeverImportsTheWholeOfFoundation() throws {
        let sources = Self.core.deletingLastPathComponent()
        var offenders: [String] = []
        for module in ["SegmentsCore", "SegmentsClient", "SegmentsDisk", "segctl"] {
            let url = sources.appendingPathComponent(module)
            let paths = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for path in paths {
                let lines = try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() where line.hasPrefix("import Foundation") || line.contains(" import Foundation") {
                    let guarded = index >= 3 && lines[index - 3] == "#if canImport(FoundationEssentials)" && lines[index - 1] == "#else"
                    if !guarded && !line.hasPrefix("import FoundationEssentials") { offenders.append("\(module)/\(path):\(index + 1)") }
                }
            }
        }
        #expect(offenders.isEmpty, "imports of the whole of Foundation: \(offenders.sorted())")
    }
}
