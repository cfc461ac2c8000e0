/// An ID format compiled to a deterministic automaton over UTF-8 bytes.
///
/// A match is one table lookup per byte, whatever the pattern: no backtracking, so no pattern
/// in `segctl.yaml` can make validating a million IDs slow, and the cost of a check never
/// depends on how the pattern is written.
struct PatternAutomaton: Sendable {
    /// The most states of the automaton.
    static let maxStates = 4_096

    /// `transitions[state * 256 + byte]`, -1 for the dead state.
    private let transitions: [Int32]
    private let accepting: [Bool]

    /// Compiles `pattern`, or says why it cannot be an ID format.
    init(_ pattern: String) throws(PatternProblem) {
        var parser = PatternParser(pattern)
        let tree = try parser.parse()
        var nfa = PatternNFA()
        let start = try nfa.newState()
        let end = try nfa.build(tree, from: start)
        (transitions, accepting) = try Self.determinize(nfa, start: start, accept: end)
    }

    /// Whether the whole of `bytes` matches.
    func matches<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var state: Int32 = 0
        for byte in bytes {
            state = transitions[Int(state) &* 256 &+ Int(byte)]
            if state < 0 { return false }
        }
        return accepting[Int(state)]
    }

    /// Subset construction from the NFA to a full transition table.
    private static func determinize(_ nfa: PatternNFA, start: Int, accept: Int) throws(PatternProblem) -> ([Int32], [Bool]) {
        func closure(_ seeds: [Int]) -> [Int] {
            var seen = Set(seeds)
            var stack = seeds
            while let state = stack.popLast() {
                for next in nfa.states[state].epsilon where seen.insert(next).inserted {
                    stack.append(next)
                }
            }
            return seen.sorted()
        }
        var ids: [[Int]: Int32] = [:]
        var sets: [[Int]] = []
        var transitions: [Int32] = []
        var accepting: [Bool] = []
        var closures: [[Int]: [Int]] = [:]
        let first = closure([start])
        ids[first] = 0
        sets.append(first)
        var next = 0
        while next < sets.count {
            let current = sets[next]
            accepting.append(current.contains(accept))
            var targetsByByte = [[Int]](repeating: [], count: 256)
            for state in current {
                for (set, target) in nfa.states[state].moves {
                    for byte in 0..<256 where set.contains(UInt8(byte)) {
                        targetsByByte[byte].append(target)
                    }
                }
            }
            var row = [Int32](repeating: -1, count: 256)
            for byte in 0..<256 {
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
                    guard sets.count < maxStates else {
                        throw .unsupported("a combination of repetitions whose automaton would need over \(maxStates) states")
                    }
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
