#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import SegmentsCore
import SegmentsDisk

/// Full ConfigCat segments from earlier runs, so that a plan fetches only the segments changed
/// since: ConfigCat's list call leaves out the comparator and value, and one GET per segment
/// against a rate-limited API makes every plan cost 1 + N requests.
///
/// An entry is used only while its `updatedAt` matches the list's, so the cache never changes
/// a result. There is one file per API base URL and product, replaced atomically; a file that
/// cannot be read, is corrupt, or belongs to another API or product is ignored with a notice,
/// never an error.
///
/// The file holds segment contents as the API returned them, and no credential. Comparison
/// values of the sensitive comparators (`sensitiveIsOneOf`, `sensitiveIsNotOneOf`) are stored
/// as ConfigCat returns them, hashed, never in clear text; the other values (e-mail addresses,
/// user IDs) are stored as they are, in a directory segctl creates readable by its owner only.
struct ConfigCatSegmentCache {
    /// The file's `format`, changed whenever its shape changes so an old file is ignored.
    static let format = "segctl-configcat-segments-1"
    /// The largest cache file read.
    static let maxFileSize = 1 << 30

    /// What the file holds.
    struct File: Codable {
        var format: String
        var baseURL: String
        var productId: String
        var segments: [ConfigCatWireFormat.Segment]
    }

    /// The cache file.
    let path: String
    let directory: String
    let baseURL: String
    let productID: String
    let logger: Logger

    /// The cache of `productID` at `baseURL`, in `directory`.
    init(directory: String, baseURL: String, productID: String, logger: Logger) {
        self.directory = directory
        self.baseURL = baseURL
        self.productID = productID
        self.logger = logger
        // Named by a digest: a URL is not a file name, and the name shows nothing of either.
        let key = Digest.sha256(Array("\(baseURL)\n\(productID)".utf8)).prefix(32)
        path = (directory.hasSuffix("/") ? directory : directory + "/") + "configcat-\(key).json"
    }

    /// The cached segments by ID; empty when there is no usable file.
    func load() -> [String: ConfigCatWireFormat.Segment] {
        guard case .regular = FileSystem.kind(of: path, follow: true) else { return [:] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(try FileSystem.read(path, limit: Self.maxFileSize)))
        } catch let failure as FileSystem.Failure {
            logger.notice("ignoring the segment cache \(path): \(failure.reason)")
            return [:]
        } catch {
            logger.notice("ignoring the segment cache \(path): it is not a segctl cache file")
            return [:]
        }
        guard file.format == Self.format, file.baseURL == baseURL, file.productId == productID else {
            logger.notice("ignoring the segment cache \(path): it was written for another API, product or segctl version")
            return [:]
        }
        return Dictionary(file.segments.map { ($0.segmentId, $0) }) { _, last in last }
    }

    /// Replaces the file with `segments`; a failure is a notice (the next plan fetches more).
    func save(_ segments: [ConfigCatWireFormat.Segment]) {
        let file = File(format: Self.format, baseURL: baseURL, productId: productID, segments: segments)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileSystem.writeAtomically(Array(try JSONEncoder().encode(file)), to: path, newFileMode: 0o600)
        } catch let failure as FileSystem.Failure {
            logger.notice("could not write the segment cache \(path): \(failure.reason)")
        } catch {
            logger.notice("could not write the segment cache \(path): \(error)")
        }
    }
}
