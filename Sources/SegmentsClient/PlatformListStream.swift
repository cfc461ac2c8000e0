import NIOCore
import SegmentsCore

/// Decodes the platform segment list as it arrives: the result of `PlatformListDecoder.decode`
/// on the whole body, failures included (the same reason at the same offset), without the
/// body ever being held whole. At 100,000 segments the list is about 200 MB, which sat in
/// memory beside the segments decoded from it and the files' declarations.
///
/// Bytes are kept until the segment object they belong to is complete: a light scan finds the
/// object's end (braces and brackets counted outside strings), then `PlatformListDecoder`
/// decodes that object alone. Until the decoder fails, it reads the same tokens as the scan, so
/// it finishes or fails within the object exactly as it would on the whole body; at the end of
/// the body, whatever is left is decoded as the whole-body decoder would decode it.
struct PlatformListStream: BodyDecoder {
    /// Where the list's grammar stands between objects.
    private enum Stage {
        /// Before the opening bracket.
        case start
        /// After `[`: an object or `]`.
        case first
        /// After `,` (or `[` and something that is not `]`): an object.
        case object
        /// After an object: `,` or `]`.
        case separator
        /// After `]`: only whitespace may follow.
        case end
        /// The object at `position` failed to decode on its own bytes. The whole-body decoder
        /// may fail differently there, having the bytes after the object's end to read (a
        /// `\u` escape cut short by the object's end: "invalid" with four bytes after it,
        /// "unterminated" without), so the rest of the body is kept and the object is decoded
        /// again at the end on all of it. The response size limit bounds what is kept.
        case failedObject
    }

    /// The bytes not yet decoded; `buffer[0]` is byte `base` of the body.
    private var buffer: [UInt8] = []
    private var base = 0
    /// The next byte to look at in `buffer`.
    private var position = 0
    private var stage = Stage.start
    /// The scan of the object being received: where it stands, how deep, whether in a string.
    private var scan: (index: Int, depth: Int, inString: Bool, escaped: Bool)?
    private var segments: [RemoteSegment] = []
    private var failure: JSONScanner.Failure?
    private(set) var keptBytes = ByteBuffer()

    init(expectedLength: Int?) {}

    mutating func consume(_ chunk: ByteBuffer) {
        let missing = ServerText.redactionMargin - keptBytes.readableBytes
        if missing > 0 { keptBytes.writeBytes(chunk.readableBytesView.prefix(missing)) }
        guard failure == nil else { return }
        chunk.withUnsafeReadableBytes { buffer.append(contentsOf: $0) }
        advance(atEnd: false)
        // Drop what is decoded, so the buffer holds about one object.
        if position > 65_536 || position == buffer.count {
            buffer.removeSubrange(..<position)
            base += position
            scan?.index -= position
            position = 0
        }
    }

    mutating func finish() -> Result<[RemoteSegment], JSONScanner.Failure> {
        if stage == .failedObject { decodeObject(upTo: buffer.count, final: true) }
        if failure == nil { advance(atEnd: true) }
        if let failure { return .failure(failure) }
        return .success(segments)
    }

    /// What follows the whitespace at `position`.
    private enum Next: Equatable {
        case byte(UInt8)
        /// The body ended.
        case end
        /// The buffer ends before the body does.
        case more
    }

    /// Decodes what the buffer holds; at the end of the body, everything.
    private mutating func advance(atEnd: Bool) {
        while failure == nil && stage != .failedObject {
            let next = nextByte(atEnd: atEnd)
            if next == .more { return }
            switch stage {
            case .start:
                guard next == .byte(UInt8(ascii: "[")) else { return fail("expected a list of segments") }
                position += 1
                stage = .first
            case .first:
                if next == .byte(UInt8(ascii: "]")) {
                    position += 1
                    stage = .end
                } else {
                    stage = .object
                }
            case .object:
                guard let end = objectEnd(atEnd: atEnd) else { return }
                decodeObject(upTo: end, final: atEnd)
            case .separator:
                switch next {
                case .byte(UInt8(ascii: ",")):
                    position += 1
                    stage = .object
                case .byte(UInt8(ascii: "]")):
                    position += 1
                    stage = .end
                default:
                    return fail("expected ',' or ']'")
                }
            case .end:
                guard next == .end else { return fail("unexpected text after the end of the JSON value") }
                return
            case .failedObject:
                return
            }
        }
    }

    /// What follows the whitespace at `position`, skipping the whitespace, except in an
    /// object: whitespace after a comma belongs to the next object, as for the whole-body
    /// decoder (it matters to the offset of a missing id or name).
    private mutating func nextByte(atEnd: Bool) -> Next {
        var index = position
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default:
                if stage != .object { position = index }
                return .byte(buffer[index])
            }
        }
        if stage != .object { position = index }
        return atEnd ? .end : .more
    }

    /// Where the object starting at `position` (after whitespace) ends, once the buffer holds
    /// all of it; at the end of the body, the end of the buffer. Something other than an
    /// object ends where it starts: decoding it fails there.
    private mutating func objectEnd(atEnd: Bool) -> Int? {
        if atEnd {
            scan = nil
            return buffer.count
        }
        var (index, depth, inString, escaped) = scan ?? (position, 0, false, false)
        if scan == nil {
            while index < buffer.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffer[index]) { index += 1 }
            guard index < buffer.count else { return nil }
            guard buffer[index] == UInt8(ascii: "{") else { return index + 1 }
        }
        // The hot loop of reading a list (a third of its time when it indexed the array): most bytes
        // are inside strings, where only a quote or a backslash matters.
        let end: Int? = buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            while index < count {
                if inString {
                    if escaped {
                        escaped = false
                        index += 1
                        continue
                    }
                    while index < count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
                    guard index < count else { break }
                    if bytes[index] == UInt8(ascii: "\\") { escaped = true } else { inString = false }
                    index += 1
                    continue
                }
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index }
                default:
                    break
                }
            }
            return nil
        }
        if let end {
            scan = nil
            return end
        }
        scan = (index, depth, inString, escaped)
        return nil
    }

    /// Decodes the object in `buffer[position..<end]` as the whole-body decoder would; a
    /// failure is final when `end` is the end of the body, otherwise it waits for the rest
    /// (`Stage.failedObject`).
    private mutating func decodeObject(upTo end: Int, final: Bool) {
        let start = position
        let result = buffer.withUnsafeBytes { bytes in
            var scanner = JSONScanner(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            return Result { () throws(JSONScanner.Failure) -> (RemoteSegment, Int) in
                (try PlatformListDecoder.segment(&scanner).remote, scanner.offset)
            }
        }
        switch result {
        case .success(let (segment, length)):
            segments.append(segment)
            position = start + length
            stage = .separator
        case .failure(let failure):
            if final {
                self.failure = JSONScanner.Failure(offset: base + start + failure.offset, reason: failure.reason)
            } else {
                stage = .failedObject
            }
        }
    }

    private mutating func fail(_ reason: String) {
        failure = JSONScanner.Failure(offset: base + position, reason: reason)
    }
}
