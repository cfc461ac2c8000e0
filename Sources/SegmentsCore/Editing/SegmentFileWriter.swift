/// Writes a segment file from a state, in the canonical key order, with IDs sorted and each
/// followed by its label as a comment (`- user-123  # john@example.com`). Used by import.
public struct SegmentFileWriter: Sendable {
    /// The target's file format.
    public let schema: SegmentSchema

    /// Creates a writer.
    public init(schema: SegmentSchema) {
        self.schema = schema
    }

    /// The file's text for `state`, pinned to `id`, with `labels` by member kind.
    public func text(
        for state: SegmentState, id: String?, protect: Bool = false, shards: Int? = nil,
        labels: [SegmentSchema.MemberKind: [String: String]] = [:]
    ) -> String {
        var out = ""
        for key in schema.keys {
            switch key {
            case "name":
                out += "name: \(YAMLScalarWriter.scalar(state.name))\n"
            case "id":
                if let id { out += "id: \(YAMLScalarWriter.scalar(id))\n" }
            case "protect":
                if protect { out += "protect: true\n" }
            case "shards":
                if let shards { out += "shards: \(shards)\n" }
            default:
                guard let field = schema.field(key) else { continue }
                out += lines(for: field, value: state[key], labels: labels)
            }
        }
        return out
    }

    private func lines(for field: SegmentSchema.Field, value: FieldValue, labels: [SegmentSchema.MemberKind: [String: String]]) -> String {
        switch value {
        case .null:
            // An absent optional text is the same as null; leave it out.
            return field.required ? "\(field.key): null\n" : ""
        case .bool(let flag):
            return "\(field.key): \(flag)\n"
        case .string(let text):
            return "\(field.key): \(YAMLScalarWriter.scalar(text))\n"
        case .list(let items):
            let sorted = Array(Set(items)).sorted(by: MemberOrder.precedes)
            if sorted.isEmpty { return "\(field.key): []\n" }
            let kind = field.memberKind
            var out = "\(field.key):\n"
            for item in sorted {
                out += "  - \(YAMLScalarWriter.scalar(item))"
                if let kind, let label = labels[kind]?[item], !label.isEmpty {
                    out += "  # \(YAMLScalarWriter.comment(label))"
                }
                out += "\n"
            }
            return out
        }
    }
}
