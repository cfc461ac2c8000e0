/// A regular expression compiled to a deterministic automaton over ASCII bytes.
///
/// ID formats are checked a million times in a large repository; a regex engine's per-match
/// setup would dominate. This compiles the common subset of ICU syntax (literals, classes,
/// escapes `\d \w`, groups, alternation, `* + ? {n,m}`, and `^`/`$` at the ends) to a table,
/// so a match is one lookup per byte. Patterns outside the subset return nil and are matched
/// by `NSRegularExpression` instead, so the subset only ever changes speed, never results.
struct PatternAutomaton: Sendable {
    /// `transitions[state * 128 + byte]`, -1 for the dead state.
    private let transitions: [Int32]
    private let accepting: [Bool]

    /// Compiles `pattern`, or returns nil if it uses syntax outside the supported subset or
    /// would need too many states.
    init?(_ pattern: String) {
        guard pattern.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parser = Parser(Array(pattern.utf8))
        guard let ast = parser.parseWhole() else { return nil }
        var nfa = NFA()
        let start = nfa.newState()
        guard let end = nfa.build(ast, from: start), nfa.states.count <= 20_000 else { return nil }
        guard let dfa = DFABuilder(nfa: nfa, start: start, accept: end).build(maxStates: 4_096) else { return nil }
        transitions = dfa.transitions
        accepting = dfa.accepting
    }

    /// Whether the whole of `bytes` matches; nil when a byte is not ASCII (the caller falls back).
    func matches<C: Collection>(_ bytes: C) -> Bool? where C.Element == UInt8 {
        var state: Int32 = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            state = transitions[Int(state) &* 128 &+ Int(byte)]
            if state < 0 { return false }
        }
        return accepting[Int(state)]
    }
}

/// A set of ASCII bytes.
private struct ByteSet: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let all = ByteSet(low: ~0, high: ~0)

    init(low: UInt64 = 0, high: UInt64 = 0) {
        self.low = low
        self.high = high
    }

    init(_ byte: UInt8) {
        insert(byte)
    }

    init(range: ClosedRange<UInt8>) {
        for b in range { insert(b) }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
    }

    mutating func formUnion(_ other: ByteSet) {
        low |= other.low
        high |= other.high
    }

    var inverted: ByteSet { ByteSet(low: ~low, high: ~high) }

    static let digits = ByteSet(range: UInt8(ascii: "0")...UInt8(ascii: "9"))
    static let word: ByteSet = {
        var s = digits
        s.formUnion(ByteSet(range: UInt8(ascii: "a")...UInt8(ascii: "z")))
        s.formUnion(ByteSet(range: UInt8(ascii: "A")...UInt8(ascii: "Z")))
        s.insert(UInt8(ascii: "_"))
        return s
    }()
    /// ICU's `.` excludes the line terminators; on ASCII those are \n, \v, \f and \r.
    static let dot: ByteSet = {
        var s = ByteSet.all
        s.low &= ~(UInt64(0b1111) << 10)
        return s
    }()
}

/// The syntax tree of the supported subset.
private indirect enum PatternNode {
    case empty
    case set(ByteSet)
    case concat([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, min: Int, max: Int?)
}

/// A recursive-descent parser for the subset; any unsupported construct makes it return nil.
private struct Parser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func parseWhole() -> PatternNode? {
        guard let node = parseAlternation(), i == bytes.count else { return nil }
        return node
    }

    mutating func parseAlternation() -> PatternNode? {
        var branches: [PatternNode] = []
        while true {
            guard let branch = parseConcat() else { return nil }
            branches.append(branch)
            if peek == UInt8(ascii: "|") { i += 1 } else { break }
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcat() -> PatternNode? {
        var items: [PatternNode] = []
        let branchStart = i
        while let c = peek, c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            if c == UInt8(ascii: "^") {
                // Whole-string matching makes a leading ^ of a top-level branch a no-op.
                guard depth == 0, i == branchStart else { return nil }
                i += 1
                continue
            }
            if c == UInt8(ascii: "$") {
                i += 1
                guard depth == 0, peek == nil || peek == UInt8(ascii: "|") else { return nil }
                continue
            }
            guard let atom = parseAtom(), let repeated = parseQuantifiers(atom) else { return nil }
            items.append(repeated)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    mutating func parseQuantifiers(_ atom: PatternNode) -> PatternNode? {
        var node = atom
        var quantified = false
        while let c = peek {
            var min = 0
            var max: Int? = nil
            switch c {
            case UInt8(ascii: "*"): i += 1
            case UInt8(ascii: "+"): i += 1; min = 1
            case UInt8(ascii: "?"): i += 1; max = 1
            case UInt8(ascii: "{"):
                guard let bounds = parseBounds() else { return nil }
                (min, max) = bounds
            default:
                return node
            }
            // A second quantifier directly after one is lazy (`*?`, same language) or possessive (`*+`, not supported).
            if quantified { return nil }
            if peek == UInt8(ascii: "?") { i += 1 }
            if peek == UInt8(ascii: "+") { return nil }
            node = .repetition(node, min: min, max: max)
            quantified = true
        }
        return node
    }

    mutating func parseBounds() -> (Int, Int?)? {
        i += 1
        guard let min = parseNumber() else { return nil }
        var max: Int? = min
        if peek == UInt8(ascii: ",") {
            i += 1
            max = peek == UInt8(ascii: "}") ? nil : parseNumber()
            if max == nil && peek != UInt8(ascii: "}") { return nil }
        }
        guard peek == UInt8(ascii: "}") else { return nil }
        i += 1
        if let max, max < min { return nil }
        guard min <= 1_000, (max ?? 0) <= 1_000 else { return nil }
        return (min, max)
    }

    mutating func parseNumber() -> Int? {
        var value = 0
        var digits = 0
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9"), digits < 5 {
            value = value * 10 + Int(c - UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    mutating func parseAtom() -> PatternNode? {
        guard let c = peek else { return nil }
        i += 1
        switch c {
        case UInt8(ascii: "("):
            if peek == UInt8(ascii: "?") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") else { return nil }
                i += 2
            }
            depth += 1
            guard let inner = parseAlternation(), peek == UInt8(ascii: ")") else { return nil }
            depth -= 1
            i += 1
            return inner
        case UInt8(ascii: "["):
            return parseClass().map(PatternNode.set)
        case UInt8(ascii: "."):
            return .set(.dot)
        case UInt8(ascii: "\\"):
            return parseEscape(inClass: false).map(PatternNode.set)
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            return nil
        default:
            return .set(ByteSet(c))
        }
    }

    /// Parses an escape after the backslash.
    mutating func parseEscape(inClass: Bool) -> ByteSet? {
        guard let c = peek else { return nil }
        i += 1
        switch c {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.inverted
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return ByteSet.word.inverted
        case UInt8(ascii: "t"): return ByteSet(0x09)
        case UInt8(ascii: "n"): return ByteSet(0x0A)
        case UInt8(ascii: "r"): return ByteSet(0x0D)
        case UInt8(ascii: "f"): return ByteSet(0x0C)
        default:
            // Escaped punctuation is literal; letters and digits name classes, anchors or
            // back-references that this subset leaves to the regex engine.
            let isAlphanumeric = ByteSet.word.contains(c) && c != UInt8(ascii: "_")
            return isAlphanumeric ? nil : ByteSet(c)
        }
    }

    mutating func parseClass() -> ByteSet? {
        var set = ByteSet()
        var negated = false
        if peek == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        var first = true
        while let c = peek {
            if c == UInt8(ascii: "]") {
                if first { return nil }
                break
            }
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "&"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "&") { return nil }
            first = false
            i += 1
            var lowSet: ByteSet
            var low: UInt8? = c
            if c == UInt8(ascii: "\\") {
                guard let escaped = parseEscape(inClass: true) else { return nil }
                lowSet = escaped
                let single = (0..<128).filter { escaped.contains(UInt8($0)) }
                low = single.count == 1 ? UInt8(single[0]) : nil
            } else {
                lowSet = ByteSet(c)
            }
            if peek == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "]") {
                guard let lo = low else { return nil }
                i += 1
                guard var hi = peek else { return nil }
                i += 1
                if hi == UInt8(ascii: "\\") {
                    guard let escaped = parseEscape(inClass: true) else { return nil }
                    let single = (0..<128).filter { escaped.contains(UInt8($0)) }
                    guard single.count == 1 else { return nil }
                    hi = UInt8(single[0])
                } else if hi == UInt8(ascii: "[") {
                    return nil
                }
                guard lo <= hi else { return nil }
                lowSet = ByteSet(range: lo...hi)
            }
            set.formUnion(lowSet)
        }
        guard peek == UInt8(ascii: "]") else { return nil }
        i += 1
        return negated ? set.inverted : set
    }
}

/// A Thompson NFA over byte sets with epsilon moves.
private struct NFA {
    struct State {
        var epsilon: [Int] = []
        var moves: [(ByteSet, Int)] = []
    }

    var states: [State] = []

    mutating func newState() -> Int {
        states.append(State())
        return states.count - 1
    }

    /// Builds `node` starting at `start`; returns its end state, or nil when too large.
    mutating func build(_ node: PatternNode, from start: Int) -> Int? {
        guard states.count <= 20_000 else { return nil }
        switch node {
        case .empty:
            return start
        case .set(let set):
            let end = newState()
            states[start].moves.append((set, end))
            return end
        case .concat(let items):
            var current = start
            for item in items {
                guard let next = build(item, from: current) else { return nil }
                current = next
            }
            return current
        case .alternation(let branches):
            let end = newState()
            for branch in branches {
                let branchStart = newState()
                states[start].epsilon.append(branchStart)
                guard let branchEnd = build(branch, from: branchStart) else { return nil }
                states[branchEnd].epsilon.append(end)
            }
            return end
        case .repetition(let inner, let min, let max):
            var current = start
            for _ in 0..<min {
                guard let next = build(inner, from: current) else { return nil }
                current = next
            }
            guard let max else {
                let loop = newState()
                states[current].epsilon.append(loop)
                guard let innerEnd = build(inner, from: loop) else { return nil }
                states[innerEnd].epsilon.append(loop)
                return loop
            }
            if max > min {
                let end = newState()
                for _ in min..<max {
                    states[current].epsilon.append(end)
                    guard let next = build(inner, from: current) else { return nil }
                    current = next
                }
                states[current].epsilon.append(end)
                return end
            }
            return current
        }
    }
}

/// Subset construction from the NFA to a full transition table.
private struct DFABuilder {
    let nfa: NFA
    let start: Int
    let accept: Int

    func closure(_ seeds: [Int]) -> [Int] {
        var seen = Set(seeds)
        var stack = seeds
        while let s = stack.popLast() {
            for t in nfa.states[s].epsilon where seen.insert(t).inserted {
                stack.append(t)
            }
        }
        return seen.sorted()
    }

    func build(maxStates: Int) -> (transitions: [Int32], accepting: [Bool])? {
        var ids: [[Int]: Int32] = [:]
        var sets: [[Int]] = []
        var transitions: [Int32] = []
        var accepting: [Bool] = []
        let first = closure([start])
        ids[first] = 0
        sets.append(first)
        var next = 0
        var closures: [[Int]: [Int]] = [:]
        while next < sets.count {
            let current = sets[next]
            accepting.append(current.contains(accept))
            var targetsByByte = [[Int]](repeating: [], count: 128)
            for s in current {
                for (set, t) in nfa.states[s].moves {
                    for byte in 0..<128 where set.contains(UInt8(byte)) {
                        targetsByByte[byte].append(t)
                    }
                }
            }
            var row = [Int32](repeating: -1, count: 128)
            for byte in 0..<128 {
                let targets = targetsByByte[byte]
                guard !targets.isEmpty else { continue }
                let target: [Int]
                if let cached = closures[targets] {
                    target = cached
                } else {
                    target = closure(targets)
                    closures[targets] = target
                }
                if let id = ids[target] {
                    row[byte] = id
                } else {
                    guard sets.count < maxStates else { return nil }
                    let id = Int32(sets.count)
                    ids[target] = id
                    sets.append(target)
                    row[byte] = id
                }
            }
            transitions.append(contentsOf: row)
            next += 1
        }
        return (transitions, accepting)
    }
}
