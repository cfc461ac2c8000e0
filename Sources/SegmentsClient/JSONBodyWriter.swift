import SegmentsCore

/// Writes a request body (one flat object) straight to compact JSON bytes: the bytes
/// `JSONValue.serialized(pretty: false)` gives for the same object, without building a value
/// tree and a `String` scalar by scalar on the way. Apply sends a body per create and update
/// and label lookups one per thousand IDs; at 100,000 segments holding 10,000,000 IDs that
/// serialisation was a third of segctl's CPU time.
struct JSONBodyWriter {
    /// The text so far.
    private(set) var bytes: [UInt8] = []
    private var first = true

    /// A writer whose buffer holds `capacity` bytes before it grows.
    init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    /// An object with the pairs `write` adds.
    static func object(capacity: Int = 64, _ write: (inout JSONBodyWriter) -> Void) -> [UInt8] {
        var writer = JSONBodyWriter(capacity: capacity)
        writer.bytes.append(UInt8(ascii: "{"))
        write(&writer)
        writer.bytes.append(UInt8(ascii: "}"))
        return writer.bytes
    }

    /// Starts the pair `key`; its value comes next.
    mutating func key(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// `null`.
    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A string or `null`.
    mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of strings.
    mutating func strings(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A string in quotes. Printable ASCII without quotes or backslashes (every ID segctl has
    /// seen) is copied as it is; anything else is escaped by `JSONValue` itself, so the two
    /// can never disagree.
    mutating func string(_ value: String) {
        guard JSONValue.isVerbatim(value) else {
            bytes.append(contentsOf: JSONValue.string(value).serialized(pretty: false).utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
    }
}
