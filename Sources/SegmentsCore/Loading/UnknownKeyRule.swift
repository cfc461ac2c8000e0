/// A key the file format does not have, usually a typo; the message suggests the nearest key.
public enum UnknownKeyRule {
    /// The rule's identifier.
    public static let id = "unknown-key"

    /// The diagnostic for `key` at `location`, given the keys that are allowed there.
    /// `otherTargetKeys` are keys of the other target's format, which get a pointed message.
    public static func diagnostic(
        key: String, allowed: [String], otherTargetKeys: [String: TargetKind] = [:],
        currentTarget: TargetKind? = nil, context: String, at location: SourceLocation
    ) -> Diagnostic {
        let shown = excerpt(key)
        if let other = otherTargetKeys[key], let currentTarget {
            return .error(
                id,
                "'\(shown)' is a key of \(other.rawValue) segment files, but this repository's api.kind is \(currentTarget.rawValue)",
                at: location)
        }
        var message = "unknown key '\(shown)' in \(context)"
        if let suggestion = suggestion(for: key, among: allowed) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; allowed keys: \(allowed.joined(separator: ", "))"
        }
        return .error(id, message, at: location)
    }

    /// The longest excerpt of a file's text that a message repeats.
    public static let excerptLength = 24

    /// `text` cut to `excerptLength` characters (with an ellipsis) and with control characters
    /// escaped: an unknown key may be a line of a file that was never meant to be read, such
    /// as a password file passed by mistake, and must not be echoed whole.
    public static func excerpt(_ text: String) -> String {
        let cut = text.count > excerptLength ? String(text.prefix(excerptLength)) + "…" : text
        return UntrustedText.escaped(cut)
    }

    /// The allowed key closest to `key`: same letters in another case, or within a small edit distance.
    public static func suggestion(for key: String, among allowed: [String]) -> String? {
        // A key far longer than every allowed one is no typo of them.
        guard key.utf8.count <= (allowed.map(\.utf8.count).max() ?? 0) * 2 + 3 else { return nil }
        let lowered = key.lowercased()
        if let sameLetters = allowed.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        let scored = allowed.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(1, min(3, best.0.count / 3))
        return best.1 <= limit ? best.0 : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
