/// Several remote segments have the name an unpinned file declares (ConfigCat allows it).
public enum AmbiguousName {
    /// The rule's identifier.
    public static let id = "ambiguous-name"

    /// The problem for `declaration`, whose name several `candidates` have.
    static func problem(_ declaration: SegmentDeclaration, candidates: [RemoteSegment]) -> Diagnostic {
        let ids = candidates.map { UntrustedText.escaped($0.id) }.sorted().joined(separator: ", ")
        return .error(id, "\(candidates.count) remote segments are named '\(UntrustedText.escaped(declaration.name))' (\(ids)); pin the one \(declaration.file) manages with 'id:'", at: nil)
    }
}
