/// A segment as declared in one file: its desired state plus segctl's control keys and the
/// source marks that diagnostics point at.
public struct SegmentDeclaration: Sendable {
    /// The file's path relative to the repository root.
    public var file: String
    /// The desired state, with defaults filled in for omitted fields.
    public var state: SegmentState
    /// `id`: pins the file to an existing remote segment.
    public var pinnedID: String?
    /// `protect: true`: plan and apply refuse to delete the segment.
    public var protect: Bool
    /// Where each key's value starts (for a missing key, absent).
    public var valueMarks: [String: YAMLMark]
    /// Where each item of each list starts, parallel to the list's values.
    public var itemMarks: [String: [YAMLMark]]
    /// Where the file's top-level mapping starts.
    public var rootMark: YAMLMark

    /// Creates a declaration.
    public init(
        file: String, state: SegmentState, pinnedID: String? = nil, protect: Bool = false,
        valueMarks: [String: YAMLMark] = [:], itemMarks: [String: [YAMLMark]] = [:],
        rootMark: YAMLMark = YAMLMark(line: 1, column: 1)
    ) {
        self.file = file
        self.state = state
        self.pinnedID = pinnedID
        self.protect = protect
        self.valueMarks = valueMarks
        self.itemMarks = itemMarks
        self.rootMark = rootMark
    }

    /// The segment's name.
    public var name: String { state.name }

    /// Where `key`'s value is, or the start of the file when the key is absent.
    public func location(of key: String) -> SourceLocation {
        SourceLocation(file: file, mark: valueMarks[key] ?? rootMark)
    }

    /// Where item `index` of list `key` is.
    public func location(ofItem index: Int, in key: String) -> SourceLocation {
        if let marks = itemMarks[key], index < marks.count {
            return SourceLocation(file: file, mark: marks[index])
        }
        return location(of: key)
    }
}
