/// A parsed YAML document: every node with its source marks, stored flat for speed.
///
/// Nodes live in one array and refer to their children by index, so a file of 100,000 IDs costs
/// two arrays rather than 100,000 heap objects. Aliases are resolved while reading: a child slot
/// holds the index of the anchored node, whose expanded size the reader has already bounded.
public struct YAMLDocument: Sendable {
    /// One scalar, sequence or mapping.
    public struct Node: Sendable {
        /// The three YAML node kinds.
        public enum Kind: UInt8, Sendable {
            case scalar, sequence, mapping
        }

        /// How the node was written; scalars and collections use disjoint cases.
        public enum Style: UInt8, Sendable {
            case plain, singleQuoted, doubleQuoted, literal, folded
            case block, flow
        }

        /// An explicit tag, as far as segctl tells them apart: the YAML core schema's null,
        /// bool, int and float tags, or any other (`!!str`, `!custom`).
        public enum Tag: UInt8, Sendable {
            case none, null, bool, int, float, other

            /// The tag libyaml reported (shorthands such as `!!int` already resolved).
            init(_ tag: String?) {
                switch tag {
                case nil: self = .none
                case "tag:yaml.org,2002:null": self = .null
                case "tag:yaml.org,2002:bool": self = .bool
                case "tag:yaml.org,2002:int": self = .int
                case "tag:yaml.org,2002:float": self = .float
                default: self = .other
                }
            }
        }

        // Stored widest first, so a node takes 48 bytes: a file of 100,000 IDs reads into
        // 4.8 MB of nodes.

        /// A scalar's text after YAML unescaping and folding; empty for collections.
        public var value: String
        /// Where the node starts (for a quoted scalar, at the quote).
        public var start: YAMLMark
        /// Where the node ends (just after its last character).
        public var end: YAMLMark
        /// First index of this collection's entries in the document's child list.
        var firstChild: Int32
        /// Number of entries (for a mapping, keys and values counted separately).
        var childCount: Int32
        /// Nodes in this subtree with aliases expanded, saturating; bounds alias expansion.
        var weight: Int32
        /// Scalar, sequence or mapping.
        public var kind: Kind
        /// How it was written.
        public var style: Style
        /// An explicit tag such as `!!str`, if the file wrote one.
        public var tag: Tag
    }

    /// All nodes, in the order their events arrived.
    public internal(set) var nodes: Nodes
    /// Children of all collections; each collection's children are contiguous.
    var children: [Int32]
    /// Index of the document's root node.
    public internal(set) var root: Int
    /// Whether any alias was used; editors refuse such files rather than guess.
    public internal(set) var usesAliases: Bool

    /// A document of `nodes` whose collections' entries are in `children`.
    init(nodes: [Node], children: [Int32], root: Int, usesAliases: Bool) {
        self.nodes = Nodes(head: nodes)
        self.children = children
        self.root = root
        self.usesAliases = usesAliases
    }

    /// The nodes of a document, in the order their events arrived.
    ///
    /// A document read in two parts (`YAMLReader.readInParts`) keeps the second part's nodes
    /// in their own array, in the pages its core wrote, and shifts their lines and child
    /// positions as they are read: joining them after the first part's would copy every node
    /// on one core.
    public struct Nodes: RandomAccessCollection, Sendable {
        /// The nodes, or those of the first part.
        var head: [Node]
        /// The second part's nodes; its first, the list its items were in, is not a node of
        /// the document: `tail[i - head.count + 1]` is node `i`.
        var tail: [Node] = []
        /// Lines of the first part, added to the second part's marks.
        var lineShift: Int32 = 0
        /// Where the second part's child lists start in the document's.
        var childShift: Int32 = 0

        public var startIndex: Int { 0 }
        public var endIndex: Int { head.count + Swift.max(tail.count - 1, 0) }

        @inline(__always)
        public subscript(index: Int) -> Node {
            if index < head.count { return head[index] }
            var node = tail[index - head.count + 1]
            node.start.line += lineShift
            node.end.line += lineShift
            if node.kind != .scalar { node.firstChild += childShift }
            return node
        }

        // Single fields, read in place: a loop over 100,000 items that copied each node
        // (retaining its text) spent more time copying than deciding.

        /// `field` of node `index` as stored (for the second part, before its shifts).
        @inline(__always)
        private func stored<Field>(_ index: Int, _ field: (Node) -> Field) -> Field {
            index < head.count ? field(head[index]) : field(tail[index - head.count + 1])
        }

        /// The kind of node `index`.
        @inline(__always)
        public func kind(_ index: Int) -> Node.Kind { stored(index) { $0.kind } }

        /// How node `index` was written.
        @inline(__always)
        public func style(_ index: Int) -> Node.Style { stored(index) { $0.style } }

        /// The text of node `index` (empty for a collection).
        @inline(__always)
        public func value(_ index: Int) -> String { stored(index) { $0.value } }

        /// Where node `index` starts.
        @inline(__always)
        public func start(_ index: Int) -> YAMLMark {
            var mark = stored(index) { $0.start }
            if index >= head.count { mark.line += lineShift }
            return mark
        }

        /// Where the entries of collection `index` are in the document's child list.
        @inline(__always)
        func childRange(_ index: Int) -> Range<Int> {
            let (first, count) = stored(index) { (Int($0.firstChild), Int($0.childCount)) }
            let shifted = index < head.count ? first : first + Int(childShift)
            return shifted..<shifted + count
        }
    }

    /// The node at `index`.
    @inline(__always)
    public subscript(index: Int) -> Node { nodes[index] }

    /// The items of the sequence at `index`, as node indices.
    public func items(of index: Int) -> ArraySlice<Int32> {
        children[nodes.childRange(index)]
    }

    /// The key/value pairs of the mapping at `index`, as node indices, in file order: read in
    /// place from the child list, without building an array (a list of 10,000 expiring items
    /// asks for 10,000 of them).
    public func pairs(of index: Int) -> Pairs {
        Pairs(entries: items(of: index))
    }

    /// A mapping's entries taken two by two.
    public struct Pairs: RandomAccessCollection, Sendable {
        let entries: ArraySlice<Int32>

        public var startIndex: Int { 0 }
        public var endIndex: Int { entries.count / 2 }

        public subscript(position: Int) -> (key: Int, value: Int) {
            let key = entries.startIndex + 2 * position
            return (Int(entries[key]), Int(entries[key + 1]))
        }
    }
}
