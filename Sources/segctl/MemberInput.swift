import Foundation

/// Lines of IDs: one per line, blank lines and `#` comments ignored.
enum MemberInput {
    static func parse(_ text: String, source: String) -> [(id: String, place: String)] {
        var result: [(String, String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            result.append((line, "\(source):\(index + 1)"))
        }
        return result
    }
}
