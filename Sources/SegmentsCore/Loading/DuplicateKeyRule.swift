/// A mapping that sets one key twice. YAML parsers keep the last value silently; a reviewer
/// would read the first, so segctl refuses both and names both lines.
public enum DuplicateKeyRule {
    /// The rule's identifier.
    public static let id = "duplicate-key"

    /// Checks the mapping at `index` of `document` for repeated scalar keys.
    public static func check(_ document: YAMLDocument, mapping index: Int, file: String, into diagnostics: inout DiagnosticList) {
        let pairs = document.pairs(of: index)
        let keys = pairs.lazy.map(\.key).filter { document.nodes[$0].kind == .scalar }
        if pairs.count <= smallMapping {
            // A few keys (a file's fields, an item's `id` and `expires`): comparing each with
            // the ones before it is cheaper than hashing them, and allocates nothing.
            for (position, key) in keys.enumerated() {
                let value = document.nodes[key].value
                if let first = keys.prefix(position).first(where: { document.nodes[$0].value == value }) {
                    report(document[key], first: document.nodes[first].start, file: file, into: &diagnostics)
                }
            }
            return
        }
        var seen: [String: YAMLMark] = [:]
        for key in keys {
            let node = document[key]
            if let first = seen[node.value] {
                report(node, first: first, file: file, into: &diagnostics)
            } else {
                seen[node.value] = node.start
            }
        }
    }

    /// Mappings with at most this many keys are checked without hashing.
    static let smallMapping = 16

    private static func report(_ node: YAMLDocument.Node, first: YAMLMark, file: String, into diagnostics: inout DiagnosticList) {
        diagnostics.append(.error) {
            let key = UnknownKeyRule.excerpt(node.value)
            return .error(
                id,
                "duplicate key '\(key)': first set at line \(first.line), set again at line \(node.start.line); YAML would silently keep only the last one",
                at: SourceLocation(file: file, mark: node.start),
                notes: [.init("first '\(key)' is here", at: SourceLocation(file: file, mark: first))])
        }
    }
}
