/// A position reported by libyaml, converted to 1-based line and column.
public struct YAMLMark: Hashable, Sendable, Comparable {
    /// 1-based line.
    public var line: Int32
    /// 1-based column, in Unicode scalars.
    public var column: Int32

    /// Creates a mark from 1-based values.
    public init(line: Int32, column: Int32) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
