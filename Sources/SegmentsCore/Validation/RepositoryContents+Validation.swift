extension RepositoryContents {
    /// Lists and validates every segment file; listing problems are among the diagnostics.
    public func validate(recordingDigests: Bool = false, asOf: Timestamp? = nil) -> Validator.Report {
        var validator = Validator(config: config, asOf: asOf)
        validator.recordsDigests = recordingDigests
        var report = validator.validate(files)
        if !listingProblems.isEmpty {
            report.diagnostics = Diagnostic.sorted(report.diagnostics + listingProblems)
        }
        return report
    }
}
