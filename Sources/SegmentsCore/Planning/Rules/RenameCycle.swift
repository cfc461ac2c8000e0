/// Renames that each need the next one's name, in a cycle no order can untangle.
public enum RenameCycle {
    /// The rule's identifier.
    public static let id = "rename-cycle"

    /// The problem for the `names` in the cycle, in order.
    static func problem(names: [String]) -> Diagnostic {
        let chain = names.map { "'\(UntrustedText.escaped($0))'" }.joined(separator: " -> ")
        return .error(id, "renames form a cycle (\(chain)); rename one of them to a temporary name first, apply, then finish", at: nil)
    }
}
