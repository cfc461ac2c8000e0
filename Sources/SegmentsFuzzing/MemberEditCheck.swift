import SegmentsCore

/// `segctl members add|remove|set` -> `MemberListEditor.apply`, on any segment file that
/// validates (no errors), with IDs read as `--stdin` reads them (`MemberEditInput`).
///
/// Invariant: no crash, hang or unbounded memory; the edit is either refused with a located
/// `not-editable` diagnostic inside the input and nothing else, or its result decodes to
/// exactly the expected declaration: the list holds the expected members with the expected
/// expiries (`DeclarationMeaning`), every other key is unchanged, the reported additions and
/// removals are the real ones, and every line of the file that is neither the list's key line,
/// a flow list's lines, nor a removed or re-dated item is still there, byte for byte and in
/// order. An edit that changes nothing returns the file unchanged.
public enum MemberEditCheck {
    /// The path the file is edited under.
    static let path = "segments/fuzz.yaml"

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        guard let input = MemberEditInput(bytes) else { return }
        let config = TargetCatalogue.defaultConfig(for: input.target)
        let validator = Validator(config: config)
        let outcome = validator.validate(file: PendingSourceFile(SourceFile(path: path, bytes: input.file)))
        guard let before = outcome.segment, !outcome.diagnostics.contains(where: { $0.severity == .error }),
              let key = try? config.target.editableList(of: before, companies: input.companies) else { return }
        let edit: MemberListEditor.Edit
        do {
            edit = try MemberListEditor(schema: config.schema).apply(input.operation, key: key, to: input.file, file: path)
        } catch {
            try InvariantViolation.require(error.rule == "not-editable", "members refused the edit with rule '\(error.rule)': \(error.message)")
            try MarkBounds(input.file).check([error], file: path, "members refusal")
            return
        }
        let expected = expectedMeaning(of: before, key: key, input.operation)
        let after = validator.validate(file: PendingSourceFile(SourceFile(path: path, bytes: edit.bytes)))
        guard let edited = after.segment else {
            throw InvariantViolation("the edited file no longer decodes: \(after.diagnostics.map(\.message)); file:\n\(String(decoding: edit.bytes, as: UTF8.self))")
        }
        let meaning = DeclarationMeaning(edited)
        try InvariantViolation.require(
            meaning == expected,
            "the edited file means something else than expected: \(expected.differences(from: meaning)); file:\n\(String(decoding: edit.bytes, as: UTF8.self))")
        let existing = Set(DeclarationMeaning(before).lists[key, default: [:]].keys)
        let now = Set(meaning.lists[key, default: [:]].keys)
        try InvariantViolation.require(Set(edit.added) == now.subtracting(existing), "the edit reports added \(edit.added), but added \(now.subtracting(existing).sorted())")
        try InvariantViolation.require(Set(edit.removed) == existing.subtracting(now), "the edit reports removed \(edit.removed), but removed \(existing.subtracting(now).sorted())")
        if edit.added.isEmpty && edit.removed.isEmpty && edit.reexpired.isEmpty {
            try InvariantViolation.require(edit.bytes == input.file, "an edit that changes nothing rewrote the file")
        }
        try checkUntouchedLines(input.file, edit.bytes, key: key, changed: existing.subtracting(now).union(edit.reexpired))
    }

    /// The meaning `operation` should give the file: the list edited, everything else as it was.
    static func expectedMeaning(of declaration: SegmentDeclaration, key: String, _ operation: MemberListEditor.Operation) -> DeclarationMeaning {
        var meaning = DeclarationMeaning(declaration)
        var list = meaning.lists[key, default: [:]]
        switch operation {
        case .add(let ids, let expires):
            for id in ids where list[id] == nil || expires != nil {
                list[id] = expires?.milliseconds ?? Int64.max
            }
        case .remove(let ids):
            for id in ids { list[id] = nil }
        case .set(let ids):
            var wanted: [String: Int64] = [:]
            for id in ids { wanted[id] = list[id] ?? Int64.max }
            list = wanted
        }
        meaning.lists[key] = list
        return meaning
    }

    /// Throws unless every line of `original` that the edit had no reason to touch is in
    /// `edited`, byte for byte and in the same order. Lines it may touch: the list's key line,
    /// a null or flow value's lines, and the lines of items whose ID is in `changed` (removed or
    /// re-dated). A last line without a line break may gain one.
    static func checkUntouchedLines(_ original: [UInt8], _ edited: [UInt8], key: String, changed: Set<String>) throws(InvariantViolation) {
        let old = SourceText(original)
        let new = SourceText(edited)
        try InvariantViolation.require(new.byteOrderMark.elementsEqual(old.byteOrderMark), "the byte order mark changed")
        guard let document = try? YAMLReader().read(original) else { return }
        var touched = Set<Int>()
        if let pair = document.pairs(of: document.root).first(where: { document[$0.key].value == key }) {
            let value = document[pair.value]
            touched.insert(old.lineIndex(document[pair.key].start))
            if value.kind != .sequence || value.style == .flow {
                touched.formUnion(old.lineIndex(value.start)...max(old.lineIndex(value.start), old.lineIndex(value.end)))
            } else {
                for item in document.items(of: pair.value) {
                    let node = document[Int(item)]
                    let id = node.kind == .mapping
                        ? document.pairs(of: Int(item)).first { document[$0.key].value == "id" }.map { document[$0.value].value }
                        : node.value
                    guard let id, changed.contains(id) else { continue }
                    var last = old.lineIndex(node.end)
                    if node.kind == .mapping, node.style == .block, let pair = document.pairs(of: Int(item)).last {
                        last = old.lineIndex(document[pair.value].end)
                    }
                    touched.formUnion(old.lineIndex(node.start)...max(old.lineIndex(node.start), last))
                }
            }
        }
        var next = 0
        for index in old.lines.indices where !touched.contains(index) {
            let line = old.fullLine(index)
            let lacksBreak = old.terminators[index].isEmpty
            var found = false
            while next < new.lines.count, !found {
                found = new.fullLine(next).elementsEqual(line) || (lacksBreak && new.line(next).elementsEqual(old.line(index)))
                next += 1
            }
            try InvariantViolation.require(
                found,
                "line \(index + 1) (\(String(decoding: line, as: UTF8.self).debugDescription)) was not to be touched but is changed, moved or gone; file:\n\(String(decoding: edited, as: UTF8.self))")
        }
    }
}
