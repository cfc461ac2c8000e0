/// Why a request to a remote API failed, phrased for the person reading a CI log.
/// Messages never contain credentials.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// Broad categories, for exit handling and tests.
    public enum Kind: String, Sendable {
        case configuration, unreachable, unauthorized, forbidden, notFound, conflict
        case rateLimited, server, badResponse, rejected
    }

    /// The category.
    public var kind: Kind
    /// The full sentence.
    public var message: String
    /// The HTTP status, when there was a response.
    public var status: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
