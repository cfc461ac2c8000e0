import SegmentsCore

/// Decodes the platform API's segment list (`GET /api/platform/segments`): a JSON array of
/// segment objects. The result is the one JSONDecoder gives for `[PlatformWireFormat.Segment]`,
/// mapped by `remote`, several times faster: at 100,000 segments holding 10,000,000 member IDs
/// the body is about 200 MB and decoding it was most of a plan.
///
/// A repeated field keeps its first value, as with JSONDecoder. Unlike JSONDecoder, which
/// checks only what it decodes, the whole text must be JSON (RFC 8259): a trailing comma, a
/// malformed number or a broken string in a field segctl does not read fails the decoding,
/// since a server that writes them is broken.
enum PlatformListDecoder {
    /// The segments in `bytes`.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(JSONScanner.Failure) -> [RemoteSegment] {
        var scanner = JSONScanner(bytes)
        var segments: [RemoteSegment] = []
        try scanner.expect(UInt8(ascii: "["), "a list of segments")
        if !scanner.consume(UInt8(ascii: "]")) {
            repeat {
                segments.append(try segment(&scanner).remote)
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
        }
        try scanner.expectEnd()
        return segments
    }

    /// One segment object.
    static func segment(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> PlatformWireFormat.Segment {
        let start = scanner.offset
        try scanner.expect(UInt8(ascii: "{"), "a segment object")
        var id: String?
        var name: String?
        var description: String?
        var isActive: Bool?
        var userIds: [String]?
        var companyIds: [String]?
        var updatedAt: String?
        // One bit per field read, so that a repeated field is skipped.
        var seen: UInt8 = 0
        func first(_ bit: UInt8) -> Bool {
            defer { seen |= bit }
            return seen & bit == 0
        }
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.readString()
                try scanner.expect(UInt8(ascii: ":"), "':'")
                switch key {
                case "id" where first(1): id = try scanner.readString()
                case "name" where first(2): name = try scanner.readString()
                case "description" where first(4): description = try scanner.consumeNull() ? nil : try scanner.readString()
                case "isActive" where first(8): isActive = try scanner.consumeNull() ? nil : try scanner.readBool()
                case "userIds" where first(16): userIds = try scanner.consumeNull() ? nil : try scanner.readStrings()
                case "companyIds" where first(32): companyIds = try scanner.consumeNull() ? nil : try scanner.readStrings()
                case "updatedAt" where first(64): updatedAt = try scanner.consumeNull() ? nil : try scanner.readString()
                default: try scanner.skipValue(depth: 2)
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        guard let id, let name else {
            throw JSONScanner.Failure(offset: start, reason: "a segment without \(id == nil ? "an id" : "a name")")
        }
        return PlatformWireFormat.Segment(
            id: id, name: name, description: description, isActive: isActive,
            userIds: userIds, companyIds: companyIds, updatedAt: updatedAt)
    }
}
