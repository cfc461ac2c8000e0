import Crypto

/// The remote state a plan was computed against: every segment's ID, name and `updatedAt`.
/// A saved plan is stale when the live fingerprint differs.
public struct RemoteFingerprint: Hashable, Sendable {
    /// One remote segment's identity and version.
    public struct Entry: Hashable, Sendable {
        /// The segment's ID.
        public var id: String
        /// Its name, for messages.
        public var name: String
        /// Its version.
        public var updatedAt: String

        /// Creates an entry.
        public init(id: String, name: String, updatedAt: String) {
            self.id = id
            self.name = name
            self.updatedAt = updatedAt
        }
    }

    /// The entries, sorted by ID.
    public var entries: [Entry]

    /// The fingerprint of `segments`.
    public init(_ segments: [RemoteSegment]) {
        entries = segments.map { Entry(id: $0.id, name: $0.name, updatedAt: $0.updatedAt) }.sorted { $0.id < $1.id }
    }

    /// A fingerprint from saved entries.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.id < $1.id }
    }

    /// A SHA-256 over the IDs and versions.
    public var digest: String {
        var hasher = SHA256()
        for entry in entries {
            hasher.update(data: Array(entry.id.utf8) + [0] + Array(entry.updatedAt.utf8) + [0])
        }
        return Digest.hex(hasher.finalize())
    }

    /// Sentences saying how `current` differs from this fingerprint; empty when it does not.
    /// An ID listed twice (by a broken server) counts with its first entry.
    public func differences(from current: RemoteFingerprint) -> [String] {
        let old = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(current.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [String] = []
        for entry in current.entries {
            if let before = old[entry.id] {
                if before.updatedAt != entry.updatedAt {
                    result.append("segment '\(entry.name)' (\(entry.id)) changed remotely: updatedAt \(before.updatedAt) -> \(entry.updatedAt)")
                }
            } else {
                result.append("segment '\(entry.name)' (\(entry.id)) was created remotely")
            }
        }
        for entry in entries where new[entry.id] == nil {
            result.append("segment '\(entry.name)' (\(entry.id)) was deleted remotely")
        }
        return result
    }
}
