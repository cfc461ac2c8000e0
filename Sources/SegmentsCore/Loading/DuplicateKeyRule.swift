/// A mapping that sets one key twice. YAML parsers keep the last value silently; a reviewer
/// would read the first, so segctl refuses both and names both lines.
public enum DuplicateKeyRule {
    /// The rule's identifier.
    public static let id = "duplicate-key"

    /// Checks the mapping at `index` of `document` for repeated scalar keys.
    public static func check(_ document: YAMLDocument, mapping index: Int, file: String, into diagnostics: inout DiagnosticList) {
        let pairs = document.pairs(of: index)
        if pairs.count <= smallMapping {
            // A few keys (a file's fields, an item's `id` and `expires`): comparing each with
            // the ones before it is cheaper than hashing them, and allocates nothing.
            let nodes = document.nodes
            for position in pairs.indices {
                let key = pairs[position].key
                guard nodes.kind(key) == .scalar else { continue }
                for earlier in pairs.startIndex..<position {
                    let first = pairs[earlier].key
                    if nodes.kind(first) == .scalar, nodes.value(first) == nodes.value(key) {
                        report(document[key], first: nodes.start(first), file: file, into: &diagnostics)
                        break
                    }
                }
            }
            return
        }
        var seen: [String: YAMLMark] = [:]
        for position in pairs.indices {
            let node = document[pairs[position].key]
            guard node.kind == .scalar else { continue }
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
