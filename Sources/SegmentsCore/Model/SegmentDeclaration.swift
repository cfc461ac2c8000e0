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
    /// `shards: N`: the list is split across N remote segments named `Name [k/N]`.
    public var shards: Int?
    /// Where each key's value starts (for a missing key, absent).
    public var valueMarks: [String: YAMLMark]
    /// Where each item of each list starts, parallel to the list's values.
    public var itemMarks: [String: ItemMarks]
    /// When items expire, by list key and item index (items written `{id: ..., expires: ...}`).
    public var expiries: [String: [Int: Timestamp]] = [:]
    /// Where the file's top-level mapping starts.
    public var rootMark: YAMLMark

    /// Creates a declaration.
    public init(
        file: String, state: SegmentState, pinnedID: String? = nil, protect: Bool = false,
        valueMarks: [String: YAMLMark] = [:], itemMarks: [String: ItemMarks] = [:],
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

    /// The desired state at `instant`: items whose expiry has come are no longer members.
    public func state(asOf instant: Timestamp?) -> SegmentState {
        guard let instant, !expiries.isEmpty else { return state }
        var result = state
        for (key, byIndex) in expiries {
            guard let items = state[key].listItems else { continue }
            let expired = Set(byIndex.filter { $0.value <= instant }.map(\.key))
            guard !expired.isEmpty else { continue }
            result[key] = .list(items.enumerated().filter { !expired.contains($0.offset) }.map(\.element))
        }
        return result
    }

    /// The items of list `key` that have expired at `instant`, by ID, with their expiry.
    public func expiredItems(in key: String, asOf instant: Timestamp?) -> [String: Timestamp] {
        guard let instant, let byIndex = expiries[key], let items = state[key].listItems else { return [:] }
        var result: [String: Timestamp] = [:]
        for (index, expiry) in byIndex where expiry <= instant && index < items.count {
            result[items[index]] = expiry
        }
        return result
    }

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

extension SegmentDeclaration {
    /// Where each item of a list starts. A list written one item per line, all at one column
    /// (what fmt, import and most editors write), is held as its first mark and a count, so
    /// 10,000,000 IDs in such lists cost nothing here rather than 80 MB; any other layout keeps
    /// every mark.
    public struct ItemMarks: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
        private enum Storage: Sendable {
            /// Item `i` at line `first.line + i`, column `first.column`.
            case lines(first: YAMLMark, count: Int)
            case marks([YAMLMark])
        }

        private var storage = Storage.marks([])
        /// How many marks the list will hold, if known: room made at once when the marks
        /// stop following the lines.
        private var expectedCount = 0

        /// No marks.
        public init() {}

        /// Marks in list order.
        public init(_ marks: some Sequence<YAMLMark>) {
            for mark in marks { append(mark) }
        }

        public init(arrayLiteral marks: YAMLMark...) {
            self.init(marks)
        }

        public var startIndex: Int { 0 }

        public var endIndex: Int {
            switch storage {
            case .lines(_, let count): count
            case .marks(let marks): marks.count
            }
        }

        public subscript(index: Int) -> YAMLMark {
            switch storage {
            case .lines(let first, let count):
                precondition(index >= 0 && index < count, "item mark index out of range")
                return YAMLMark(line: first.line + Int32(index), column: first.column)
            case .marks(let marks):
                return marks[index]
            }
        }

        /// Makes room for `count` marks, should they need an array.
        public mutating func reserveCapacity(_ count: Int) {
            expectedCount = count
            if case .marks(let marks) = storage, !marks.isEmpty { withMarks { $0.reserveCapacity(count) } }
        }

        /// Adds the marks of the next items.
        public mutating func append(contentsOf next: ItemMarks) {
            if isEmpty {
                self = next
            } else if case .lines(let first, let count) = storage, case .lines(let nextFirst, let nextCount) = next.storage,
                      nextFirst == YAMLMark(line: first.line + Int32(count), column: first.column) {
                storage = .lines(first: first, count: count + nextCount)
            } else {
                withMarks { $0.append(contentsOf: next) }
            }
        }

        /// Adds the mark of the next item.
        public mutating func append(_ mark: YAMLMark) {
            if isEmpty {
                storage = .lines(first: mark, count: 1)
            } else if case .lines(let first, let count) = storage, mark == YAMLMark(line: first.line + Int32(count), column: first.column) {
                storage = .lines(first: first, count: count + 1)
            } else {
                withMarks { $0.append(mark) }
            }
        }

        /// Changes the marks as an array (made from the lines, with room for the expected
        /// count, if they were lines). The storage is emptied first, so the array is its only
        /// reference and grows in place.
        private mutating func withMarks(_ change: (inout [YAMLMark]) -> Void) {
            var marks: [YAMLMark]
            if case .marks(let kept) = storage {
                storage = .marks([])
                marks = kept
            } else {
                marks = []
                marks.reserveCapacity(Swift.max(expectedCount, count + 1))
                marks.append(contentsOf: self)
            }
            change(&marks)
            storage = .marks(marks)
        }
    }
}
