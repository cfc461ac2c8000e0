/// A file's bytes split into lines, with the conversions from parser marks to byte offsets
/// that editing needs. Lines keep their own terminators, so untouched lines are copied byte
/// for byte, Windows line endings included.
public struct SourceText: Sendable {
    /// The whole file.
    public let bytes: [UInt8]
    /// Each line's content, without its terminator.
    public let lines: [Range<Int>]
    /// Each line's terminator (`\n`, `\r\n` or none on a last line without one).
    public let terminators: [Range<Int>]
    /// The line ending new lines get: the file's own (`\r\n` if its first line ends so).
    public let newline: [UInt8]
    /// Bytes of a UTF-8 byte order mark at the start, which libyaml skips.
    let bomLength: Int

    /// Splits `bytes` into lines where libyaml counts line breaks (LF, CRLF, CR, and the
    /// Unicode breaks NEL, LS and PS), so a mark's line is an index here. A byte order mark is
    /// not part of the first line.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [Range<Int>] = []
        var terminators: [Range<Int>] = []
        var start = bomLength
        var index = bomLength
        while index < bytes.count {
            let length = Self.breakLength(bytes, at: index)
            if length > 0 {
                lines.append(start..<index)
                terminators.append(index..<(index + length))
                index += length
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            lines.append(start..<bytes.count)
            terminators.append(bytes.count..<bytes.count)
        }
        self.lines = lines
        self.terminators = terminators
        newline = terminators.first.map { Array(bytes[$0]) }.flatMap { $0.isEmpty ? nil : $0 } ?? [10]
    }

    /// The length of a line break at `index`, 0 if there is none.
    static func breakLength(_ bytes: [UInt8], at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The byte order mark, if the file starts with one.
    public var byteOrderMark: ArraySlice<UInt8> { bytes[0..<bomLength] }

    /// The 0-based index of the line a 1-based mark is on.
    public func lineIndex(_ mark: YAMLMark) -> Int {
        Int(mark.line) - 1
    }

    /// The byte offset of a mark (columns count Unicode scalars, as libyaml does).
    public func offset(of mark: YAMLMark) -> Int {
        let index = lineIndex(mark)
        guard index < lines.count else { return bytes.count }
        var offset = lines[index].lowerBound
        var column: Int32 = 1
        while column < mark.column, offset < lines[index].upperBound {
            offset += Self.scalarLength(bytes[offset])
            column += 1
        }
        return min(offset, bytes.count)
    }

    /// The text of a line, without its terminator.
    public func line(_ index: Int) -> ArraySlice<UInt8> {
        bytes[lines[index]]
    }

    /// The line with its terminator.
    public func fullLine(_ index: Int) -> ArraySlice<UInt8> {
        bytes[lines[index].lowerBound..<terminators[index].upperBound]
    }

    /// Whether a line is empty or only whitespace.
    public func isBlank(_ index: Int) -> Bool {
        line(index).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Whether a line holds only a comment.
    public func isComment(_ index: Int) -> Bool {
        line(index).first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == UInt8(ascii: "#")
    }

    /// The comment after `offset` on its line (from `#`, trailing spaces trimmed), if the rest
    /// of the line is only whitespace and a comment.
    public func trailingComment(after offset: Int, line index: Int) -> [UInt8]? {
        var position = offset
        let end = lines[index].upperBound
        while position < end, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        guard position < end, bytes[position] == UInt8(ascii: "#") else { return nil }
        var last = end
        while last > position, bytes[last - 1] == UInt8(ascii: " ") || bytes[last - 1] == UInt8(ascii: "\t") { last -= 1 }
        return Array(bytes[position..<last])
    }

    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
