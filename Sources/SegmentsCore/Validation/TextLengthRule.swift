/// Text fields within the lengths the target's API accepts (e.g. `description` at most 1000).
public struct TextLengthRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "length"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        for field in context.config.schema.fields {
            guard case .text(let minLength, let maxLength, _) = field.kind,
                  case .string(let text) = segment.state[field.key] else { continue }
            let length = text.unicodeScalars.count
            if length > maxLength {
                diagnostics.append(.error(Self.id, "'\(field.key)' is \(length) characters long; the API allows at most \(maxLength)", at: segment.location(of: field.key)))
            } else if length < minLength {
                diagnostics.append(.error(Self.id, "'\(field.key)' must not be empty", at: segment.location(of: field.key)))
            }
        }
    }
}
