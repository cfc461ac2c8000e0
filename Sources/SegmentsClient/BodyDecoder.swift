import NIOCore

/// Reads a successful response's body as it arrives, chunk by chunk, instead of the transport
/// holding it whole and decoding it afterwards: a 200 MB segment list then never sits in memory
/// beside the segments decoded from it, and decoding overlaps the transfer.
///
/// The transport still reads every body to its end, within the size limit and the timeout,
/// before it reports anything: a decoder records its first failure and only counts the bytes
/// after it, so a failure is reported for a whole body, as when the body was decoded whole.
protocol BodyDecoder: Sendable {
    /// What a body decodes to.
    associatedtype Output: Sendable

    /// A decoder for a body of `expectedLength` bytes, when the server announced a length.
    init(expectedLength: Int?)

    /// Takes the body's next bytes.
    mutating func consume(_ chunk: ByteBuffer)

    /// What the whole body decoded to, or where and why it is not what was expected.
    mutating func finish() -> Result<Output, JSONScanner.Failure>

    /// The bytes kept for messages about the response: at least the first
    /// `ServerText.redactionMargin` bytes of the body (all of them when it is shorter).
    var keptBytes: ByteBuffer { get }
}
