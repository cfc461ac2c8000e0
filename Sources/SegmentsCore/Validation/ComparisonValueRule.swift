import Foundation

/// ConfigCat's comparator and comparison value: a known comparator, a list exactly when the
/// comparator takes one, and items that survive being joined with commas on the wire.
public struct ComparisonValueRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "comparison-value"
    /// ConfigCat's limit on one item.
    public static let maxItemLength = 255
    /// ConfigCat's limit on the joined value.
    public static let maxValueLength = 65_535

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        guard case .string(let name) = segment.state["comparator"] else { return }
        guard let comparator = Comparator(rawValue: name) else {
            var message = "unknown comparator '\(name)'"
            if let suggestion = UnknownKeyRule.suggestion(for: name, among: Comparator.allCases.map(\.rawValue)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; use one of \(Comparator.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            diagnostics.append(.error(Self.id, message, at: segment.location(of: "comparator")))
            return
        }
        let key = "comparisonValue"
        switch segment.state[key] {
        case .list(let items):
            guard comparator.takesList else {
                diagnostics.append(.error(Self.id, "\(comparator.rawValue) compares with one value; write '\(key): <value>' instead of a list", at: segment.location(of: key)))
                return
            }
            checkItems(items, comparator: comparator, segment: segment, context: context, into: &diagnostics)
        case .string(let value):
            if comparator.takesList {
                diagnostics.append(.error(Self.id, "\(comparator.rawValue) compares with a list; write the values as a list, one '- value' per line", at: segment.location(of: key)))
                return
            }
            checkItem(value, comparator: comparator, location: segment.location(of: key), redact: false, into: &diagnostics)
        default:
            return
        }
    }

    private func checkItems(
        _ items: [String], comparator: Comparator, segment: SegmentDeclaration,
        context: ValidationContext, into diagnostics: inout [Diagnostic]
    ) {
        let key = "comparisonValue"
        let cap = context.config.limits.listItems
        if items.count > cap {
            diagnostics.append(.error(
                Self.id,
                "comparisonValue has \(items.count) items; the subscription plan allows \(cap) (limits.listItems); split the segment into several segments",
                at: segment.location(of: key)))
        }
        let joinedLength = items.reduce(0) { $0 + $1.unicodeScalars.count } + max(0, items.count - 1)
        if joinedLength > Self.maxValueLength {
            diagnostics.append(.error(
                Self.id,
                "comparisonValue joined with commas is \(joinedLength) characters; ConfigCat allows at most \(Self.maxValueLength); split the segment into several segments",
                at: segment.location(of: key)))
        }
        for (index, item) in items.enumerated() {
            checkItem(item, comparator: comparator, location: segment.location(ofItem: index, in: key), redact: comparator.isSensitive, into: &diagnostics)
        }
    }

    private func checkItem(_ item: String, comparator: Comparator, location: SourceLocation, redact: Bool, into diagnostics: inout [Diagnostic]) {
        let shown = redact ? "this item" : "'\(item)'"
        if item.trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.append(.error(Self.id, "empty item in comparisonValue; remove it", at: location))
            return
        }
        if item.first?.isWhitespace == true || item.last?.isWhitespace == true {
            diagnostics.append(.error(Self.id, "\(redact ? "this item" : "item \(FieldValue.quoted(item))") has leading or trailing whitespace, which ConfigCat ignores; remove it", at: location))
        }
        if comparator.takesList, item.contains(",") {
            diagnostics.append(.error(Self.id, "\(redact ? "this item" : "item '\(item)'") contains a comma, which ConfigCat would split into separate values", at: location))
        }
        let length = item.unicodeScalars.count
        if length > Self.maxItemLength {
            diagnostics.append(.error(Self.id, "\(shown) is \(length) characters long; ConfigCat allows at most \(Self.maxItemLength) per item", at: location))
        }
        if comparator.comparesVersions, !SemanticVersion.isValid(item.trimmingCharacters(in: .whitespaces)) {
            diagnostics.append(.error(Self.id, "\(shown) is not a semantic version (like 1.2.3 or 2.0.0-beta.1), as \(comparator.rawValue) requires", at: location))
        }
        if comparator.comparesNumbers, Double(item.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) == nil {
            diagnostics.append(.error(Self.id, "\(shown) is not a number, as \(comparator.rawValue) requires", at: location))
        }
    }
}
