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

        /// Scalar, sequence or mapping.
        public var kind: Kind
        /// How it was written.
        public var style: Style
        /// Where the node starts (for a quoted scalar, at the quote).
        public var start: YAMLMark
        /// Where the node ends (just after its last character).
        public var end: YAMLMark
        /// A scalar's text after YAML unescaping and folding; empty for collections.
        public var value: String
        /// An explicit tag such as `tag:yaml.org,2002:str`, if the file wrote one.
        public var tag: String?
        /// First index of this collection's entries in the document's child list.
        var firstChild: Int32
        /// Number of entries (for a mapping, keys and values counted separately).
        var childCount: Int32
        /// Nodes in this subtree with aliases expanded, saturating; bounds alias expansion.
        var weight: Int
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

        public subscript(index: Int) -> Node {
            if index < head.count { return head[index] }
            var node = tail[index - head.count + 1]
            node.start.line += lineShift
            node.end.line += lineShift
            if node.kind != .scalar { node.firstChild += childShift }
            return node
        }
    }

    /// The node at `index`.
    public subscript(index: Int) -> Node { nodes[index] }

    /// The items of the sequence at `index`, as node indices.
    public func items(of index: Int) -> ArraySlice<Int32> {
        let node = nodes[index]
        let first = Int(node.firstChild)
        return children[first..<first + Int(node.childCount)]
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
