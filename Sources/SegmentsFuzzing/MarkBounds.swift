import SegmentsCore

/// Where a position may point in an input, counted the way libyaml counts marks, so that
/// every diagnostic about the input can be checked to lie inside it.
///
/// The input is decoded as libyaml decodes it: UTF-16 after a UTF-16 byte order mark, UTF-8
/// otherwise, a UTF-8 byte order mark skipped, and every malformed sequence read as one
/// U+FFFD (libyaml stops at the first, so nothing it reports lies beyond it). The text is split
/// into its lines at libyaml's line breaks (LF, CRLF, CR, NEL, LS, PS); a last line without a
/// break is a line, the nothing after a final break is not. With `n` lines, a position is
/// inside the input when its line is in 1...n+1 and its column in 1...(that line's length in
/// Unicode scalars)+1, line n+1 having length 0. Column length+1 is where libyaml marks the end
/// of a line; line n+1, column 1 is where it marks the end of the input, also when the last line
/// has no break (libyaml then starts a new line before ending the stream).
struct MarkBounds {
    /// The length of each line in Unicode scalars, without its break.
    let lineLengths: [Int]

    /// The bounds of `bytes`.
    init(_ bytes: [UInt8]) {
        var lengths: [Int] = []
        var length = 0
        var previousWasCR = false
        for scalar in Self.decode(bytes) {
            switch scalar.value {
            case 0x0A where previousWasCR:
                break
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                lengths.append(length)
                length = 0
            default:
                length += 1
            }
            previousWasCR = scalar.value == 0x0D
        }
        if length > 0 { lengths.append(length) }
        lineLengths = lengths
    }

    /// Whether a 1-based line and column lie inside the input.
    func contains(line: Int, column: Int) -> Bool {
        guard line >= 1, line <= lineLengths.count + 1 else { return false }
        let length = line <= lineLengths.count ? lineLengths[line - 1] : 0
        return column >= 1 && column <= length + 1
    }

    /// Throws unless every location in `diagnostics` (and in their notes) that names `file`
    /// lies inside the input; `context` says which entry point reported them.
    func check(_ diagnostics: [Diagnostic], file: String, _ context: String) throws(InvariantViolation) {
        for diagnostic in diagnostics {
            let locations = [diagnostic.location] + diagnostic.notes.map(\.location)
            for case let location? in locations where location.file == file {
                try InvariantViolation.require(
                    contains(line: location.line, column: location.column),
                    "\(context): [\(diagnostic.rule)] '\(diagnostic.message)' points at \(location.line):\(location.column), outside the input (\(lineLengths.count) lines; line lengths \(lineLengths.prefix(20)))")
            }
        }
    }

    /// The Unicode scalars libyaml reads from `bytes`.
    static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { index -> UInt16 in
                let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                return UInt16(high) << 8 | UInt16(low)
            }
            return Array(String(decoding: units, as: UTF16.self).unicodeScalars)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return Array(String(decoding: body, as: UTF8.self).unicodeScalars)
    }
}
