/// What to tell a team whose remote segments hold IDs their configured formats reject: how
/// many, which format, a few examples, and an `idFormats` pattern that would accept them.
struct ImportAdvice {
    let config: RepositoryConfig
    let redactMembers: Bool

    /// Where the member IDs the formats reject are.
    func rejectedLocations(in segments: [SegmentDeclaration]) -> Set<SourceLocation> {
        var locations = Set<SourceLocation>()
        for (key, kind) in config.target.memberLists {
            let pattern = config.idFormats.pattern(for: kind)
            for segment in segments {
                for (index, id) in (segment.state[key].listItems ?? []).enumerated() where !pattern.matches(id) {
                    locations.insert(segment.location(ofItem: index, in: key))
                }
            }
        }
        return locations
    }

    /// One sentence per member kind with rejected IDs.
    func sentences(for segments: [SegmentDeclaration]) -> [String] {
        var sentences: [String] = []
        for (key, kind) in config.target.memberLists {
            let pattern = config.idFormats.pattern(for: kind)
            var rejected: [(id: String, segment: String)] = []
            var seen = Set<String>()
            for segment in segments {
                for id in segment.state[key].listItems ?? [] where !pattern.matches(id) && seen.insert(id).inserted {
                    rejected.append((id, segment.name))
                }
            }
            guard !rejected.isEmpty else { continue }
            var sentence = "\(rejected.count) imported \(kind.rawValue) ID\(rejected.count == 1 ? "" : "s") do\(rejected.count == 1 ? "es" : "") not match idFormats.\(kind.rawValue) '\(pattern.source)'"
            if !redactMembers {
                let examples = rejected.prefix(3).map { "'\(UntrustedText.escaped($0.id))' (segment '\(UntrustedText.escaped($0.segment))')" }
                sentence += ", e.g. \(examples.joined(separator: ", "))"
            }
            if let suggestion = Self.suggestion(extending: pattern, toAccept: rejected.map(\.id)) {
                sentence += "; to accept them, set idFormats.\(kind.rawValue): '\(suggestion)' in \(RepositoryConfig.fileName)"
            }
            sentences.append(sentence)
        }
        return sentences
    }

    /// A pattern that accepts what `pattern` accepts and every one of `ids`: the old pattern or
    /// a class made of the characters the rejected IDs use.
    static func suggestion(extending pattern: IDPattern, toAccept ids: [String]) -> String? {
        var old = pattern.source
        if old.hasPrefix("^") { old.removeFirst() }
        if old.hasSuffix("$") && !old.hasSuffix("\\$") { old.removeLast() }
        let shape = Self.shape(of: ids)
        let suggested = "^(?:\(old)|\(shape))$"
        guard let compiled = try? IDPattern(suggested), ids.allSatisfy(compiled.matches) else { return nil }
        return suggested
    }

    /// `[0-9]+`, `[a-z0-9._-]+`, ...: one class with the characters `ids` use.
    static func shape(of ids: [String]) -> String {
        var characters = Set<Character>()
        for id in ids { characters.formUnion(id) }
        var parts: [String] = []
        let groups: [(String, (Character) -> Bool)] = [
            ("A-Z", { $0.isASCII && $0.isUppercase }), ("a-z", { $0.isASCII && $0.isLowercase }), ("0-9", { $0.isASCII && $0.isNumber }),
        ]
        var rest = characters
        for (range, member) in groups where characters.contains(where: member) {
            parts.append(range)
            rest = rest.filter { !member($0) }
        }
        var dash = false
        for character in rest.sorted() {
            if character == "-" { dash = true; continue }
            if "\\]^[".contains(character) { parts.append("\\\(character)"); continue }
            if character.unicodeScalars.contains(where: { UntrustedText.needsEscape($0) }) { continue }
            parts.append(String(character))
        }
        if dash { parts.append("-") }
        return parts == ["0-9"] ? "[0-9]+" : "[\(parts.joined())]+"
    }
}
