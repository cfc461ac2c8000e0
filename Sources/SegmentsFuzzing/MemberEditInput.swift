import SegmentsCore

/// A fuzz input for the member editor, readable as text:
///
/// ```
/// platform add companies expires=2026-12-31
/// user-1
/// user-2
/// ---8<---
/// name: beta-testers
/// userIds: [user-1]
/// ```
///
/// The first line chooses the target (`platform`, the default, or `configcat`), the operation
/// (`add`, the default, `remove` or `set`), the company list (`companies`) and an expiry for
/// added IDs (`expires=...`); each word is optional and unknown words are ignored. The IDs
/// follow as `members set --stdin` reads them (`MemberInput`), then a `---8<---` line, then the
/// segment file.
struct MemberEditInput {
    /// The line between the IDs and the file.
    static let separator = Array("\n---8<---\n".utf8)

    /// Which target's files.
    var target: TargetKind
    /// The operation, with its IDs.
    var operation: MemberListEditor.Operation
    /// The IDs given.
    var ids: [String]
    /// Whether the company list is edited.
    var companies: Bool
    /// The segment file.
    var file: [UInt8]

    /// Reads an input; nil when it has no separator.
    init?(_ bytes: [UInt8]) {
        guard let split = Self.firstIndex(of: Self.separator, in: bytes) else { return nil }
        let head = bytes[..<split]
        file = Array(bytes[(split + Self.separator.count)...])
        let headerEnd = head.firstIndex(of: UInt8(ascii: "\n")) ?? head.endIndex
        let words = String(decoding: head[..<headerEnd], as: UTF8.self).split(separator: " ").map(String.init)
        target = words.contains("configcat") ? .configcat : .platform
        companies = words.contains("companies")
        let expires = words.first { $0.hasPrefix("expires=") }.flatMap { Timestamp(String($0.dropFirst("expires=".count))) }
        ids = MemberInput.parse(Array(head[headerEnd...].dropFirst()), source: "ids").map(\.id)
        if words.contains("remove") {
            operation = .remove(ids)
        } else if words.contains("set") {
            operation = .set(ids)
        } else {
            operation = .add(ids, expires: expires)
        }
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
