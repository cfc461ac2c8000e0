import Foundation
import SegmentsFuzzing
import Testing

/// Every input the fuzzers found worth keeping (the minimised corpus in `Corpus/TARGET`) and
/// every past finding (`Findings/TARGET`) still keeps its target's invariant, so CI checks
/// them without a fuzzer. `scripts/fuzz` writes both directories. The server's inputs, kept
/// and past findings alike, run in one test, one at a time: they share one router and its
/// database.
@Suite struct KeptInputTests {
    /// One kept input.
    struct KeptInput: Sendable, CustomTestStringConvertible {
        /// The target whose invariant it is checked against.
        var target: FuzzTarget
        /// `Corpus/validate/3f2a...` or `Findings/plan/duplicate-remote-ids`.
        var path: String

        var testDescription: String { path }
    }

    /// This test target's directory.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The kept inputs under `kind` (`Corpus` or `Findings`) of `targets`, by target, sorted.
    static func inputs(_ kind: String, of targets: [FuzzTarget] = FuzzTarget.allCases) -> [KeptInput] {
        targets.flatMap { target in
            let folder = "\(kind)/\(target.rawValue)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { KeptInput(target: target, path: "\(folder)/\($0)") }
        }
    }

    static func run(_ input: KeptInput) async throws {
        let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(input.path)))
        do {
            try await input.target.check(bytes)
        } catch {
            Issue.record("\(input.path): \(error)")
        }
    }

    /// One at a time: thousands of inputs at once starved the suite's timing-sensitive network
    /// tests of CPU (a response slower than a client's timeout was retried).
    @Test(.serialized, arguments: inputs("Corpus", of: FuzzTarget.allCases.filter { $0 != .server }))
    func corpusInputKeepsTheInvariant(_ input: KeptInput) async throws {
        try await Self.run(input)
    }

    @Test(.serialized, arguments: inputs("Corpus", of: [.server]) + inputs("Findings", of: [.server]))
    func serverInputKeepsTheInvariant(_ input: KeptInput) async throws {
        try await Self.run(input)
    }

    @Test(arguments: inputs("Findings", of: FuzzTarget.allCases.filter { $0 != .server }))
    func pastFindingKeepsTheInvariant(_ input: KeptInput) async throws {
        try await Self.run(input)
    }

    @Test func everyTargetHasAKeptCorpus() {
        let targets = Set(Self.inputs("Corpus").map(\.target))
        #expect(targets == Set(FuzzTarget.allCases), "targets without a kept corpus: \(Set(FuzzTarget.allCases).subtracting(targets))")
    }
}
