import NIOCore

/// The body kept whole: what every response but the segment list needs.
struct WholeBody: BodyDecoder {
    /// The body so far.
    private(set) var keptBytes = ByteBuffer()

    init(expectedLength: Int?) {
        keptBytes.reserveCapacity(expectedLength ?? 0)
    }

    mutating func consume(_ chunk: ByteBuffer) {
        var chunk = chunk
        keptBytes.writeBuffer(&chunk)
    }

    func finish() -> Result<ByteBuffer, JSONScanner.Failure> {
        .success(keptBytes)
    }
}
