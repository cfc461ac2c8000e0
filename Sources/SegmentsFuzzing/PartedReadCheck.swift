import SegmentsCore

/// Segment file -> `YAMLReader.readInParts`, cut at lines spread over the input, against the
/// whole read.
///
/// Invariant: whenever the parts are joined, the whole read succeeds and gives the same tree:
/// the same kinds, styles, marks, values and tags, node for node from the root.
public enum PartedReadCheck {
    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let reader = YAMLReader()
        let whole = try? reader.read(bytes)
        for eighth in 0..<8 {
            guard let parted = reader.readInParts(bytes, cuttingFrom: bytes.count * eighth / 8) else { continue }
            guard let whole else {
                throw InvariantViolation("read in parts (cut after byte \(bytes.count * eighth / 8)), but the whole read fails")
            }
            try same(parted, parted.root, whole, whole.root, path: "root")
        }
    }

    static func same(_ a: YAMLDocument, _ x: Int, _ b: YAMLDocument, _ y: Int, path: String) throws(InvariantViolation) {
        let left = a[x]
        let right = b[y]
        try InvariantViolation.require(
            left.kind == right.kind && left.style == right.style && left.start == right.start && left.end == right.end
                && left.value == right.value && left.tag == right.tag,
            "\(path): read in parts \(left.kind) \(left.style) \(left.start)-\(left.end), whole \(right.kind) \(right.style) \(right.start)-\(right.end)")
        guard left.kind != .scalar else { return }
        let leftItems = a.items(of: x)
        let rightItems = b.items(of: y)
        try InvariantViolation.require(leftItems.count == rightItems.count, "\(path): \(leftItems.count) entries read in parts, \(rightItems.count) whole")
        for (position, (i, j)) in zip(leftItems, rightItems).enumerated() {
            try same(a, Int(i), b, Int(j), path: "\(path)[\(position)]")
        }
    }
}
