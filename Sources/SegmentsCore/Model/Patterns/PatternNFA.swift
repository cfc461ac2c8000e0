/// A Thompson NFA over bytes with epsilon moves, built from a pattern's syntax tree.
struct PatternNFA {
    struct State {
        var epsilon: [Int] = []
        var moves: [(ByteSet, Int)] = []
    }

    /// The most states built before the pattern is called too complex.
    static let maxStates = 20_000

    private(set) var states: [State] = []

    /// A fresh state, or a refusal when there are too many.
    mutating func newState() throws(PatternProblem) -> Int {
        guard states.count < Self.maxStates else {
            throw .unsupported("so many repetitions that its automaton would need over \(Self.maxStates) states")
        }
        states.append(State())
        return states.count - 1
    }

    /// Builds `node` starting at `start`; returns its end state.
    mutating func build(_ node: PatternNode, from start: Int) throws(PatternProblem) -> Int {
        switch node {
        case .empty:
            return start
        case .characters(let set, let anyNonASCII):
            let end = try newState()
            if !set.isEmpty { states[start].moves.append((set, end)) }
            if anyNonASCII { try addNonASCIICharacter(from: start, to: end) }
            return end
        case .sequence(let sequence):
            var current = start
            for byte in sequence {
                let next = try newState()
                states[current].moves.append((ByteSet(byte), next))
                current = next
            }
            return current
        case .concat(let items):
            var current = start
            for item in items { current = try build(item, from: current) }
            return current
        case .alternation(let branches):
            let end = try newState()
            for branch in branches {
                let branchStart = try newState()
                states[start].epsilon.append(branchStart)
                let branchEnd = try build(branch, from: branchStart)
                states[branchEnd].epsilon.append(end)
            }
            return end
        case .repetition(let inner, let min, let max):
            var current = start
            for _ in 0..<min { current = try build(inner, from: current) }
            guard let max else {
                let loop = try newState()
                states[current].epsilon.append(loop)
                let innerEnd = try build(inner, from: loop)
                states[innerEnd].epsilon.append(loop)
                return loop
            }
            guard max > min else { return current }
            let end = try newState()
            for _ in min..<max {
                states[current].epsilon.append(end)
                current = try build(inner, from: current)
            }
            states[current].epsilon.append(end)
            return end
        }
    }

    /// Any one non-ASCII character: a UTF-8 lead byte and its continuation bytes. Input is a
    /// Swift string, so it is always valid UTF-8 and the lead byte fixes the length.
    private mutating func addNonASCIICharacter(from start: Int, to end: Int) throws(PatternProblem) {
        let continuation = ByteSet(range: 0x80...0xBF)
        let oneMore = try newState()
        let twoMore = try newState()
        let threeMore = try newState()
        states[start].moves.append((ByteSet(range: 0xC2...0xDF), oneMore))
        states[start].moves.append((ByteSet(range: 0xE0...0xEF), twoMore))
        states[start].moves.append((ByteSet(range: 0xF0...0xF4), threeMore))
        states[threeMore].moves.append((continuation, twoMore))
        states[twoMore].moves.append((continuation, oneMore))
        states[oneMore].moves.append((continuation, end))
    }
}
