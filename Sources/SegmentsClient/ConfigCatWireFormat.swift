import SegmentsCore

/// ConfigCat Public Management API v1 shapes (`SegmentListModel`, `SegmentModel`,
/// `CreateSegmentModel`, `UpdateSegmentModel`), reduced to what segctl reads and writes.
enum ConfigCatWireFormat {
    /// An entry of the list call: no comparator or value, but `usage`.
    struct ListedSegment: Decodable {
        var segmentId: String
        var name: String?
        var updatedAt: String?
        var usage: Int?
        var lastUpdaterEmail: String?
    }

    /// A full segment (also what the segment cache stores).
    struct Segment: Codable {
        var segmentId: String
        var name: String?
        var description: String?
        var comparisonAttribute: String?
        var comparator: String?
        var comparisonValue: String?
        var updatedAt: String?
        var lastUpdaterEmail: String?

        /// The segment as the planner sees it; the list's `usage` and updater are fresher than
        /// a cached copy's.
        func remote(usage: Int?, updatedBy: String? = nil) -> RemoteSegment {
            RemoteSegment(
                id: segmentId, updatedAt: updatedAt ?? "",
                state: SegmentState(name: name ?? "", fields: [
                    "description": description.map(FieldValue.string) ?? .null,
                    "comparisonAttribute": comparisonAttribute.map(FieldValue.string) ?? .null,
                    "comparator": comparator.map(FieldValue.string) ?? .null,
                    "comparisonValue": ConfigCatWireFormat.value(comparisonValue, comparator: comparator),
                ]),
                usage: usage, updatedBy: updatedBy ?? lastUpdaterEmail)
        }
    }

    /// A comparison value as the model holds it: a list (split on commas, items trimmed, as
    /// ConfigCat's SDKs read it) for list comparators, the text otherwise.
    static func value(_ text: String?, comparator: String?) -> FieldValue {
        guard let text else { return .null }
        guard let comparator = comparator.flatMap(Comparator.init(rawValue:)), comparator.takesList else {
            return .string(text)
        }
        // Split on the comma byte, as the SDKs do (a comma followed by a combining mark is one
        // Character, and a split by Characters would miss it).
        return .list(text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true)
            .map { Substring($0).trimmingSpaces() }
            .filter { !$0.isEmpty })
    }

    /// The wire text of a comparison value: list items joined with commas.
    static func text(_ value: FieldValue) -> JSONValue {
        switch value {
        case .list(let items): .string(items.joined(separator: ","))
        case .string(let text): .string(text)
        case .bool(let flag): .string(flag ? "true" : "false")
        case .null: .null
        }
    }

    /// The create or update body: every field, as `additionalProperties: false` allows.
    static func body(_ state: SegmentState) -> [UInt8] {
        func text(_ key: String) -> JSONValue {
            if case .string(let s) = state[key] { return .string(s) }
            return .null
        }
        return Array(JSONValue.object([
            ("name", .string(state.name)),
            ("description", text("description")),
            ("comparisonAttribute", text("comparisonAttribute")),
            ("comparator", text("comparator")),
            ("comparisonValue", Self.text(state["comparisonValue"])),
        ]).serialized(pretty: false).utf8)
    }
}
