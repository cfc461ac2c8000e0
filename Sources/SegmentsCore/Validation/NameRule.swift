/// A segment's name: present, 1 to 255 characters, no surrounding whitespace, and matching
/// `nameFormat` when the repository sets one.
public struct NameRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "name"
    /// The API's limit.
    public static let maxLength = 255

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        guard segment.valueMarks["name"] != nil else { return }
        let name = segment.name
        let location = segment.location(of: "name")
        if name.isEmpty {
            diagnostics.append(.error(Self.id, "'name' must not be empty", at: location))
            return
        }
        let length = name.unicodeScalars.count
        if length > Self.maxLength {
            diagnostics.append(.error(Self.id, "'name' is \(length) characters long; the API allows at most \(Self.maxLength)", at: location))
        }
        if name.hasWhitespaceAtAnEnd {
            diagnostics.append(.error(Self.id, "'name' \(FieldValue.quoted(name)) has leading or trailing whitespace", at: location))
        }
        if let format = context.config.nameFormat, !format.matches(name) {
            diagnostics.append(.error(Self.id, "name '\(name)' does not match nameFormat '\(format.source)'", at: location))
        }
    }
}
