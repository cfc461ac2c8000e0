/// An update that removes more than half of a segment's members (at least `minimum` of them),
/// or all of them, without `--allow-mass-removal`: a scheduled job fed by a failed or wrong
/// query would otherwise take access away from everyone.
public enum MassRemoval {
    /// The rule's identifier.
    public static let id = "mass-removal"
    /// Removals below this count are never mass removals.
    public static let minimum = 10

    /// Whether removing `removed` of `before` members is a mass removal.
    public static func applies(removed: Int, before: Int) -> Bool {
        removed >= minimum && (removed == before || removed * 2 > before)
    }

    /// The problem for `change`'s `member` list, if it is a mass removal.
    static func problem(_ change: Change, _ member: Change.MemberChange) -> Diagnostic? {
        guard applies(removed: member.removed.count, before: member.countBefore) else { return nil }
        return problem(segment: change.name, key: member.key, removed: member.removed.count, before: member.countBefore, file: change.file)
    }

    /// The problem of removing `removed` of the `before` members of list `key` of `segment`.
    static func problem(segment: String, key: String, removed: Int, before: Int, file: String?) -> Diagnostic {
        let extent = removed == before ? "all \(before)" : "\(removed) of \(before)"
        return .error(id, "refusing to remove \(extent) members of '\(UntrustedText.escaped(segment))' (\(key)), more than half; if that is intended, run again with --allow-mass-removal", at: file.map { SourceLocation(file: $0, line: 1, column: 1) })
    }
}
