/// A create or rename that needs a name another remote segment keeps (where names are unique).
public enum NameConflict {
    /// The rule's identifier.
    public static let id = "name-conflict"

    /// The problem for `change`, which needs `name`, held by `holderID`.
    static func problem(_ change: Change, name: String, holderID: String) -> Diagnostic {
        .error(id, "'\(UntrustedText.escaped(change.name))' cannot become '\(UntrustedText.escaped(name))': remote segment \(UntrustedText.escaped(holderID)) keeps that name; rename or delete it first", at: nil)
    }
}
