/// A segment file segctl can rewrite in place (`members`, `fmt`): it parses, uses no YAML
/// aliases, and its top level is a block mapping with keys in the first column. Anything else
/// is refused with a located diagnostic, and the file is left as it is.
struct EditableDocument {
    /// The rule identifier of every refusal to edit a file.
    static let rule = "not-editable"

    /// The parsed file.
    let document: YAMLDocument
    /// Its lines.
    let text: SourceText
    /// Its display path.
    let file: String

    /// Checks `bytes`, read from `file`.
    init(_ bytes: [UInt8], file: String) throws(Diagnostic) {
        do {
            document = try YAMLReader().read(bytes)
        } catch {
            throw error.diagnostic(file: file)
        }
        self.file = file
        guard !document.usesAliases else {
            throw Self.refusal("the file uses YAML aliases; segctl edits only files without them", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let root = document[document.root]
        guard root.kind == .mapping, root.style == .block, root.start.column == 1 else {
            throw Self.refusal("segctl edits files whose top level is a block mapping with keys in the first column; rewrite the file in that form first", at: SourceLocation(file: file, mark: root.start))
        }
        text = SourceText(bytes)
    }

    /// A refusal to edit, at `location`.
    static func refusal(_ message: String, at location: SourceLocation) -> Diagnostic {
        .error(rule, message, at: location)
    }

    /// A refusal to edit, at `mark` of this file.
    func refusal(_ message: String, at mark: YAMLMark) -> Diagnostic {
        Self.refusal(message, at: SourceLocation(file: file, mark: mark))
    }
}
