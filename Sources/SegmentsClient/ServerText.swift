import NIOCore
import SegmentsCore

/// Text a server sent (an error message, a field name, a body, a header) made fit for an error
/// message: credentials redacted, length capped, control characters and bidirectional
/// overrides escaped, so a hostile server cannot rewrite the terminal or the CI log.
enum ServerText {
    /// The longest server text shown, in Unicode scalars.
    static let limit = 300
    /// Scalars kept before redacting: more than any credential is long, so a credential that
    /// starts within `limit` is redacted whole, never cut in two and shown in part.
    static let redactionMargin = 4096

    /// `text` redacted, cut to `limit` scalars (`...` marks the cut), escaped.
    static func shown(_ text: some StringProtocol, redact: (String) -> String = { $0 }, limit: Int = limit) -> String {
        let scalars = text.unicodeScalars
        let head = String(String.UnicodeScalarView(scalars.prefix(limit + redactionMargin)))
        let redacted = redact(head).unicodeScalars
        let kept = redacted.prefix(limit)
        let cut = kept.count < redacted.count || !scalars.dropFirst(limit + redactionMargin).isEmpty
        return UntrustedText.escaped(String(String.UnicodeScalarView(kept))) + (cut ? "..." : "")
    }

    /// The first characters of `body`, quoted, or `(empty body)`.
    static func snippet(_ body: ByteBuffer, redact: (String) -> String) -> String {
        guard body.readableBytes > 0 else { return "(empty body)" }
        let text = String(decoding: body.readableBytesView.prefix(redactionMargin), as: UTF8.self)
        return "\"" + shown(text, redact: redact, limit: 200) + "\""
    }
}
