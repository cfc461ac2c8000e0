/// Reading one big file on two cores.
///
/// A file of 30,000 list items is one libyaml parse on one core, while the same items in 20
/// files are read side by side. A big file is therefore cut at a line in its second half that
/// starts a list item (`  - `), and both parts are parsed at once: the first as it is, the
/// second as a document of its own, a list. The parts are joined only when the first part's
/// root mapping ends with a block list at exactly that indentation, the second part is one
/// block list and neither uses aliases; then a line at that indentation starting with `- `
/// can only be the next item of that list, so the joined document is the one a whole parse
/// gives, marks included (a test compares them). In any other case (an error in either part,
/// a list that is not last, a cut inside a block or quoted scalar) the file is read whole,
/// so every error comes from the whole read.
extension YAMLReader {
    /// Files at least this big are read in two parts.
    static let partedReadSize = 256 * 1024

    /// `bytes` read in two parts side by side, or nil when they cannot be joined safely.
    /// `start` is where to look for the cut (the middle, unless a test or fuzzer says
    /// otherwise).
    public func readInParts(_ bytes: [UInt8], cuttingFrom start: Int? = nil) -> YAMLDocument? {
        guard !Self.isUTF16(bytes), let cut = Self.listItemLine(in: bytes, from: start ?? bytes.count / 2) else { return nil }
        // The second part's items nest two levels less deep (no root mapping, no list) than
        // in the whole file; a smaller bound keeps the whole read's verdict on depth.
        let tailReader = YAMLReader(maxAliasExpansion: maxAliasExpansion, maxDepth: max(1, maxDepth - 2))
        var parts = ParallelMap.map([0, 1]) { part -> (document: YAMLDocument, lines: Int32, end: YAMLMark)? in
            bytes.withUnsafeBufferPointer { buffer in
                let range = part == 0 ? 0..<cut.offset : cut.offset..<buffer.count
                var state = ReadState(reader: part == 0 ? self : tailReader, input: UnsafeBufferPointer(rebasing: buffer[range]))
                guard case .success(let document) = state.run(), !document.usesAliases else { return nil }
                return (document, state.streamEndLine, state.documentEnd)
            }
        }
        guard let lines = parts[0]?.lines, var document = parts[0]?.document, let tail = parts[1]?.document, let end = parts[1]?.end else { return nil }
        parts.removeAll() // each document is held once: the first part's arrays change in place
        guard document.append(listTail: tail, endingAt: end, indent: cut.indent, lines: lines) else { return nil }
        return document
    }

    /// The first line at or after byte `start` that begins with spaces and `- ` (or a `-`
    /// ending the line): its byte offset and indentation.
    static func listItemLine(in bytes: [UInt8], from start: Int) -> (offset: Int, indent: Int)? {
        var index = min(max(start, 0), bytes.count)
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            var position = newline + 1
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"),
               [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[position + 1]) {
                return (newline + 1, position - newline - 1)
            }
            index = newline + 1
        }
        return nil
    }
}

extension YAMLDocument {
    /// Joins `tail`, the parse of the rest of a file cut at a line starting a list item at
    /// column `indent` (0-based) after `lines` lines, whose document ended at `documentEnd`
    /// (where the root mapping ends in the whole parse), onto this parse of the part before:
    /// its items become the last items of the block list that ends this document's root
    /// mapping. The nodes and child lists come out as one parse of the whole file builds them
    /// (events in file order; a collection's children stored when it ends). Returns false,
    /// changing nothing, when the two do not fit together that way.
    mutating func append(listTail tail: YAMLDocument, endingAt documentEnd: YAMLMark, indent: Int, lines: Int32) -> Bool {
        let mapping = nodes[root]
        guard mapping.kind == .mapping, mapping.style == .block, mapping.childCount >= 2, tail.root == 0,
              nodes.tail.isEmpty, tail.nodes.tail.isEmpty else { return false }
        let list = Int(children[Int(mapping.firstChild) + Int(mapping.childCount) - 1])
        let head = nodes[list]
        let tailList = tail.nodes[0]
        // The list and the mapping must still be open where the first part ends: nothing (a
        // `...` marker, say) closed them before the cut.
        let cutLineStart = YAMLMark(line: lines + 1, column: 1)
        guard head.kind == .sequence, head.style == .block, head.start.column == Int32(indent + 1),
              head.end == cutLineStart, mapping.end == cutLineStart,
              tailList.kind == .sequence, tailList.style == .block, tailList.start == YAMLMark(line: 1, column: Int32(indent + 1)),
              Int(tailList.firstChild) + Int(tailList.childCount) == tail.children.count else { return false }

        // Where the whole parse puts things in the child list: the head's nested children,
        // then the tail's, then the list's items (head's, tail's), then what came after.
        let headListStart = Int(head.firstChild)
        let headListEnd = headListStart + Int(head.childCount)
        let tailNested = Int(tailList.firstChild)
        let tailItems = Int(tailList.childCount)
        let nodeOffset = nodes.count - 1 // the tail's root list is dropped: its items join ours
        func moved(_ child: Int32) -> Int32 { child + Int32(nodeOffset) }

        // A block collection that the cut line closes ends, in the whole parse, at that line's
        // `-`; in the first part it ended at the end of the input, the start of that line.
        let cutItem = YAMLMark(line: lines + 1, column: Int32(indent + 1))
        nodes.head.withUnsafeMutableBufferPointer { nodes in
            for index in nodes.indices where index != list && nodes[index].kind != .scalar {
                if Int(nodes[index].firstChild) >= headListEnd { nodes[index].firstChild += Int32(tailNested + tailItems) }
                if nodes[index].end == cutLineStart && nodes[index].style == .block { nodes[index].end = cutItem }
            }
        }
        // The tail's nodes stay where its core wrote them, shifted as they are read: copying
        // them after ours would fault in and write every page again on one core.
        nodes.tail = tail.nodes.head
        nodes.lineShift = lines
        nodes.childShift = Int32(headListStart)
        var joined: [Int32] = []
        joined.reserveCapacity(children.count + tail.children.count)
        joined.append(contentsOf: children[..<headListStart])
        joined.append(contentsOf: tail.children[..<tailNested].lazy.map(moved))
        joined.append(contentsOf: children[headListStart..<headListEnd])
        joined.append(contentsOf: tail.children[tailNested...].lazy.map(moved))
        joined.append(contentsOf: children[headListEnd...])
        children = joined

        nodes.head[list].firstChild = Int32(headListStart + tailNested)
        nodes.head[list].childCount += Int32(tailItems)
        nodes.head[list].weight += tailList.weight - 1
        nodes.head[list].end = YAMLMark(line: tailList.end.line + lines, column: tailList.end.column)
        nodes.head[root].end = YAMLMark(line: documentEnd.line + lines, column: documentEnd.column)
        nodes.head[root].weight += tailList.weight - 1
        return true
    }
}
