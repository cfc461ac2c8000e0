#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1
import SegmentsCore

/// The clients' readers of response bodies, callable on bytes without a server: each runs the
/// code path a client runs on a reply with that body. For the fuzzing checks
/// (`SegmentsFuzzing`) only, hence the SPI: the clients themselves keep their wire formats
/// internal.
@_spi(Fuzzing) public enum ResponseDecoding {
    /// The list call of the platform API (`GET /api/platform/segments`), as the client reads it:
    /// streamed through `PlatformListStream` in chunks of `chunkSize` bytes.
    public static func platformList(_ body: [UInt8], chunkSize: Int) throws(ClientError) -> [RemoteSegment] {
        var stream = PlatformListStream(expectedLength: body.count)
        var start = 0
        while start < body.count {
            let end = min(body.count, start + max(1, chunkSize))
            stream.consume(ByteBuffer(bytes: body[start..<end]))
            start = end
        }
        return try reply(200, body).value(of: stream.finish(), "GET list", redact: { $0 })
    }

    /// The byte-level list decoder on the whole body: what the stream must agree with, failures
    /// included.
    public static func platformListWhole(_ body: [UInt8]) -> Result<[RemoteSegment], ListFailure> {
        body.withUnsafeBytes { bytes in
            Result { () throws(JSONScanner.Failure) in try PlatformListDecoder.decode(bytes) }
                .mapError { ListFailure(offset: $0.offset, reason: $0.reason) }
        }
    }

    /// Where and why the byte-level list decoder stopped.
    public struct ListFailure: Error {
        public var offset: Int
        public var reason: String
    }

    /// What JSONDecoder makes of a platform list: the reference the byte-level list decoder
    /// must agree with whenever it accepts a body.
    public static func platformListByJSONDecoder(_ body: [UInt8]) throws -> [RemoteSegment] {
        try JSONDecoder().decode([PlatformWireFormat.Segment].self, from: Data(body)).map(\.remote)
    }

    /// A platform segment (`GET /api/platform/segments/:id`).
    public static func platformSegment(_ body: [UInt8]) throws -> RemoteSegment {
        try reply(200, body).decode(PlatformWireFormat.Segment.self, "GET segment", redact: { $0 }).remote
    }

    /// The id a platform create answers with.
    public static func platformCreated(_ body: [UInt8]) throws -> String {
        if let id = body.withUnsafeBytes(PlatformWireFormat.Created.scannedID) {
            // The scan's contract: where it reads an ID, JSONDecoder reads the same one.
            let decoded = try? reply(201, body).decode(PlatformWireFormat.Created.self, "POST segment", redact: { $0 }).id
            guard decoded == id else { throw ScanDisagreement(scanned: id, decoded: decoded) }
            return id
        }
        return try reply(201, body).decode(PlatformWireFormat.Created.self, "POST segment", redact: { $0 }).id
    }

    /// The labels of a platform resolve call, by id.
    public static func platformLabels(_ body: [UInt8]) throws -> [String: String] {
        var labels: [String: String] = [:]
        for option in try reply(200, body).decode([PlatformWireFormat.Option].self, "POST resolve", redact: { $0 }) {
            labels[option.id] = option.label ?? option.id
        }
        return labels
    }

    /// The error the platform client reports for an error status with this body.
    public static func platformFailure(status: Int, _ body: [UInt8]) -> ClientError {
        PlatformSegmentsClient.failure(reply(status, body), "GET list", token: Secret("fuzz-token", source: "SEGMENTS_API_TOKEN"))
    }

    /// The segment ids of a ConfigCat list call.
    public static func configCatList(_ body: [UInt8]) throws -> [String] {
        try reply(200, body).decode([ConfigCatWireFormat.ListedSegment].self, "GET list", redact: { $0 }).map(\.segmentId)
    }

    /// A ConfigCat segment (`GET /v1/segments/{id}`).
    public static func configCatSegment(_ body: [UInt8]) throws -> RemoteSegment {
        try reply(200, body).decode(ConfigCatWireFormat.Segment.self, "GET segment", redact: { $0 }).remote(usage: nil)
    }

    /// The error text the ConfigCat client shows for an error body.
    public static func configCatErrorText(status: Int, _ body: [UInt8]) -> String {
        ConfigCatSegmentsClient.errorText(reply(status, body), redact: { $0 })
    }

    private static func reply(_ status: Int, _ body: [UInt8]) -> HTTPReply {
        HTTPReply(status: status, headers: ["Content-Type": "application/json"], body: ByteBuffer(bytes: body), bodyLength: body.count)
    }
}

/// The create reply's ID scan read an ID that JSONDecoder reads differently, or not at all.
@_spi(Fuzzing) public struct ScanDisagreement: Error, CustomStringConvertible {
    public var scanned: String
    public var decoded: String?

    public var description: String { "the create reply's ID scan read \(scanned.debugDescription), JSONDecoder \(decoded.map(\.debugDescription) ?? "nothing")" }
}
