/// An array from a request body as the API reads it: every array field is a list of strings,
/// so the strings are kept, and of the other elements only the first, for the error message.
struct JSONStringList: Sendable {
    /// The strings, in order, up to the first element that is not a string.
    var strings: [String] = []
    /// The first element that is not a string: its index and `JSONInput.phrase`.
    var firstNonString: (index: Int, phrase: String)?
}
