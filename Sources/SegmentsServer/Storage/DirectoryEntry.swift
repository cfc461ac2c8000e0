/// A user or company as the multi-select endpoints show it: an ID, a label and a description.
struct DirectoryEntry: Sendable, Equatable {
    var id: String
    var label: String
    var description: String?
}
