import SegmentsCore

/// `segctl fmt` -> `SegmentFormatter.format`, on any segment file that validates (no errors)
/// as either target.
///
/// Invariant: no crash, hang or unbounded memory; formatting either refuses with a located
/// `not-editable` diagnostic inside the input, or gives a file that validates with no errors
/// to the same meaning (`DeclarationMeaning`: same keys and values, same members, each member
/// for as long as before) and that formatting leaves byte for byte as it is.
public enum FormatterCheck {
    /// The path the file is formatted under.
    static let path = "segments/fuzz.yaml"

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        for kind in [TargetKind.platform, .configcat] {
            let config = TargetCatalogue.defaultConfig(for: kind)
            let validator = Validator(config: config)
            let outcome = validator.validate(file: PendingSourceFile(SourceFile(path: path, bytes: bytes)))
            guard let before = outcome.segment, !outcome.diagnostics.contains(where: { $0.severity == .error }) else { continue }
            let formatter = SegmentFormatter(schema: config.schema)
            let formatted: [UInt8]
            do {
                formatted = try formatter.format(bytes, file: path)
            } catch {
                try InvariantViolation.require(error.rule == "not-editable", "fmt refused with rule '\(error.rule)': \(error.message)")
                try MarkBounds(bytes).check([error], file: path, "fmt refusal")
                continue
            }
            let text = String(decoding: formatted, as: UTF8.self)
            let after = validator.validate(file: PendingSourceFile(SourceFile(path: path, bytes: formatted)))
            let errors = after.diagnostics.filter { $0.severity == .error }
            guard let reformatted = after.segment, errors.isEmpty else {
                throw InvariantViolation("\(kind.rawValue): the formatted file does not validate: \(errors.map(\.message)); file:\n\(text)")
            }
            let meaning = DeclarationMeaning(before)
            try InvariantViolation.require(
                DeclarationMeaning(reformatted) == meaning,
                "\(kind.rawValue): the formatted file means something else: \(meaning.differences(from: DeclarationMeaning(reformatted))); file:\n\(text)")
            let again: [UInt8]
            do {
                again = try formatter.format(formatted, file: path)
            } catch {
                throw InvariantViolation("\(kind.rawValue): formatting the formatted file is refused (\(error.message)):\n\(text)")
            }
            try InvariantViolation.require(again == formatted, "\(kind.rawValue): formatting the formatted file changes it again:\n\(text)\n--- became ---\n\(String(decoding: again, as: UTF8.self))")
        }
    }
}
