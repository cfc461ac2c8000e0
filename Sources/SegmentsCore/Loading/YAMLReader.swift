import CYAML

/// Reads one YAML document with libyaml's event parser, keeping every node's marks.
///
/// Bounded on purpose: alias expansion (a "billion laughs" file) and nesting depth are capped,
/// so hostile input fails fast with a located error instead of exhausting time or memory.
public struct YAMLReader: Sendable {
    /// Maximum number of nodes that aliases may add when expanded.
    public var maxAliasExpansion: Int
    /// Maximum nesting depth of collections.
    public var maxDepth: Int

    /// Creates a reader with the given bounds.
    public init(maxAliasExpansion: Int = 100_000, maxDepth: Int = 64) {
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }

    /// Parses `bytes` (UTF-8, or UTF-16 with a byte order mark) into a document. A big file
    /// whose second half continues a list is read in two parts side by side
    /// (`readInParts`), giving the same document.
    public func read(_ bytes: [UInt8]) throws(YAMLError) -> YAMLDocument {
        if bytes.count >= Self.partedReadSize, let document = readInParts(bytes) { return document }
        let result: Result<YAMLDocument, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var state = ReadState(reader: self, input: buffer)
            return state.run()
        }
        return try result.get()
    }
}

/// The mutable state of one read: the libyaml parser and the document under construction.
struct ReadState {
    struct Frame {
        var node: Int
        var pendingStart: Int
    }

    let reader: YAMLReader
    let input: UnsafeBufferPointer<UInt8>
    var nodes: [YAMLDocument.Node] = []
    var children: [Int32] = []
    var pending: [Int32] = []
    var stack: [Frame] = []
    var anchors: [String: Int] = [:]
    var root: Int? = nil
    var documents = 0
    var expansion = 0
    var usesAliases = false
    /// The 0-based line of the end of the stream, once read.
    var streamEndLine: Int32 = 0
    /// Where the document ended (the `...` marker, or the end of the stream), once read.
    var documentEnd = YAMLMark(line: 0, column: 0)

    init(reader: YAMLReader, input: UnsafeBufferPointer<UInt8>) {
        self.reader = reader
        self.input = input
        // A node takes at least six bytes of a typical file ("  - a\n"); reserving that many
        // up front spares a big list the copies (and page faults) of growing the arrays.
        // Pages reserved and never written cost no memory.
        let estimate = min(input.count / 6, 1 << 22)
        nodes.reserveCapacity(estimate)
        children.reserveCapacity(estimate)
    }

    mutating func run() -> Result<YAMLDocument, YAMLError> {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(YAMLError(.syntax, "libyaml could not be initialised", at: YAMLMark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(parser) }
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(parser, &empty, 0)
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                return .failure(syntaxError(parser.pointee))
            }
            defer { yaml_event_delete(&event) }
            do {
                if try handle(&event) { break }
            } catch {
                return .failure(error)
            }
        }
        guard let root else {
            return .failure(YAMLError(.empty, "the file is empty: a segment file holds one YAML mapping", at: YAMLMark(line: 1, column: 1)))
        }
        return .success(YAMLDocument(nodes: nodes, children: children, root: root, usesAliases: usesAliases))
    }

    /// Handles one event; returns true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            streamEndLine = Int32(clamping: event.start_mark.line)
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    .multipleDocuments,
                    "the file holds more than one YAML document; put one segment in each file",
                    at: mark(event.start_mark))
            }
        case YAML_DOCUMENT_END_EVENT:
            documentEnd = mark(event.start_mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let node = YAMLDocument.Node(
                value: value, start: mark(event.start_mark), end: mark(event.end_mark),
                firstChild: 0, childCount: 0, weight: 1,
                kind: .scalar, style: scalarStyle(scalar.style), tag: YAMLDocument.Node.Tag(string(scalar.tag)))
            let index = append(node)
            register(anchor: scalar.anchor, index)
            attach(index)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let flow = isSequence
                ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            let tag = isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag
            let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
            if stack.count >= reader.maxDepth {
                throw YAMLError(.tooDeep, "collections nest deeper than \(reader.maxDepth) levels", at: mark(event.start_mark))
            }
            let node = YAMLDocument.Node(
                value: "", start: mark(event.start_mark), end: mark(event.end_mark),
                firstChild: 0, childCount: 0, weight: 1,
                kind: isSequence ? .sequence : .mapping, style: flow ? .flow : .block, tag: YAMLDocument.Node.Tag(string(tag)))
            let index = append(node)
            attach(index)
            register(anchor: anchor, index)
            stack.append(Frame(node: index, pendingStart: pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let start = frame.pendingStart
            var weight = 1
            for position in start..<pending.count {
                weight = Self.saturatingAdd(weight, Int(nodes[Int(pending[position])].weight))
            }
            nodes[frame.node].firstChild = Int32(children.count)
            nodes[frame.node].childCount = Int32(pending.count - start)
            nodes[frame.node].end = mark(event.end_mark)
            nodes[frame.node].weight = Int32(clamping: weight)
            children.append(contentsOf: pending[start...])
            // No slice of `pending` may outlive this line: one still alive made the removal
            // copy the whole array, once per collection (10,000 expiring items in a list of
            // 100,000 took 1 GB of copying).
            pending.removeLast(pending.count - start)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw YAMLError(.unknownAnchor, "alias *\(name) refers to no anchor defined before it", at: mark(event.start_mark))
            }
            if stack.contains(where: { $0.node == target }) {
                throw YAMLError(.aliasBomb, "alias *\(name) refers to a collection that contains it", at: mark(event.start_mark))
            }
            usesAliases = true
            expansion = Self.saturatingAdd(expansion, Int(nodes[target].weight))
            if expansion > reader.maxAliasExpansion {
                throw YAMLError(
                    .aliasBomb,
                    "aliases expand to more than \(reader.maxAliasExpansion) nodes; refusing to expand them (a \"billion laughs\" file?)",
                    at: mark(event.start_mark))
            }
            attach(target)
        default:
            break
        }
        return false
    }

    mutating func append(_ node: YAMLDocument.Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func attach(_ index: Int) {
        if stack.isEmpty {
            root = index
        } else {
            pending.append(Int32(index))
        }
    }

    mutating func register(anchor: UnsafeMutablePointer<yaml_char_t>?, _ index: Int) {
        if let name = string(anchor) { anchors[name] = index }
    }

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int32(clamping: m.line + 1), column: Int32(clamping: m.column + 1))
    }

    func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLDocument.Node.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Turns libyaml's error fields into a located error.
    func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown YAML error"
        if parser.error == YAML_READER_ERROR {
            let at = markOfByte(parser.problem_offset)
            if problem.contains("control characters") {
                return YAMLError(.syntax, "\(problem) (is this a binary file?)", at: at)
            }
            if problem.contains("UTF") || problem.contains("octet") {
                return YAMLError(.syntax, "invalid UTF-8: \(problem) at byte \(parser.problem_offset)", at: at)
            }
            return YAMLError(.syntax, problem, at: at)
        }
        let at = mark(parser.problem_mark)
        if let contextPointer = parser.context {
            let context = String(cString: contextPointer)
            let contextAt = mark(parser.context_mark)
            return YAMLError(
                .syntax, "\(problem) (\(context) at line \(contextAt.line), column \(contextAt.column))",
                at: at)
        }
        return YAMLError(.syntax, problem, at: at)
    }

    /// Line and column of a byte offset, for reader errors that carry only an offset.
    func markOfByte(_ offset: Int) -> YAMLMark {
        YAMLReader.mark(ofByte: offset, in: input)
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

extension YAMLReader {
    /// Line and column of byte `offset` of `input`, for errors that carry only an offset: the
    /// input before it read as libyaml reads it (UTF-16 after a UTF-16 byte order mark, UTF-8
    /// otherwise, a byte order mark not counted), with libyaml's line breaks (LF, CRLF, CR,
    /// NEL, LS, PS), so the mark agrees with the marks of every other error.
    public static func mark(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        let end = min(offset, input.count)
        let text: String
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            let littleEndian = input[0] == 0xFF
            var units = stride(from: 2, to: end - 1, by: 2).map { index -> UInt16 in
                let (low, high) = littleEndian ? (input[index], input[index + 1]) : (input[index + 1], input[index])
                return UInt16(high) << 8 | UInt16(low)
            }
            // A pair broken after its high surrogate is reported at its low half: point at the pair.
            if let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
            text = String(decoding: units, as: UTF16.self)
        } else {
            let start = input.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, end) : 0
            text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
        }
        var line: Int32 = 1
        var column: Int32 = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where afterCR:
                break
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                line += 1
                column = 1
            default:
                column += 1
            }
            afterCR = scalar.value == 0x0D
        }
        return YAMLMark(line: line, column: column)
    }

    /// `mark(ofByte:in:)` of an array.
    public static func mark(ofByte offset: Int, in bytes: [UInt8]) -> YAMLMark {
        bytes.withUnsafeBufferPointer { mark(ofByte: offset, in: $0) }
    }

    /// Whether `bytes` start with a UTF-16 byte order mark (libyaml then reads UTF-16).
    public static func isUTF16(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }
}
