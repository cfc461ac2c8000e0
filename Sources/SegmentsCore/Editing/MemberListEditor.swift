/// Edits one member list of a segment file in place: only the lines of IDs that change are
/// touched; every other byte (comments, blank lines, quoting, line endings) stays.
public struct MemberListEditor: Sendable {
    /// What to do to the list.
    public enum Operation: Sendable {
        /// Add these IDs; with `expires`, as `{id: ..., expires: ...}` items, and listed IDs
        /// get that expiry (otherwise listed IDs are left alone).
        case add([String], expires: Timestamp? = nil)
        /// Remove these IDs (every occurrence).
        case remove([String])
        /// Make the list exactly these IDs.
        case set([String])
    }

    /// The outcome of an edit.
    public struct Edit: Sendable {
        /// The new file.
        public var bytes: [UInt8]
        /// IDs added, in the order they were given.
        public var added: [String]
        /// IDs removed, in list order.
        public var removed: [String]
        /// IDs asked to be removed that were not listed.
        public var notListed: [String]
        /// Distinct IDs the list held before.
        public var existingCount: Int
        /// Listed IDs whose expiry was set or changed.
        public var reexpired: [String] = []
    }

    /// The target's file format.
    public let schema: SegmentSchema

    /// Creates an editor.
    public init(schema: SegmentSchema) {
        self.schema = schema
    }

    /// Applies `operation` to list `key` of the file `bytes` (shown as `file` in messages);
    /// throws a located refusal (rule `not-editable`) when the file cannot be edited safely.
    public func apply(_ operation: Operation, key: String, to bytes: [UInt8], file: String) throws(Diagnostic) -> Edit {
        let editable = try EditableDocument(bytes, file: file)
        let list = try ListSource(editable, key: key)
        let existing = list.items.map(\.value)
        var existingSet = Set<String>(minimumCapacity: existing.count)
        for id in existing { existingSet.insert(id) }
        var added: [String] = []
        var removedSet = Set<String>()
        var notListed: [String] = []
        var expires: Timestamp?
        var reexpired: [String] = []
        switch operation {
        case .add(let ids, let expiry):
            expires = expiry
            var seen = existingSet
            for id in ids where seen.insert(id).inserted { added.append(id) }
            if let expiry {
                // Every occurrence counts: an ID listed twice with two expiries gets the new one in
                // both places (a fuzz finding: only the first was looked at, and the other, later
                // expiry stayed in force).
                var current: [String: Set<String?>] = [:]
                for item in list.items { current[item.value, default: []].insert(item.expires) }
                reexpired = ids.filter { existingSet.contains($0) && current[$0] != [expiry.text] }
                var once = Set<String>()
                reexpired = reexpired.filter { once.insert($0).inserted }
            }
        case .remove(let ids):
            for id in ids {
                if existingSet.contains(id) { removedSet.insert(id) } else if !notListed.contains(id) { notListed.append(id) }
            }
        case .set(let ids):
            // One pass over the wanted IDs: those already listed are crossed off, the rest are new.
            var unwanted = existingSet
            var seen = Set<String>(minimumCapacity: ids.count)
            for id in ids where seen.insert(id).inserted {
                if unwanted.remove(id) == nil { added.append(id) }
            }
            removedSet = unwanted
        }
        var pending = removedSet
        let uniqueRemoved = existing.filter { pending.remove($0) != nil }
        guard !added.isEmpty || !removedSet.isEmpty || !reexpired.isEmpty else {
            return Edit(bytes: bytes, added: [], removed: [], notListed: notListed, existingCount: existingSet.count)
        }
        let sorted = MemberOrder.isSorted(existing)
        let newBytes = list.edited(removing: removedSet, adding: added, expiring: Set(reexpired), expires: expires?.text, keepSorted: sorted, schema: schema)
        return Edit(bytes: newBytes, added: added, removed: uniqueRemoved, notListed: notListed, existingCount: existingSet.count, reexpired: reexpired)
    }
}

/// Where a member list is in a file and how it is written.
struct ListSource {
    enum Shape {
        case missing
        case null(keyLine: Int)
        case block(keyLine: Int)
        case flow(start: Int, end: Int)
    }

    struct Item {
        var value: String
        var line: Int
        /// The last line of the item (a block mapping item spans several).
        var lastLine: Int
        /// Where the item's source text is (its quoting kept).
        var raw: Range<Int>
        /// Bytes from the line start to the value: the `  - ` new items copy.
        var prefix: Range<Int>
        /// The expiry as written, for an item written as a mapping.
        var expires: String?
    }

    let text: SourceText
    let document: YAMLDocument
    let key: String
    var shape: Shape = .missing
    var items: [Item] = []

    init(_ editable: EditableDocument, key: String) throws(Diagnostic) {
        let document = editable.document
        let text = editable.text
        let file = editable.file
        self.document = document
        self.text = text
        self.key = key
        guard let pair = document.pairs(of: document.root).first(where: { document[$0.key].value == key }) else { return }
        let keyNode = document[pair.key]
        let value = document[pair.value]
        let keyLine = text.lineIndex(keyNode.start)
        if value.kind != .scalar, value.tag != .none || ![UInt8(ascii: "-"), UInt8(ascii: "[")].contains(text.bytes[min(text.offset(of: value.start), text.bytes.count - 1)]) {
            // A tag or an anchor on the list (`userIds: !tag` or on a line of its own): the
            // rewrites below know only `key:` followed by items, and emptying the list left the
            // property behind on a line of its own. Found by `scripts/fuzz members`.
            throw EditableDocument.refusal("'\(key)' carries a YAML tag or anchor; segctl edits only plain lists", at: SourceLocation(file: file, mark: value.start))
        }
        switch value.kind {
        case .scalar where value.style == .plain && ScalarType(of: value) == .null:
            shape = .null(keyLine: keyLine)
        case .sequence:
            for item in document.items(of: pair.value) {
                let node = document[Int(item)]
                let location = SourceLocation(file: file, mark: node.start)
                var id = node.value
                var expires: String?
                var lastLine = text.lineIndex(node.end)
                switch node.kind {
                case .scalar:
                    guard node.start.line == node.end.line else {
                        throw EditableDocument.refusal("an item of '\(key)' spans several lines; segctl edits only one-line items", at: location)
                    }
                case .mapping:
                    // `{id: user-1, expires: 2026-12-31}`, or the same as a block mapping.
                    var found: String?
                    for (keyIndex, valueIndex) in document.pairs(of: Int(item)) {
                        let itemKey = document[keyIndex]
                        let itemValue = document[valueIndex]
                        guard itemKey.kind == .scalar, itemValue.kind == .scalar, ExpiryRule.itemKeys.contains(itemKey.value) else {
                            throw EditableDocument.refusal("an item of '\(key)' is a mapping with keys other than id and expires", at: location)
                        }
                        if itemKey.value == "id" { found = itemValue.value } else { expires = itemValue.value }
                        if node.style == .block { lastLine = text.lineIndex(itemValue.end) }
                    }
                    guard let found else { throw EditableDocument.refusal("an item of '\(key)' has no id", at: location) }
                    id = found
                case .sequence:
                    throw EditableDocument.refusal("'\(key)' holds something other than single values", at: location)
                }
                let start = text.offset(of: node.start)
                let line = text.lineIndex(node.start)
                if value.style == .block, !Self.isItemPrefix(text.bytes[text.lines[line].lowerBound..<start]) {
                    throw EditableDocument.refusal("an item of '\(key)' is not written as '- value' on one line; segctl edits only such items", at: location)
                }
                let end = node.style == .block ? text.lines[lastLine].upperBound : text.offset(of: node.end)
                items.append(Item(value: id, line: line, lastLine: lastLine, raw: start..<end, prefix: text.lines[line].lowerBound..<start, expires: expires))
            }
            if value.style == .flow {
                let start = text.offset(of: value.start)
                let end = text.offset(of: value.end)
                if value.start.line != value.end.line, text.bytes[start..<end].contains(UInt8(ascii: "#")) {
                    throw EditableDocument.refusal("'\(key)' is a flow list ([...]) with comments across lines; turn it into a block list first (segctl fmt)", at: SourceLocation(file: file, mark: value.start))
                }
                shape = .flow(start: start, end: end)
            } else {
                let lines = items.flatMap { Array($0.line...$0.lastLine) }
                if Set(lines).count != lines.count || lines.contains(keyLine) {
                    throw EditableDocument.refusal("'\(key)' has several items on one line; segctl edits one item per line", at: SourceLocation(file: file, mark: value.start))
                }
                shape = .block(keyLine: keyLine)
            }
        default:
            throw EditableDocument.refusal("'\(key)' is not a list", at: SourceLocation(file: file, mark: value.start))
        }
    }

    func edited(
        removing removed: Set<String>, adding added: [String], expiring: Set<String> = [], expires: String? = nil,
        keepSorted: Bool, schema: SegmentSchema
    ) -> [UInt8] {
        var edits = LineEdits(text)
        let kept = items.filter { !removed.contains($0.value) }
        let newItems = keepSorted ? added.sorted(by: MemberOrder.precedes) : added
        /// A new or re-dated item as written: the ID, or `{id: ..., expires: ...}`.
        func written(_ id: String, inFlow: Bool) -> [UInt8] {
            guard let expires else { return Array((inFlow ? YAMLScalarWriter.flowScalar(id) : YAMLScalarWriter.scalar(id)).utf8) }
            return Array(YAMLScalarWriter.expiringItem(id, expires: expires).utf8)
        }
        switch shape {
        case .flow(let start, let end):
            var entries = kept.map { ($0.value, expiring.contains($0.value) ? written($0.value, inFlow: true) : Array(text.bytes[$0.raw])) }
            let additions = newItems.map { ($0, written($0, inFlow: true)) }
            if keepSorted {
                entries = Self.merge(entries, additions)
            } else {
                entries += additions
            }
            let list = Array("[".utf8) + Array(entries.map(\.1).joined(separator: Array(", ".utf8))) + Array("]".utf8)
            return Array(text.bytes[..<start]) + list + Array(text.bytes[end...])
        case .block(let keyLine):
            for item in items where removed.contains(item.value) {
                for line in item.line...item.lastLine { edits.deleted.insert(line) }
            }
            for item in kept where expiring.contains(item.value) {
                edits.replaced[item.line] = Array(text.bytes[item.prefix]) + written(item.value, inFlow: false) + trailingComment(item)
                if item.lastLine > item.line {
                    for line in (item.line + 1)...item.lastLine { edits.deleted.insert(line) }
                }
            }
            let prefix = items.first.map { Array(text.bytes[$0.prefix]) } ?? Array("  - ".utf8)
            if kept.isEmpty && newItems.isEmpty {
                edits.replaced[keyLine] = emptyListLine(keyLine)
            } else if kept.isEmpty {
                edits.insertedAfter[keyLine] = newItems.map { prefix + written($0, inFlow: false) }
            } else {
                for id in newItems {
                    let line = prefix + written(id, inFlow: false)
                    if keepSorted {
                        // The kept items are sorted: the new ID goes after the last one not after it.
                        var low = 0
                        var high = kept.count
                        while low < high {
                            let middle = (low + high) / 2
                            if MemberOrder.precedes(id, kept[middle].value) { high = middle } else { low = middle + 1 }
                        }
                        if low > 0 {
                            edits.insertedAfter[kept[low - 1].lastLine, default: []].append(line)
                        } else {
                            edits.insertedBefore[kept[0].line, default: []].append(line)
                        }
                    } else {
                        edits.insertedAfter[kept[kept.count - 1].lastLine, default: []].append(line)
                    }
                }
            }
        case .null(let keyLine):
            if newItems.isEmpty {
                edits.replaced[keyLine] = emptyListLine(keyLine)
            } else {
                edits.replaced[keyLine] = keyPart(keyLine) + commentPart(keyLine)
                edits.insertedAfter[keyLine] = newItems.map { Array("  - ".utf8) + written($0, inFlow: false) }
            }
        case .missing:
            var lines = newItems.isEmpty ? [Array("\(key): []".utf8)] : [Array("\(key):".utf8)]
            lines += newItems.map { Array("  - ".utf8) + written($0, inFlow: false) }
            if let before = followingKeyLine(schema: schema) {
                edits.insertedBefore[before, default: []] += lines
            } else {
                edits.appended = lines
            }
        }
        return edits.apply()
    }

    /// The comment at the end of an item's last line, with two spaces before it, or nothing.
    func trailingComment(_ item: Item) -> [UInt8] {
        let end = item.line == item.lastLine ? item.raw.upperBound : text.lines[item.lastLine].upperBound
        return text.trailingComment(after: min(end, text.lines[item.lastLine].upperBound), line: item.lastLine).map { Array("  ".utf8) + $0 } ?? []
    }

    /// Whether the bytes before a block list item's value are `  - ` (indentation, a dash, spaces).
    static func isItemPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        var sawDash = false
        var afterDash = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if sawDash { return false }
                sawDash = true
            } else if byte == UInt8(ascii: " ") {
                if sawDash { afterDash += 1 }
            } else {
                return false
            }
        }
        return sawDash && afterDash > 0
    }

    /// Two sorted lists merged, keeping the order (existing entries first among equals).
    static func merge(_ existing: [(String, [UInt8])], _ additions: [(String, [UInt8])]) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        result.reserveCapacity(existing.count + additions.count)
        var i = 0
        var j = 0
        while i < existing.count || j < additions.count {
            if j == additions.count || (i < existing.count && !MemberOrder.precedes(additions[j].0, existing[i].0)) {
                result.append(existing[i])
                i += 1
            } else {
                result.append(additions[j])
                j += 1
            }
        }
        return result
    }

    /// `key:` as written on its line, up to and including the colon.
    func keyPart(_ line: Int) -> [UInt8] {
        let content = text.line(line)
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return Array(content) }
        return Array(text.bytes[content.startIndex...colon])
    }

    /// A trailing comment of the key line, with two spaces before it, or nothing.
    func commentPart(_ line: Int) -> [UInt8] {
        let content = text.line(line)
        guard let hash = content.firstIndex(of: UInt8(ascii: "#")) else { return [] }
        return Array("  ".utf8) + Array(text.bytes[hash..<content.endIndex])
    }

    func emptyListLine(_ line: Int) -> [UInt8] {
        keyPart(line) + Array(" []".utf8) + commentPart(line)
    }

    /// The line of the first top-level key that comes after this list in canonical order.
    func followingKeyLine(schema: SegmentSchema) -> Int? {
        let order = schema.keys
        guard let position = order.firstIndex(of: key) else { return nil }
        let later = Set(order[(position + 1)...])
        return document.pairs(of: document.root)
            .map { document[$0.key] }
            .filter { later.contains($0.value) }
            .map { text.lineIndex($0.start) }
            .min()
    }
}
