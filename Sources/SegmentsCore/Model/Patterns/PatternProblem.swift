/// Why a pattern cannot be an ID format: it is not a valid regular expression, or it uses a
/// construct the linear-time automaton cannot run. `reason` completes a sentence that starts
/// with the pattern: "idFormats.user '(a+)+(?!x)' uses a lookahead '(?!...)', which ...".
struct PatternProblem: Error, Sendable {
    /// The rest of the sentence.
    var reason: String

    /// The pattern is not valid syntax.
    static func invalid(_ detail: String) -> PatternProblem {
        PatternProblem(reason: "is not a valid regular expression: \(detail)")
    }

    /// The pattern uses `construct`, which the automaton does not run.
    static func unsupported(_ construct: String) -> PatternProblem {
        PatternProblem(reason: "uses \(construct), which ID formats do not support: they are matched by a linear-time automaton, so that no pattern can make validation slow; rewrite the pattern without it")
    }
}
