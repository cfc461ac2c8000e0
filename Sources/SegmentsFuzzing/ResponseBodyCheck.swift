@_spi(Fuzzing) import SegmentsClient
import SegmentsCore

/// API response body -> every reader of both clients: the platform list (byte-level decoder),
/// segment, create and resolve replies and error bodies; ConfigCat's list, segment and error
/// bodies.
///
/// Invariant: no crash, hang or unbounded memory; every reader returns a value or a
/// `ClientError` whose message is safe to print (a hostile server cannot write control
/// characters into a terminal or CI log); and whenever the byte-level list decoder accepts a
/// body, JSONDecoder accepts it too and gives the same segments (the decoder's documented
/// contract; it may refuse more, never accept more or differ). The streaming list reader, fed in
/// chunks of any size, gives exactly what the decoder gives on the whole body, failures
/// included; the create reply's ID scan reads what JSONDecoder reads whenever it reads an ID.
public enum ResponseBodyCheck {
    /// The error statuses whose messages are checked.
    static let errorStatuses = [400, 401, 403, 404, 409, 422, 429, 500, 503]

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let whole = ResponseDecoding.platformListWhole(bytes)
        // Chunk sizes from the input, so the fuzzer reaches every split of an object.
        for chunkSize in Set([1, 2 + Int(bytes.first ?? 0), 64 + 7 * Int(bytes.last ?? 0), max(1, bytes.count)]) {
            let streamed = Result { () throws(ClientError) in try ResponseDecoding.platformList(bytes, chunkSize: chunkSize) }
            switch (streamed, whole) {
            case (.success(let a), .success(let b)):
                try InvariantViolation.require(a == b, "the list stream (chunks of \(chunkSize)) and the whole-body decoder disagree")
            case (.failure(let error), .failure(let failure)):
                try clean(error, "platform list")
                try InvariantViolation.require(error.message.contains("at byte \(failure.offset): "),
                                               "the list stream (chunks of \(chunkSize)) failed elsewhere than byte \(failure.offset): \(error.message)")
            case (.success, .failure(let failure)):
                throw InvariantViolation("the list stream (chunks of \(chunkSize)) accepted a body the decoder refuses at byte \(failure.offset)")
            case (.failure(let error), .success):
                throw InvariantViolation("the list stream (chunks of \(chunkSize)) refused a body the decoder accepts: \(error.message)")
            }
        }
        if case .success(let segments) = whole {
            guard let reference = try? ResponseDecoding.platformListByJSONDecoder(bytes) else {
                throw InvariantViolation("the platform list decoder accepted a body JSONDecoder refuses (\(segments.count) segments)")
            }
            try InvariantViolation.require(reference == segments, "the platform list decoder and JSONDecoder disagree: \(segments) vs \(reference)")
        }
        try read("platform segment") { try ResponseDecoding.platformSegment(bytes) }
        try read("platform create") { try ResponseDecoding.platformCreated(bytes) }
        try read("platform resolve") { try ResponseDecoding.platformLabels(bytes) }
        try read("ConfigCat list") { try ResponseDecoding.configCatList(bytes) }
        try read("ConfigCat segment") { try ResponseDecoding.configCatSegment(bytes) }
        for status in errorStatuses {
            try clean(ResponseDecoding.platformFailure(status: status, bytes), "platform HTTP \(status)")
            try PrintableText.check(ResponseDecoding.configCatErrorText(status: status, bytes), allowingNewlines: false, "ConfigCat HTTP \(status) error text")
        }
    }

    /// Runs one reader: a value, or a clean `ClientError`.
    static func read<Value>(_ what: String, _ reader: () throws -> Value) throws(InvariantViolation) {
        do {
            _ = try reader()
        } catch {
            try clean(error, what)
        }
    }

    /// Throws unless `error` is a `ClientError` with a printable message.
    static func clean(_ error: any Error, _ what: String) throws(InvariantViolation) {
        guard let error = error as? ClientError else {
            throw InvariantViolation("\(what): failed with \(type(of: error)), not a ClientError: \(error)")
        }
        try InvariantViolation.require(!error.message.isEmpty, "\(what): an empty error message")
        try PrintableText.check(error.message, allowingNewlines: false, "\(what) error message")
    }
}
