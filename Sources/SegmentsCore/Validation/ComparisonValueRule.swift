#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// ConfigCat's comparator and comparison value: a known comparator, a list exactly when the
/// comparator takes one, and items that survive being joined with commas on the wire.
public struct ComparisonValueRule: ItemRule {
    /// The rule's identifier.
    public static let id = "comparison-value"
    /// ConfigCat's limit on one item.
    public static let maxItemLength = 255
    /// ConfigCat's limit on the joined value.
    public static let maxValueLength = 65_535

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        for field in context.config.schema.fields {
            guard case .comparisonValue(let comparatorKey) = field.kind else { continue }
            check(field.key, comparedBy: comparatorKey, of: segment, in: context, into: &diagnostics)
        }
    }

    private func check(_ key: String, comparedBy comparatorKey: String, of segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        guard case .string(let name) = segment.state[comparatorKey] else { return }
        guard let comparator = Comparator(rawValue: name) else {
            var message = "unknown comparator '\(UnknownKeyRule.excerpt(name))'"
            if let suggestion = UnknownKeyRule.suggestion(for: name, among: Comparator.allCases.map(\.rawValue)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; use one of \(Comparator.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            diagnostics.append(.error(Self.id, message, at: segment.location(of: comparatorKey)))
            return
        }
        switch segment.state[key] {
        case .list(let items):
            guard comparator.takesList else {
                diagnostics.append(.error(Self.id, "\(comparator.rawValue) compares with one value; write '\(key): <value>' instead of a list", at: segment.location(of: key)))
                return
            }
            checkItems(items, key: key, comparator: comparator, segment: segment, context: context, into: &diagnostics)
        case .string(let value):
            if comparator.takesList {
                diagnostics.append(.error(Self.id, "\(comparator.rawValue) compares with a list; write the values as a list, one '- value' per line", at: segment.location(of: key)))
                return
            }
            for message in itemProblems(value, comparator: comparator, redact: false) {
                diagnostics.append(.error(Self.id, message, at: segment.location(of: key)))
            }
        default:
            return
        }
    }

    private func checkItems(
        _ items: [String], key: String, comparator: Comparator, segment: SegmentDeclaration,
        context: ValidationContext, into diagnostics: inout DiagnosticList
    ) {
        // A sharded list is checked shard by shard (ShardRule); a whole list must fit one segment.
        if segment.shards == nil {
            let cap = context.config.limits.listItems
            let current = segment.state(asOf: context.asOf)[key].listItems ?? items
            func advice() -> String {
                ShardRule.smallestCount(for: current, fitting: ShardRule.limits(context.config)).map { "; split the segment with 'shards: \($0)'" } ?? "; split the segment into several segments"
            }
            if current.count > cap {
                diagnostics.append(.error(
                    Self.id,
                    "\(key) has \(current.count) items; the subscription plan allows \(cap) (limits.listItems)\(advice())",
                    at: segment.location(of: key)))
            }
            let joinedLength = current.reduce(0) { $0 + $1.scalarCount } + max(0, current.count - 1)
            if joinedLength > Self.maxValueLength {
                diagnostics.append(.error(
                    Self.id,
                    "\(key) joined with commas is \(joinedLength) characters; ConfigCat allows at most \(Self.maxValueLength)\(advice())",
                    at: segment.location(of: key)))
            }
        }
        for (index, item) in items.enumerated() {
            for message in itemProblems(item, comparator: comparator, redact: comparator.isSensitive) {
                diagnostics.append(.error) { .error(Self.id, message, at: segment.location(ofItem: index, in: key)) }
            }
        }
    }

    public func problems(ofItem item: String, key: String, of segment: SegmentDeclaration, in context: ValidationContext) -> [String] {
        guard case .comparisonValue(let comparatorKey)? = context.config.schema.field(key)?.kind,
              case .string(let name) = segment.state[comparatorKey], let comparator = Comparator(rawValue: name) else { return [] }
        return itemProblems(item, comparator: comparator, redact: comparator.isSensitive)
    }

    /// What is wrong with one item for `comparator`; `redact` keeps the value out of the sentences.
    func itemProblems(_ item: String, comparator: Comparator, redact: Bool) -> [String] {
        if !comparator.comparesVersions, !comparator.comparesNumbers, Self.isPlainASCII(item) { return [] }
        return everyItemProblem(item, comparator: comparator, redact: redact)
    }

    /// `itemProblems` without the fast path for plain items.
    func everyItemProblem(_ item: String, comparator: Comparator, redact: Bool) -> [String] {
        func shown() -> String { redact ? "this item" : "'\(UntrustedText.escaped(item))'" }
        if item.isBlank {
            return ["empty item in comparisonValue; remove it"]
        }
        var problems: [String] = []
        if item.hasWhitespaceAtAnEnd {
            problems.append("\(redact ? "this item" : "item \(UntrustedText.escaped(FieldValue.quoted(item)))") has leading or trailing whitespace, which ConfigCat ignores; remove it")
        }
        // Any comma byte: ConfigCat splits on it even where it starts a grapheme with a mark.
        if comparator.takesList, item.utf8.contains(UInt8(ascii: ",")) {
            problems.append("\(redact ? "this item" : "item '\(UntrustedText.escaped(item))'") contains a comma, which ConfigCat would split into separate values")
        }
        let length = item.scalarCount
        if length > Self.maxItemLength {
            problems.append("\(shown()) is \(length) characters long; ConfigCat allows at most \(Self.maxItemLength) per item")
        }
        if comparator.comparesVersions, !SemanticVersion.isValid(item.trimmingSpaces()) {
            problems.append("\(shown()) is not a semantic version (like 1.2.3 or 2.0.0-beta.1), as \(comparator.rawValue) requires")
        }
        if comparator.comparesNumbers, Double(item.trimmingSpaces().replacing(",", with: ".")) == nil {
            problems.append("\(shown()) is not a number, as \(comparator.rawValue) requires")
        }
        return problems
    }

    /// Whether `item` is printable ASCII without a comma, with no space at either end and
    /// short enough: an item with none of the problems above (bar the value checks of the
    /// version and number comparators), found in one pass over its bytes.
    static func isPlainASCII(_ item: String) -> Bool {
        item.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last, bytes.count <= maxItemLength,
                  first != 0x20, last != 0x20 else { return false }
            for byte in bytes where !byte.isPrintableASCII || byte == UInt8(ascii: ",") { return false }
            return true
        } ?? false
    }
}
