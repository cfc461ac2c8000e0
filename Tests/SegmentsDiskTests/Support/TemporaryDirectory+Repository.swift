import SegmentsCore
import SegmentsDisk
import SegmentsTestSupport

extension TemporaryDirectory {
    /// A temporary repository: a directory with an empty `segments/`.
    static func repository() throws -> TemporaryDirectory {
        try TemporaryDirectory(creating: ["segments"])
    }

    /// The repository in this directory.
    func open() throws -> Repository {
        try Repository.open(workingDirectory: path)
    }

    /// Lists and validates the repository's segment files.
    func validate() throws -> Validator.Report {
        try open().contents().validate()
    }
}
