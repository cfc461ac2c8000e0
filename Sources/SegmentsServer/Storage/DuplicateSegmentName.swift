/// A create or rename would give two segments the same name.
struct DuplicateSegmentName: Error, Sendable {
    /// The name already taken.
    var name: String
}
