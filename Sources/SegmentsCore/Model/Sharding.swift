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
        let hash = item.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(item.utf8)
        return Int(hash % UInt64(max(count, 1)))
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
