/// The syntax tree of an ID-format pattern, over bytes.
indirect enum PatternNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One ASCII character from the set, or, when `anyNonASCII`, also any one non-ASCII
    /// character (its whole UTF-8 sequence).
    case characters(ByteSet, anyNonASCII: Bool)
    /// The UTF-8 bytes of one literal character, in order.
    case sequence([UInt8])
    /// Each in turn.
    case concat([PatternNode])
    /// Any one of them.
    case alternation([PatternNode])
    /// `min` to `max` (nil: unbounded) repetitions.
    case repetition(PatternNode, min: Int, max: Int?)
}
