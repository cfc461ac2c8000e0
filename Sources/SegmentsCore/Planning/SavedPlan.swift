#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A plan saved by `plan --out` for a later `apply PLANFILE`: the changes (for review), the
/// remote state and the files it was computed from (for staleness), and no credentials.
///
/// Apply recomputes the plan from the same inputs and runs it only if the files, the remote
/// and the recomputed plan all match what was saved.
public struct SavedPlan: Sendable {
    /// The file format's name, checked on load.
    public static let format = "segctl-plan"
    /// The file format's version.
    public static let formatVersion = 1
    /// Plan files larger than this are refused unread (1 GiB).
    public static let maxFileSize = 1 << 30

    /// The target kind.
    public var target: TargetKind
    /// The API base URL the plan was computed against.
    public var apiURL: String
    /// The options the plan was computed with.
    public var options: PlanOptions
    /// The remote state.
    public var fingerprint: RemoteFingerprint
    /// The config and segment files, sorted by path.
    public var files: [FileDigest]
    /// SHA-256 of the plan's canonical JSON (without labels or redaction).
    public var planDigest: String
    /// The plan's canonical JSON, for people and tools reading the file.
    public var planDocument: JSONValue

    /// Captures `plan` with its inputs.
    public init(plan: Plan, apiURL: String, files: [FileDigest]) {
        target = plan.target
        self.apiURL = apiURL
        options = plan.options
        fingerprint = plan.fingerprint
        self.files = files.sorted { $0.path < $1.path }
        planDocument = Self.canonical(plan)
        planDigest = Digest.sha256(Array(planDocument.serialized(pretty: false).utf8))
    }

    /// The canonical JSON of a plan: no labels, members listed (sensitive values still hidden).
    public static func canonical(_ plan: Plan) -> JSONValue {
        PlanDocument(includeLabels: false).document(plan)
    }

    /// Whether `plan` is the plan that was saved.
    public func matches(_ plan: Plan) -> Bool {
        Digest.sha256(Array(Self.canonical(plan).serialized(pretty: false).utf8)) == planDigest
    }

    /// Sentences saying how `current` files differ from the saved ones.
    public func fileDifferences(from current: [FileDigest]) -> [String] {
        let old = Dictionary(files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(current.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var result: [String] = []
        for path in Set(old.keys).union(new.keys).sorted() {
            switch (old[path], new[path]) {
            case (nil, _?): result.append("\(path) was added")
            case (_?, nil): result.append("\(path) was removed")
            case let (a?, b?) where a != b: result.append("\(path) changed")
            default: break
            }
        }
        return result
    }

    /// The file's JSON text.
    public func serialized() -> String {
        JSONValue.object([
            ("format", .string(Self.format)),
            ("formatVersion", .int(Self.formatVersion)),
            ("target", .string(target.rawValue)),
            ("apiURL", .string(apiURL)),
            ("options", .object([
                ("prune", .bool(options.prune)),
                ("allowMassDelete", .bool(options.allowMassDelete)),
                ("allowDeleteInUse", .bool(options.allowDeleteInUse)),
            ] + (options.allowMassRemoval ? [("allowMassRemoval", .bool(true))] : [])
              + (options.asOf.map { [("asOf", JSONValue.string($0.text))] } ?? []))),
            ("remote", .object([
                ("digest", .string(fingerprint.digest)),
                ("segments", .array(fingerprint.entries.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("updatedAt", .string($0.updatedAt))]) })),
            ])),
            ("files", .array(files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("planDigest", .string(planDigest)),
            ("plan", planDocument),
        ]).serialized() + "\n"
    }

    /// Why a file is not a usable saved plan.
    public struct InvalidPlanFile: Error, Sendable {
        /// The reason.
        public var reason: String
    }

    /// Reads a saved plan.
    public static func parse(_ bytes: [UInt8]) throws(InvalidPlanFile) -> SavedPlan {
        struct Envelope: Decodable {
            struct Options: Decodable {
                var prune: Bool
                var allowMassDelete: Bool
                var allowDeleteInUse: Bool
                var allowMassRemoval: Bool?
                var asOf: String?
            }

            struct Remote: Decodable {
                var segments: [Entry]
            }

            struct Entry: Decodable {
                var id: String
                var name: String
                var updatedAt: String
            }

            var format: String
            var formatVersion: Int
            var target: String
            var apiURL: String
            var options: Options
            var remote: Remote
            var files: [FileDigest]
            var planDigest: String
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch {
            throw InvalidPlanFile(reason: "not a segctl plan file (expected the JSON written by 'segctl plan --out')")
        }
        guard envelope.format == format else { throw InvalidPlanFile(reason: "not a segctl plan file (format '\(envelope.format)')") }
        guard envelope.formatVersion == formatVersion else {
            throw InvalidPlanFile(reason: "plan file format version \(envelope.formatVersion) is not supported by this segctl (version \(formatVersion)); plan again")
        }
        guard let target = TargetKind(rawValue: envelope.target) else { throw InvalidPlanFile(reason: "unknown target '\(UnknownKeyRule.excerpt(envelope.target))'") }
        let asOf = try envelope.options.asOf.map { text throws(InvalidPlanFile) in
            guard let instant = Timestamp(text) else { throw InvalidPlanFile(reason: "the plan's asOf '\(UnknownKeyRule.excerpt(text))' is not a timestamp") }
            return instant
        }
        var seen = Set<String>()
        for segment in envelope.remote.segments where !seen.insert(segment.id).inserted {
            throw InvalidPlanFile(reason: "the plan file lists remote segment id '\(UnknownKeyRule.excerpt(segment.id))' twice; plan again")
        }
        return SavedPlan(
            target: target, apiURL: envelope.apiURL,
            options: PlanOptions(
                prune: envelope.options.prune, allowMassDelete: envelope.options.allowMassDelete, allowDeleteInUse: envelope.options.allowDeleteInUse,
                allowMassRemoval: envelope.options.allowMassRemoval ?? false, asOf: asOf),
            fingerprint: RemoteFingerprint(entries: envelope.remote.segments.map { .init(id: $0.id, name: $0.name, updatedAt: $0.updatedAt) }),
            files: envelope.files, planDigest: envelope.planDigest, planDocument: .null)
    }

    private init(
        target: TargetKind, apiURL: String, options: PlanOptions, fingerprint: RemoteFingerprint,
        files: [FileDigest], planDigest: String, planDocument: JSONValue
    ) {
        self.target = target
        self.apiURL = apiURL
        self.options = options
        self.fingerprint = fingerprint
        self.files = files
        self.planDigest = planDigest
        self.planDocument = planDocument
    }
}
