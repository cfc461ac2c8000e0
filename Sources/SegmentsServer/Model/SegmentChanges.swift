/// The client-settable fields of a segment, already validated; a nil field is left as it is
/// (on create: takes its default).
struct SegmentChanges: Sendable {
    /// The longest name accepted, in Unicode scalars (as segctl counts).
    static let maxNameLength = 255
    /// The longest description accepted, in Unicode scalars.
    static let maxDescriptionLength = 1000

    /// New name.
    var name: String?
    /// New description: `.some(nil)` clears it.
    var description: String??
    /// New active state.
    var isActive: Bool?
    /// New user members, in order, duplicates removed.
    var userIds: MemberList?
    /// New company members, in order, duplicates removed.
    var companyIds: MemberList?

    /// Creates changes; each given value must already satisfy the limits above.
    init(
        name: String? = nil, description: String?? = nil, isActive: Bool? = nil,
        userIds: MemberList? = nil, companyIds: MemberList? = nil
    ) {
        self.name = name
        self.description = description
        self.isActive = isActive
        self.userIds = userIds
        self.companyIds = companyIds
    }
}
