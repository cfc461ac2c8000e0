#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A credential read from the environment. Its description is redacted, so it cannot leak
/// through string interpolation into a log or an error.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The value, for the one place that builds the Authorization header.
    let value: String
    /// The environment variable it came from, for messages.
    public let source: String

    /// Wraps a value read from `source`.
    public init(_ value: String, source: String) {
        self.value = value
        self.source = source
    }

    /// Reads the environment variable `name`; nil when unset or empty.
    public static func fromEnvironment(_ name: String, environment: [String: String]) -> Secret? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return Secret(value, source: name)
    }

    public var description: String { "<secret from \(source)>" }
    public var debugDescription: String { description }

    /// `text` with every occurrence of the secret replaced, as a last line of defence.
    public func redact(_ text: String) -> String {
        value.count >= 4 ? text.replacing(value, with: "***") : text
    }
}
