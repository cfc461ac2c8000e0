import Foundation
import SegmentsCore
import SegmentsDisk

/// The repository a command works on, opened from the global `-C` and `--config` options.
struct Workspace {
    /// The repository on disk.
    var repository: Repository
    /// Its configuration and segment files.
    var contents: RepositoryContents { repository.contents() }
    /// Its configuration.
    var config: RepositoryConfig { repository.config }

    /// Opens the repository; throws `SegctlError.configuration` for a config that cannot be used.
    init(_ root: Segctl, maxFileSize: Int = Repository.defaultMaxFileSize) throws(SegctlError) {
        repository = try Repository.open(from: FileSystem.currentDirectory(), changingTo: root.directory, configFile: root.config)
        repository.maxFileSize = maxFileSize
    }

    /// The environment segctl runs in.
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
