/// Puts a segment file into segctl's canonical form, keeping its comments: keys in the
/// schema's order, IDs sorted and de-duplicated (the first occurrence's comments kept), lists
/// in block style with two-space indentation, no blank lines but one after a header comment,
/// and one trailing newline. Formatting a formatted file changes nothing.
public struct SegmentFormatter: Sendable {
    /// The target's file format.
    public let schema: SegmentSchema

    /// Creates a formatter.
    public init(schema: SegmentSchema) {
        self.schema = schema
    }

    /// The canonical form of a file that validates, read from `file`; throws a located
    /// refusal (rule `not-editable`) when the file cannot be formatted without losing anything.
    public func format(_ bytes: [UInt8], file: String) throws(Diagnostic) -> [UInt8] {
        let editable = try EditableDocument(bytes, file: file)
        let document = editable.document
        let text = editable.text
        let pairs = document.pairs(of: document.root)
        let order = schema.keys
        var entries: [Entry] = []
        var previousEnd = -1
        for (index, pair) in pairs.enumerated() {
            let keyNode = document[pair.key]
            guard order.contains(keyNode.value) else { throw editable.refusal("unknown key '\(UnknownKeyRule.excerpt(keyNode.value))'", at: keyNode.start) }
            let keyLine = text.lineIndex(keyNode.start)
            let lastLine = Self.lastLine(of: pair.value, in: document, text: text)
            var comments = (previousEnd + 1..<keyLine).filter { text.isComment($0) || (index == 0 && Self.documentMarkerComment(text.line($0)) != nil) }
            var header: [Int] = []
            if index == 0, let blank = (previousEnd + 1..<keyLine).last(where: { text.isBlank($0) }) {
                header = comments.filter { $0 < blank }
                comments = comments.filter { $0 > blank }
            }
            entries.append(Entry(key: keyNode.value, keyIndex: pair.key, valueIndex: pair.value, keyLine: keyLine, lastLine: lastLine, comments: comments, header: header))
            previousEnd = lastLine
        }
        let footer = (previousEnd + 1..<text.lines.count).filter { text.isComment($0) }
        var out: [[UInt8]] = []
        let header = entries.first?.header ?? []
        for line in header { out.append(Self.comment(text.line(line))) }
        if !header.isEmpty { out.append([]) }
        for entry in entries.sorted(by: { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }) {
            for line in entry.comments { out.append(Self.comment(text.line(line))) }
            out += try lines(for: entry, in: editable)
        }
        for line in footer { out.append(Self.trimmed(text.line(line))) }
        let formatted = Array(out.map { $0 + text.newline }.joined())
        try verify(formatted, against: editable)
        return formatted
    }

    /// Formatting must never change what the file means: the output is read back and compared.
    private func verify(_ formatted: [UInt8], against editable: EditableDocument) throws(Diagnostic) {
        let original = editable.document
        var ignored = DiagnosticList()
        let decoder = SegmentDecoder(schema: schema)
        guard let after = try? YAMLReader().read(formatted),
              let old = decoder.decode(original, file: "", into: &ignored),
              let new = decoder.decode(after, file: "", into: &ignored),
              Self.meaning(old) == Self.meaning(new) else {
            throw editable.refusal("formatting would change what the file means, so it was left unchanged (please report this file)", at: YAMLMark(line: 1, column: 1))
        }
    }

    /// A declaration's content with lists as sorted sets, for comparing before and after.
    static func meaning(_ declaration: SegmentDeclaration) -> [String] {
        var parts = ["name=\(declaration.name)", "id=\(declaration.pinnedID ?? "")", "protect=\(declaration.protect)"]
        for (key, byIndex) in declaration.expiries.sorted(by: { $0.key < $1.key }) {
            let items = declaration.state[key].listItems ?? []
            let dated = byIndex.compactMap { index, expiry in index < items.count ? "\(items[index])@\(expiry.milliseconds)" : nil }
            parts.append("expiries.\(key)=" + Set(dated).sorted().joined(separator: ","))
        }
        for key in declaration.state.fields.keys.sorted() {
            let value = declaration.state[key]
            parts.append("\(key)=" + (value.listItems.map { Set($0).sorted().joined(separator: "\u{0}") } ?? value.displayText))
        }
        return parts
    }

    /// A comment line at column one; the comment of a `--- # comment` line.
    static func comment(_ line: ArraySlice<UInt8>) -> [UInt8] {
        documentMarkerComment(line) ?? trimmed(line)
    }

    /// The comment after a document start marker (`--- # comment`), if the line is one.
    static func documentMarkerComment(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        guard line.starts(with: Array("---".utf8)) else { return nil }
        let rest = trimmed(line.dropFirst(3))
        return rest.first == UInt8(ascii: "#") ? rest : nil
    }

    private struct Entry {
        var key: String
        var keyIndex: Int
        var valueIndex: Int
        var keyLine: Int
        var lastLine: Int
        var comments: [Int]
        var header: [Int]
    }

    private func lines(for entry: Entry, in editable: EditableDocument) throws(Diagnostic) -> [[UInt8]] {
        let document = editable.document
        let text = editable.text
        let value = document[entry.valueIndex]
        let key = Array(entry.key.utf8)
        let isList: Bool = {
            guard let field = schema.field(entry.key) else { return false }
            switch field.kind {
            case .members: return true
            case .comparisonValue: return value.kind == .sequence
            default: return false
            }
        }()
        if isList {
            return try listLines(key: key, entry: entry, in: editable)
        }
        if value.start.line != value.end.line || text.lineIndex(value.start) != entry.keyLine || value.style == .literal || value.style == .folded {
            // Text over several lines (or below its key) keeps its lines as written: re-indenting
            // or re-wrapping a scalar could change it.
            return (entry.keyLine...entry.lastLine).map { Array(text.line($0)) }
        }
        let start = text.offset(of: value.start)
        let end = text.offset(of: value.end)
        var line = key + Array(":".utf8)
        let comment: [UInt8]?
        if end > start {
            line += Array(" ".utf8) + Array(text.bytes[start..<end])
            comment = text.trailingComment(after: end, line: text.lineIndex(value.end))
        } else {
            comment = text.trailingComment(after: keyColonEnd(entry, document: document, text: text), line: entry.keyLine)
        }
        if let comment { line += Array("  ".utf8) + comment }
        return [line]
    }

    private func listLines(key: [UInt8], entry: Entry, in editable: EditableDocument) throws(Diagnostic) -> [[UInt8]] {
        let document = editable.document
        let text = editable.text
        let value = document[entry.valueIndex]
        if value.kind == .sequence, value.style == .flow, value.start.line != value.end.line,
           text.bytes[text.offset(of: value.start)..<text.offset(of: value.end)].contains(UInt8(ascii: "#")) {
            throw editable.refusal("'\(entry.key)' is a flow list ([...]) with comments inside; fmt would lose them, so rewrite it as a block list first", at: value.start)
        }
        var keyComment: [UInt8]?
        var items: [(value: String, raw: [UInt8], comments: [Int], trailing: [UInt8]?)] = []
        if value.kind == .sequence {
            keyComment = value.style == .flow
                ? text.trailingComment(after: text.offset(of: value.end), line: text.lineIndex(value.end))
                : text.trailingComment(after: keyColonEnd(entry, document: document, text: text), line: entry.keyLine)
            var previousLine = entry.keyLine
            var seen = Set<String>()
            for item in document.items(of: entry.valueIndex) {
                let node = document[Int(item)]
                let line = text.lineIndex(node.start)
                if value.style == .block, !ListSource.isItemPrefix(text.bytes[text.lines[line].lowerBound..<text.offset(of: node.start)]) {
                    throw editable.refusal("an item of '\(entry.key)' on line \(node.start.line) is not written as '- value' on one line; fmt would lose what is around it", at: node.start)
                }
                var comments = value.style == .block ? (previousLine + 1..<line).filter { text.isComment($0) } : []
                var id = node.value
                var raw: [UInt8]
                var endMark = node.end
                if node.kind == .mapping {
                    // An expiring item: written canonically as `{id: ..., expires: ...}` on one line.
                    var expires: String?
                    for (keyIndex, valueIndex) in document.pairs(of: Int(item)) {
                        let itemValue = document[valueIndex]
                        if document[keyIndex].value == "id" { id = itemValue.value } else { expires = itemValue.value }
                        if node.style == .block { endMark = itemValue.end }
                    }
                    raw = Array((expires.map { YAMLScalarWriter.expiringItem(id, expires: $0) } ?? YAMLScalarWriter.scalar(id)).utf8)
                    comments += (line + 1..<max(line + 1, text.lineIndex(endMark))).filter { text.isComment($0) }
                } else {
                    raw = Array(text.bytes[text.offset(of: node.start)..<text.offset(of: node.end)])
                }
                let endLine = text.lineIndex(endMark)
                let trailing = value.style == .block ? text.trailingComment(after: text.offset(of: endMark), line: endLine) : nil
                previousLine = max(previousLine, endLine)
                guard seen.insert(id).inserted else { continue }
                items.append((id, raw, comments, trailing))
            }
        } else {
            keyComment = text.trailingComment(after: keyColonEnd(entry, document: document, text: text), line: entry.keyLine)
        }
        let commentSuffix = keyComment.map { Array("  ".utf8) + $0 } ?? []
        guard !items.isEmpty else { return [key + Array(": []".utf8) + commentSuffix] }
        var out = [key + Array(":".utf8) + commentSuffix]
        for item in items.sorted(by: { MemberOrder.precedes($0.value, $1.value) }) {
            for line in item.comments { out.append(Array("  ".utf8) + Self.trimmed(text.line(line))) }
            var line = Array("  - ".utf8) + (item.raw.isEmpty ? Array(YAMLScalarWriter.scalar(item.value).utf8) : item.raw)
            if let trailing = item.trailing { line += Array("  ".utf8) + trailing }
            out.append(line)
        }
        return out
    }

    /// The offset just after `key:` on the key's line.
    private func keyColonEnd(_ entry: Entry, document: YAMLDocument, text: SourceText) -> Int {
        var offset = text.offset(of: document[entry.keyIndex].end)
        let end = text.lines[entry.keyLine].upperBound
        while offset < end, text.bytes[offset] != UInt8(ascii: ":") { offset += 1 }
        return min(offset + 1, end)
    }

    /// The last line a value's text is on (a scalar's own lines are never taken for comments).
    static func lastLine(of index: Int, in document: YAMLDocument, text: SourceText) -> Int {
        let node = document[index]
        var last = text.lineIndex(node.end)
        // Block collections and block scalars end at the start of the following line.
        if node.end.column == 1 && node.end.line > node.start.line { last -= 1 }
        if node.kind == .sequence && node.style == .block, let item = document.items(of: index).last {
            last = text.lineIndex(document[Int(item)].end)
        }
        return max(min(last, text.lines.count - 1), 0)
    }

    static func trimmed(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var slice = line
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { slice = slice.dropFirst() }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { slice = slice.dropLast() }
        return Array(slice)
    }
}
