/// Turns a parsed segment file into a declaration, reporting every key and type problem with
/// the parser's marks. Values are read exactly as written: an unquoted `007` stays "007".
public struct SegmentDecoder: Sendable {
    /// The target whose file format is decoded.
    public let schema: SegmentSchema
    /// Keys of other targets' files, for a pointed message when a file uses one.
    public let foreignKeys: [String: TargetKind]

    /// Creates a decoder for `schema`.
    public init(schema: SegmentSchema, foreignKeys: [String: TargetKind] = [:]) {
        self.schema = schema
        self.foreignKeys = foreignKeys
    }

    /// A decoder for the files of `config`'s target.
    public init(config: RepositoryConfig) {
        self.init(schema: config.schema, foreignKeys: config.foreignKeys)
    }

    /// Decodes `document` read from `file`; returns nil when the file is not a mapping at all.
    public func decode(_ document: YAMLDocument, file: String, into diagnostics: inout DiagnosticList) -> SegmentDeclaration? {
        let root = document[document.root]
        guard root.kind == .mapping else {
            if root.kind == .scalar, root.style == .plain, ScalarType(of: root) == .null {
                diagnostics.append(.error(YAMLError.Kind.empty.rawValue, "the file is empty: a segment file holds one YAML mapping", at: SourceLocation(file: file, mark: root.start)))
            } else {
                diagnostics.append(TypeRule.expectedMapping("a segment file", found: root.kind, at: SourceLocation(file: file, mark: root.start)))
            }
            return nil
        }
        DuplicateKeyRule.check(document, mapping: document.root, file: file, into: &diagnostics)

        var declaration = SegmentDeclaration(file: file, state: SegmentState(name: "", fields: [:]), rootMark: root.start)
        var seenKeys = Set<String>()
        let allowed = schema.keys
        for (keyIndex, valueIndex) in document.pairs(of: document.root) {
            let keyNode = document[keyIndex]
            let keyLocation = SourceLocation(file: file, mark: keyNode.start)
            guard keyNode.kind == .scalar else {
                diagnostics.append(.error) {
                    .error(TypeRule.id, "keys must be plain words such as 'name', not a \(keyNode.kind == .sequence ? "list" : "mapping")", at: keyLocation)
                }
                continue
            }
            let key = keyNode.value
            guard allowed.contains(key) else {
                diagnostics.append(.error) {
                    UnknownKeyRule.diagnostic(
                        key: key, allowed: allowed, otherTargetKeys: foreignKeys, currentTarget: schema.target,
                        context: "a \(schema.target.rawValue) segment file", at: keyLocation)
                }
                continue
            }
            seenKeys.insert(key)
            let valueNode = document[valueIndex]
            let location = SourceLocation(file: file, mark: valueNode.start)
            // A value's mark is recorded only once it decoded, so rules never re-report a bad value.
            var decoded = false
            switch key {
            case "name":
                if let text = text(key, valueNode, nullable: false, at: location, into: &diagnostics) {
                    declaration.state.name = text
                    decoded = true
                }
            case "id":
                if let text = text(key, valueNode, nullable: false, at: location, into: &diagnostics, acceptAnyScalar: true) {
                    declaration.pinnedID = text
                    decoded = true
                }
            case "shards":
                if valueNode.kind == .scalar, valueNode.style == .plain, let count = Int(valueNode.value), (1...Sharding.maxShards).contains(count) {
                    declaration.shards = count
                    decoded = true
                } else {
                    diagnostics.append(ShardRule.badCount(valueNode.value, at: location))
                }
            case "protect":
                if let flag = boolean(key, valueNode, at: location, into: &diagnostics) {
                    declaration.protect = flag
                    decoded = true
                }
            default:
                guard let field = schema.field(key) else { continue }
                if let value = decodeField(field, document, valueIndex, file: file, into: &diagnostics, declaration: &declaration) {
                    declaration.state.fields[key] = value
                    decoded = true
                }
            }
            if decoded { declaration.valueMarks[key] = valueNode.start }
        }
        if !seenKeys.contains("name") {
            diagnostics.append(RequiredKeyRule.missing("name", at: SourceLocation(file: file, mark: root.start)))
        }
        for field in schema.fields {
            if seenKeys.contains(field.key) { continue }
            if field.required {
                diagnostics.append(RequiredKeyRule.missing(field.key, at: SourceLocation(file: file, mark: root.start)))
            } else {
                declaration.state.fields[field.key] = field.defaultValue
            }
        }
        return declaration
    }

    private func decodeField(
        _ field: SegmentSchema.Field, _ document: YAMLDocument, _ index: Int, file: String,
        into diagnostics: inout DiagnosticList, declaration: inout SegmentDeclaration
    ) -> FieldValue? {
        let node = document[index]
        let location = SourceLocation(file: file, mark: node.start)
        switch field.kind {
        case .text(_, _, let nullable):
            if nullable, node.kind == .scalar, ScalarType(of: node) == .null { return .null }
            return text(field.key, node, nullable: nullable, at: location, into: &diagnostics).map(FieldValue.string)
        case .boolean:
            return boolean(field.key, node, at: location, into: &diagnostics).map(FieldValue.bool)
        case .members:
            return list(field.key, document, index, file: file, into: &diagnostics, declaration: &declaration)
        case .comparisonValue:
            if node.kind == .scalar {
                if node.style == .plain, ScalarType(of: node) == .null {
                    diagnostics.append(TypeRule.emptyItem(field.key, at: location))
                    return nil
                }
                return .string(node.value)
            }
            return list(field.key, document, index, file: file, into: &diagnostics, declaration: &declaration)
        }
    }

    /// A text value; numbers and booleans are refused unless quoted (IDs accept any scalar).
    private func text(
        _ key: String, _ node: YAMLDocument.Node, nullable: Bool, at location: SourceLocation,
        into diagnostics: inout DiagnosticList, acceptAnyScalar: Bool = false
    ) -> String? {
        guard node.kind == .scalar else {
            diagnostics.append(TypeRule.expectedScalar(key, found: node.kind, at: location))
            return nil
        }
        let type = ScalarType(of: node)
        switch type {
        case .string:
            return node.value
        case .null:
            if node.value.isEmpty || !nullable {
                diagnostics.append(.error(TypeRule.id, "'\(key)' is empty; give it a value\(nullable ? " or remove the key" : "")", at: location))
                return nil
            }
            return node.value
        default:
            if acceptAnyScalar { return node.value }
            diagnostics.append(TypeRule.expectedText(key, found: type, value: node.value, at: location))
            return nil
        }
    }

    private func boolean(_ key: String, _ node: YAMLDocument.Node, at location: SourceLocation, into diagnostics: inout DiagnosticList) -> Bool? {
        guard node.kind == .scalar else {
            diagnostics.append(TypeRule.expectedScalar(key, found: node.kind, at: location))
            return nil
        }
        if node.style == .plain && node.tag == .none {
            if node.value == "true" { return true }
            if node.value == "false" { return false }
        }
        diagnostics.append(TypeRule.expectedBoolean(key, found: ScalarType(of: node), value: node.value, at: location))
        return nil
    }

    private func list(
        _ key: String, _ document: YAMLDocument, _ index: Int, file: String,
        into diagnostics: inout DiagnosticList, declaration: inout SegmentDeclaration
    ) -> FieldValue? {
        let node = document[index]
        if node.kind == .scalar, node.style == .plain, ScalarType(of: node) == .null {
            declaration.itemMarks[key] = []
            return .list([])
        }
        guard node.kind == .sequence else {
            diagnostics.append(TypeRule.expectedList(key, found: node, at: SourceLocation(file: file, mark: node.start)))
            return nil
        }
        let items = document.items(of: index)
        // Each part reports into its own list with the room left in `diagnostics`.
        let room = max(0, diagnostics.limit - diagnostics.items.count)
        var decoded: DecodedItems
        if items.count < Self.parallelListSize {
            decoded = decodeItems(key, document, items, file: file, room: room, capacity: items.count, firstPosition: 0)
        } else {
            // A list of 100,000 items would be decoded on one core while the other waits: its
            // halves are decoded side by side, each into its own diagnostics, joined in order,
            // which keeps and counts exactly what one pass would.
            let middle = items.startIndex + items.count / 2
            // The first half makes room for the whole list, so the second is appended in place.
            // The second half numbers its expiring items from the first half's item count, as
            // if no item there were skipped; `append` corrects that when one was.
            var halves = ParallelMap.map([items[..<middle], items[middle...]]) { half in
                let isFirst = half.startIndex == items.startIndex
                return decodeItems(
                    key, document, half, file: file, room: room,
                    capacity: isFirst ? items.count : half.count, firstPosition: half.startIndex - items.startIndex)
            }
            decoded = halves[0]
            let second = halves.removeLast()
            halves.removeAll() // `decoded` is the only owner of its arrays: they grow in place
            decoded.append(second)
        }
        diagnostics.append(contentsOf: decoded.diagnostics)
        if !decoded.expiries.isEmpty { declaration.expiries[key] = decoded.expiries }
        declaration.itemMarks[key] = decoded.marks
        return .list(decoded.values)
    }

    /// Lists at least this long are decoded in two halves side by side.
    static let parallelListSize = 20_000

    /// The values, marks and expiries of some of a list's items, and what was wrong with the
    /// others.
    struct DecodedItems: Sendable {
        var values: [String] = []
        var marks = SegmentDeclaration.ItemMarks()
        /// The expiries of expiring items, by position in the whole list: `firstPosition` plus
        /// the position in `values`.
        var expiries: [Int: Timestamp] = [:]
        /// The position in the whole list of the first of `values`, assumed when decoding.
        var firstPosition: Int
        var diagnostics: DiagnosticList

        /// Adds the items decoded after these.
        mutating func append(_ next: DecodedItems) {
            // `next` assumed it started `next.firstPosition` items in; it starts here.
            let shift = firstPosition + values.count - next.firstPosition
            values.append(contentsOf: next.values)
            marks.append(contentsOf: next.marks)
            if shift == 0 {
                expiries.merge(next.expiries) { first, _ in first }
            } else {
                for (position, expiry) in next.expiries { expiries[position + shift] = expiry }
            }
            diagnostics.append(contentsOf: next.diagnostics)
        }
    }

    /// Decodes `items` of list `key`, in order, keeping at most `room` diagnostics, with room
    /// for `capacity` values and marks, numbering expiring items from `firstPosition`.
    func decodeItems(
        _ key: String, _ document: YAMLDocument, _ items: ArraySlice<Int32>, file: String, room: Int, capacity: Int, firstPosition: Int
    ) -> DecodedItems {
        var decoded = DecodedItems(firstPosition: firstPosition, diagnostics: DiagnosticList(limit: room))
        decoded.values.reserveCapacity(capacity)
        decoded.marks.reserveCapacity(capacity)
        let nodes = document.nodes
        for item in items {
            var itemIndex = Int(item)
            var expiry: Timestamp?
            if nodes.kind(itemIndex) == .mapping {
                // `{id: user-456, expires: 2026-12-31}`: a member until its expiry.
                guard let (id, expires) = expiringItem(key, document, itemIndex, file: file, into: &decoded.diagnostics) else { continue }
                itemIndex = id
                expiry = expires
            }
            let kind = nodes.kind(itemIndex)
            guard kind == .scalar else {
                decoded.diagnostics.append(.error) { TypeRule.expectedScalarItem(key, found: kind, at: SourceLocation(file: file, mark: nodes.start(itemIndex))) }
                continue
            }
            let value = nodes.value(itemIndex)
            if value.isEmpty || (nodes.style(itemIndex) == .plain && value == "~") {
                decoded.diagnostics.append(.error) { TypeRule.emptyItem(key, at: SourceLocation(file: file, mark: nodes.start(itemIndex))) }
                continue
            }
            if let expiry { decoded.expiries[firstPosition + decoded.values.count] = expiry }
            decoded.values.append(value)
            decoded.marks.append(nodes.start(itemIndex))
        }
        return decoded
    }

    /// The item as nearly every file writes it, `{id: ..., expires: <a valid date>}` in that
    /// order, read without building diagnostics or checking keys for repeats (two different
    /// keys cannot repeat); nil for anything else, which `expiringItem` reads in full.
    private static func wellFormedExpiringItem(_ document: YAMLDocument, _ index: Int) -> (id: Int, expiry: Timestamp?)? {
        let entries = document.items(of: index)
        guard entries.count == 4 else { return nil }
        let base = entries.startIndex
        let nodes = document.nodes
        let (idKey, id) = (Int(entries[base]), Int(entries[base + 1]))
        let (expiresKey, expires) = (Int(entries[base + 2]), Int(entries[base + 3]))
        guard nodes.kind(idKey) == .scalar, nodes.value(idKey) == "id",
              nodes.kind(expiresKey) == .scalar, nodes.value(expiresKey) == "expires",
              nodes.kind(expires) == .scalar, let expiry = Timestamp(nodes.value(expires)) else { return nil }
        return (id, expiry)
    }

    /// The ID node's index and the expiry of an item written as a mapping; nil (with
    /// diagnostics) when the mapping is not exactly `id` and an optional `expires`.
    private func expiringItem(
        _ key: String, _ document: YAMLDocument, _ index: Int, file: String, into diagnostics: inout DiagnosticList
    ) -> (id: Int, expiry: Timestamp?)? {
        if let item = Self.wellFormedExpiringItem(document, index) { return item }
        let start = SourceLocation(file: file, mark: document.nodes[index].start)
        let pairs = document.pairs(of: index)
        guard pairs.contains(where: { ExpiryRule.itemKeys.contains(document.nodes[$0.key].value) }) else {
            // Neither `id` nor `expires`: most likely a list indented wrongly.
            diagnostics.append(TypeRule.expectedScalarItem(key, found: .mapping, at: start))
            return nil
        }
        DuplicateKeyRule.check(document, mapping: index, file: file, into: &diagnostics)
        var id: Int?
        var expiry: Timestamp?
        var valid = true
        for (keyIndex, valueIndex) in pairs {
            let keyNode = document[keyIndex]
            let value = document[valueIndex]
            switch keyNode.kind == .scalar ? keyNode.value : "" {
            case "id":
                id = valueIndex
            case "expires":
                guard value.kind == .scalar, let parsed = Timestamp(value.value) else {
                    diagnostics.append(ExpiryRule.badDate(value.kind == .scalar ? value.value : "a collection", at: SourceLocation(file: file, mark: value.start)))
                    valid = false
                    continue
                }
                expiry = parsed
            default:
                diagnostics.append(UnknownKeyRule.diagnostic(key: keyNode.value, allowed: ExpiryRule.itemKeys, context: "an item of '\(key)'", at: SourceLocation(file: file, mark: keyNode.start)))
                valid = false
            }
        }
        guard let id else {
            diagnostics.append(RequiredKeyRule.missing("id", at: start))
            return nil
        }
        return valid ? (id, expiry) : nil
    }
}
