/// `segctl fmt`: the canonical form of each segment file that validates; files that do not
/// validate, or cannot be formatted without losing something, are left alone.
public struct Formatting: Sendable {
    /// What happened to one file.
    public enum Result: Sendable {
        /// Already in canonical form.
        case unchanged
        /// Its canonical form differs; these are the new bytes.
        case formatted([UInt8])
        /// Not formatted: the sentence says why.
        case refused(String)
    }

    /// The repository's configuration.
    public let config: RepositoryConfig

    /// Creates the workflow.
    public init(config: RepositoryConfig) {
        self.config = config
    }

    /// Formats one file.
    public func format(_ pending: PendingSourceFile) -> Result {
        let outcome = Validator(config: config).validate(file: pending)
        if let error = outcome.diagnostics.first(where: { $0.severity == .error }) {
            return .refused("\(error.location.map { "\($0): " } ?? "")\(error.message); not formatted")
        }
        guard case .success(let source) = pending.load() else { return .unchanged }
        do {
            let formatted = try SegmentFormatter(schema: config.schema).format(source.bytes, file: source.path)
            return formatted == source.bytes ? .unchanged : .formatted(formatted)
        } catch {
            return .refused("\(error.location.map { "\($0): " } ?? "")\(error.message); not formatted")
        }
    }
}
