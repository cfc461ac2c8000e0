import Foundation
import SegmentsCore

/// Segment file -> `Validator`, as `segctl validate` runs it, for both targets, with and
/// without an `asOf` instant.
///
/// Invariant: no crash, hang or unbounded memory; the outcome is a declaration or at least one
/// error; at most one declaration; every diagnostic (and note) lies inside the input
/// (`MarkBounds`); and every report format renders it without a raw control character or
/// bidirectional override (JSON output parses as JSON). And the YAML read in two parts agrees
/// with the whole read (`PartedReadCheck`).
public enum SegmentFileCheck {
    /// The path the input is validated under.
    static let path = "segments/fuzz.yaml"
    /// The `asOf` instant of the second pass: expiries before it are reported.
    static let asOf = Timestamp(milliseconds: 1_780_000_000_000)

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let file = SourceFile(path: path, bytes: bytes)
        let bounds = MarkBounds(bytes)
        try PartedReadCheck.check(bytes)
        for kind in [TargetKind.platform, .configcat] {
            for instant in [nil, asOf] {
                let context = "validate as \(kind.rawValue)\(instant.map { " as of \($0)" } ?? "")"
                let report = Validator(config: TargetCatalogue.defaultConfig(for: kind), asOf: instant).validate([file])
                try bounds.check(report.diagnostics, file: path, context)
                try InvariantViolation.require(report.segments.count <= 1, "\(context): one file gave \(report.segments.count) declarations")
                try InvariantViolation.require(
                    !report.segments.isEmpty || report.diagnostics.contains { $0.severity == .error },
                    "\(context): neither a declaration nor an error")
                try checkReports(report, context)
            }
        }
    }

    /// Every output format of `validate` renders the report safely.
    static func checkReports(_ report: Validator.Report, _ context: String) throws(InvariantViolation) {
        for format in DiagnosticFormat.allCases {
            let output = format.reporter(colored: false, files: report.files).report(report.diagnostics, summary: report.summary)
            try PrintableText.check(output, allowingNewlines: true, allowingTabs: format == .junit, "\(context), --format \(format.rawValue)")
            if format == .json {
                try InvariantViolation.require(
                    (try? JSONSerialization.jsonObject(with: Data(output.utf8))) != nil,
                    "\(context), --format json: the output is not JSON: \(output.prefix(300))")
            }
        }
    }
}
