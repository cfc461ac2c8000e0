/// A mapping that sets one key twice. YAML parsers keep the last value silently; a reviewer
/// would read the first, so segctl refuses both and names both lines.
public enum DuplicateKeyRule {
    /// The rule's identifier.
    public static let id = "duplicate-key"

    /// Checks the mapping at `index` of `document` for repeated scalar keys.
    public static func check(_ document: YAMLDocument, mapping index: Int, file: String, into diagnostics: inout DiagnosticList) {
        var seen: [String: YAMLMark] = [:]
        for (key, _) in document.pairs(of: index) {
            let node = document[key]
            guard node.kind == .scalar else { continue }
            if let first = seen[node.value] {
                diagnostics.append(.error) {
                    let key = UnknownKeyRule.excerpt(node.value)
                    return .error(
                        id,
                        "duplicate key '\(key)': first set at line \(first.line), set again at line \(node.start.line); YAML would silently keep only the last one",
                        at: SourceLocation(file: file, mark: node.start),
                        notes: [.init("first '\(key)' is here", at: SourceLocation(file: file, mark: first))])
                }
            } else {
                seen[node.value] = node.start
            }
        }
    }
}
