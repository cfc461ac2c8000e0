/// The one order segctl writes member IDs in: byte-wise on UTF-8, so it is the same on every
/// machine and for every tool.
public enum MemberOrder {
    /// Whether `a` sorts before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let count = min(left.count, right.count)
                var index = 0
                while index < count {
                    if left[index] != right[index] { return left[index] < right[index] }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }

    /// Whether `items` are in order (duplicates allowed).
    public static func isSorted(_ items: [String]) -> Bool {
        zip(items, items.dropFirst()).allSatisfy { !precedes($1, $0) }
    }
}
