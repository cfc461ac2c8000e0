import Foundation
@testable import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// Times one decoder on a generated platform list of the size at scale (by default 100,000
/// segments holding 10,000,000 member IDs, about 225 MB). Run by `scripts/bench-decode` in a
/// release build, one decoder per process so each peak memory figure is its own; skipped in
/// ordinary test runs.
struct DecodeBenchmark {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["SEGCTL_BENCH_DECODER"] != nil))
    func decodeAListAtScale() throws {
        let decoder = Self.environment["SEGCTL_BENCH_DECODER"] ?? ""
        let segments = Int(Self.environment["SEGCTL_BENCH_SEGMENTS"] ?? "") ?? 100_000
        let ids = Int(Self.environment["SEGCTL_BENCH_IDS"] ?? "") ?? 10_000_000
        let body = Self.body(segments: segments, ids: ids)
        let baseline = Self.peakResidentBytes()
        let clock = ContinuousClock()
        let started = clock.now
        let decoded: [RemoteSegment]
        switch decoder {
        case "foundation":
            decoded = try JSONDecoder().decode([PlatformWireFormat.Segment].self, from: Data(body)).map(\.remote)
        case "scanner":
            decoded = try body.withUnsafeBytes { try PlatformListDecoder.decode($0) }
        default:
            Issue.record("SEGCTL_BENCH_DECODER must be foundation or scanner, not '\(decoder)'")
            return
        }
        let elapsed = clock.now - started
        let members = decoded.reduce(0) { $0 + ($1.state["userIds"].listItems?.count ?? 0) + ($1.state["companyIds"].listItems?.count ?? 0) }
        #expect(decoded.count == segments && members == ids)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1e6) }
        print(String(
            format: "bench-decode %@: %@ body, %d segments, %d member IDs: %.2f s (%.0f MB/s), peak RSS %@ (%@ above the body's)",
            decoder, megabytes(body.count), decoded.count, members, seconds, Double(body.count) / 1e6 / seconds,
            megabytes(Self.peakResidentBytes()), megabytes(Self.peakResidentBytes() - baseline)))
    }

    /// A list as segments-server writes it: `segments` objects sharing `ids` member IDs
    /// (four user IDs for each company ID), sizes spread unevenly, the same for every run.
    static func body(segments: Int, ids: Int) -> [UInt8] {
        var random = SeededRandom(seed: 42)
        // Uneven sizes: a random weight per segment, scaled so the total is exactly `ids`.
        let weights = (0..<segments).map { _ in pow(Double.random(in: 0.001...1, using: &random), 3) }
        let total = weights.reduce(0, +)
        var sizes = weights.map { Int($0 / total * Double(ids)) }
        sizes[0] += ids - sizes.reduce(0, +)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(ids * 22 + segments * 220)
        func id(_ prefix: String, _ length: Int) {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: prefix.utf8)
            for _ in 0..<length { out.append(alphabet[Int(random.next() % 36)]) }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "["))
        for (index, size) in sizes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"id":"#.utf8)
            id("c", 24)
            out.append(contentsOf: #","name":"segment-\#(index)","description":"Synthetic segment \#(index) for the decode benchmark","isActive":true,"userIds":["#.utf8)
            let companies = size / 5
            for member in 0..<(size - companies) {
                if member > 0 { out.append(UInt8(ascii: ",")) }
                id("user-", 12)
            }
            out.append(contentsOf: #"],"companyIds":["#.utf8)
            for member in 0..<companies {
                if member > 0 { out.append(UInt8(ascii: ",")) }
                id("company-", 9)
            }
            out.append(contentsOf: #"],"createdAt":"2025-12-01T00:00:00.000Z","updatedAt":"2025-12-02T00:00:00.000Z"}"#.utf8)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// The process's peak resident memory so far (Linux `VmHWM`), in bytes; 0 elsewhere.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) else { return 0 }
        return kilobytes * 1024
    }
}
