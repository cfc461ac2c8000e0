/// `segctl members prune-expired`: the edits that remove every item whose expiry has come.
public enum ExpiredMembers {
    /// One list's expired IDs.
    public struct Removal: Sendable {
        /// The segment's name.
        public var segment: String
        /// The list.
        public var key: String
        /// The IDs to remove: every listing of each has expired.
        public var ids: [String]
    }

    /// The removals for `segments` (every segment when empty) at `instant`; throws when a
    /// named segment is not declared.
    public static func removals(in contents: RepositoryContents, segments: [String], asOf instant: Timestamp) throws(SegctlError) -> [Removal] {
        let declared = contents.validate().segments
        for name in segments where !declared.contains(where: { $0.name == name }) {
            throw .failed("no segment file declares '\(name)'")
        }
        var removals: [Removal] = []
        for declaration in declared where segments.isEmpty || segments.contains(declaration.name) {
            for key in declaration.expiries.keys.sorted() {
                let expired = declaration.expiredItems(in: key, asOf: instant)
                guard !expired.isEmpty else { continue }
                // An ID also listed without an expiry (or with a later one) stays.
                let current = Set(declaration.state(asOf: instant)[key].listItems ?? [])
                let ids = expired.keys.filter { !current.contains($0) }.sorted(by: MemberOrder.precedes)
                if !ids.isEmpty { removals.append(Removal(segment: declaration.name, key: key, ids: ids)) }
            }
        }
        return removals
    }
}
