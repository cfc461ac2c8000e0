#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A segment's user or company IDs, in the order the client gave them.
///
/// Lists are sets to the platform, so a repeated ID is dropped and its first occurrence kept.
/// The list is kept as the JSON array it is stored and served as: it is always read and
/// written whole, and a list of 1,000 segments is then served without decoding any of them.
struct MemberList: Hashable, Sendable {
    /// The IDs as a compact JSON array of strings.
    let json: String

    /// A list of `ids`, without repeats.
    init(_ ids: [String]) {
        var seen = Set<String>(minimumCapacity: ids.count)
        var writer = JSONWriter(capacity: ids.count * 16 + 2)
        writer.array { array in
            for id in ids where seen.insert(id).inserted {
                array.string(id)
            }
        }
        json = String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A list from JSON this type wrote earlier (a stored row).
    init(storedJSON: String) {
        json = storedJSON
    }

    /// The empty list.
    static let empty = MemberList([])

    /// The IDs, decoded; throws only if the stored text was altered outside this server.
    func decoded() throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
