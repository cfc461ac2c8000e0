/// Segments too big for one remote segment, split into N shards named `Name [k/N]`.
///
/// An item's shard comes from a stable hash of its UTF-8 bytes: 64-bit FNV-1a, modulo N. The
/// split depends on nothing but the item and N, so adding or removing one item touches exactly
/// one shard, and every machine splits the same way.
public enum Sharding {
    /// The most shards a file may ask for.
    public static let maxShards = 100

    /// The 0-based shard of `item` among `count`.
    public static func shard(of item: String, count: Int) -> Int {
        Int(hash(of: item) % UInt64(max(count, 1)))
    }

    /// The hash that places `item`: FNV-1a of its UTF-8 bytes.
    static func hash(of item: String) -> UInt64 {
        item.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(item.utf8)
    }

    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `items` split into `count` shards, each keeping the items' order.
    public static func split(_ items: [String], count: Int) -> [[String]] {
        var shards = [[String]](repeating: [], count: count)
        for item in items { shards[shard(of: item, count: count)].append(item) }
        return shards
    }

    /// How big one list is, as the target's limits count it.
    public struct Size: Equatable, Sendable {
        /// Items in the list.
        public var items = 0
        /// Unicode scalars of the items joined with commas.
        public var joinedLength = 0
    }

    /// Items measured once (hash and length of each), to size their shards for any count
    /// without splitting them.
    public struct Measured: Sendable {
        /// Each item's FNV-1a hash.
        var hashes: [UInt64]
        /// Each item's length in Unicode scalars.
        var lengths: [Int]

        /// Measures `items`.
        public init(_ items: [String]) {
            hashes = items.map(Sharding.hash(of:))
            lengths = items.map { $0.scalarCount }
        }

        /// The size of each of `count` shards: what `split(_:count:)` would give, measured.
        public func sizes(count: Int) -> [Size] {
            var sizes = [Size](repeating: Size(), count: count)
            let divisor = UInt64(max(count, 1))
            for (hash, length) in zip(hashes, lengths) {
                let shard = Int(hash % divisor)
                sizes[shard].items += 1
                sizes[shard].joinedLength += length
            }
            for index in sizes.indices where sizes[index].items > 1 { sizes[index].joinedLength += sizes[index].items - 1 }
            return sizes
        }
    }

    /// `Beta Users [2/4]`: the remote name of 0-based shard `index` of `count`.
    public static func name(of logical: String, index: Int, count: Int) -> String {
        "\(logical) [\(index + 1)/\(count)]"
    }

    /// The logical name, 0-based index and count of a shard's remote name, or nil.
    public static func parse(_ name: String) -> (logical: String, index: Int, count: Int)? {
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "["), open > name.startIndex,
              name[name.index(before: open)] == " " else { return nil }
        let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
        let parts = inner.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), (1...maxShards).contains(n), (1...n).contains(k),
              String(k) == parts[0], String(n) == parts[1] else { return nil }
        return (String(name[..<name.index(before: open)]), k - 1, n)
    }
}
