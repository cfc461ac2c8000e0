/// Why a YAML file could not be read into a document.
public struct YAMLError: Error, Hashable, Sendable {
    /// The kinds of failure, each with its own diagnostic rule.
    public enum Kind: String, Hashable, Sendable {
        /// libyaml rejected the text (including invalid UTF-8 and control characters).
        case syntax = "yaml-syntax"
        /// The file holds no document at all.
        case empty = "empty-file"
        /// The file holds a second document after the first.
        case multipleDocuments = "multiple-documents"
        /// Aliases would expand beyond the reader's bound (a "billion laughs" file).
        case aliasBomb = "alias-expansion"
        /// An alias names an anchor that was not defined before it.
        case unknownAnchor = "unknown-anchor"
        /// Collections nest deeper than the reader's bound.
        case tooDeep = "nesting-depth"
    }

    /// What went wrong.
    public var kind: Kind
    /// A sentence describing the problem.
    public var message: String
    /// Where it went wrong.
    public var mark: YAMLMark

    /// Creates an error; libyaml's context (e.g. where a mapping started) goes in the message.
    public init(_ kind: Kind, _ message: String, at mark: YAMLMark) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }

    /// The error as a diagnostic in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        .error(kind.rawValue, message, at: SourceLocation(file: file, mark: mark))
    }
}
