/// Line-level edits of a `SourceText`: delete, replace and insert whole lines, copying every
/// other line byte for byte.
struct LineEdits {
    let text: SourceText
    var deleted = Set<Int>()
    var replaced: [Int: [UInt8]] = [:]
    var insertedBefore: [Int: [[UInt8]]] = [:]
    var insertedAfter: [Int: [[UInt8]]] = [:]
    var appended: [[UInt8]] = []

    init(_ text: SourceText) {
        self.text = text
    }

    /// The edited file.
    func apply() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.bytes.count + appended.reduce(0) { $0 + $1.count + 2 } + 64)
        var index = 0
        let newline = text.newline
        out += text.byteOrderMark
        while index < text.lines.count {
            for line in insertedBefore[index] ?? [] { out += line + newline }
            if let replacement = replaced[index] {
                out += replacement
                out += text.bytes[text.terminators[index]]
            } else if !deleted.contains(index) {
                out += text.fullLine(index)
            }
            let after = insertedAfter[index] ?? []
            if !after.isEmpty {
                if text.terminators[index].isEmpty && !deleted.contains(index) { out += newline }
                for line in after { out += line + newline }
            }
            index += 1
        }
        if !appended.isEmpty {
            if let last = text.lines.indices.last, text.terminators[last].isEmpty { out += newline }
            for line in appended { out += line + newline }
        }
        return out
    }
}
