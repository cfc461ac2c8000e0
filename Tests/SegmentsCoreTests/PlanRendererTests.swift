import Foundation
import Testing
@testable import SegmentsCore

/// Every plan format is a contract, pinned by golden files; plus the limits each must keep.
struct PlanRendererTests {
    static let plan: Plan = {
        var config = TargetCatalogue.defaultConfig()
        config.file = "segctl.yaml"
        let remote = [
            Make.remote("c1aaaaaaaaaaaaaaaaaaaaaaa", Make.state("beta-testers", users: ["user-123", "user-456"], companies: ["company-789"], description: "Early access"), version: "2025-12-01T00:00:00.000Z"),
            Make.remote("c2bbbbbbbbbbbbbbbbbbbbbbb", Make.state("old-team", users: ["user-qa-1"]), version: "2025-12-01T00:00:00.000Z"),
            Make.remote("c3ccccccccccccccccccccccc", Make.state("legacy-vips", companies: ["company-123"]), version: "2025-12-01T00:00:00.000Z"),
            Make.remote("c4ddddddddddddddddddddddd", Make.state("same", users: ["user-1"]), version: "2025-12-01T00:00:00.000Z"),
        ]
        let desired = [
            Make.declaration(Make.state("beta-testers", users: ["user-123", "user-789"], companies: ["company-789"], description: "Early access customers")),
            Make.declaration(Make.state("internal-team", users: ["user-admin", "user-qa-1"]), file: "segments/team/internal-team.yaml"),
            Make.declaration(Make.state("renamed", users: ["user-1"]), id: "c4ddddddddddddddddddddddd"),
        ]
        var plan = Planner(config: config, options: PlanOptions(prune: true)).plan(desired: desired, remote: remote)
        plan.labels = [
            .user: ["user-123": "john@example.com", "user-456": "ana@example.com", "user-789": "maria.garcia@techflow.example", "user-admin": "admin@platform.example"],
            .company: ["company-123": "TechFlow MSP"],
        ]
        return plan
    }()

    @Test(arguments: PlanFormat.allCases)
    func golden(_ format: PlanFormat) throws {
        let output = format.render(Self.plan, options: PlanRenderOptions())
        let (expected, actual) = try Golden.check(output, against: "plan.\(format.rawValue == "markdown" ? "md" : format.rawValue)")
        #expect(actual == expected)
    }

    @Test(arguments: PlanFormat.allCases)
    func redactedGolden(_ format: PlanFormat) throws {
        let output = format.render(Self.plan, options: PlanRenderOptions(redactMembers: true))
        for id in ["user-123", "user-456", "user-789", "user-admin", "user-qa-1"] {
            #expect(!output.contains(id), "\(id) is redacted in \(format)")
        }
        let (expected, actual) = try Golden.check(output, against: "plan-redacted.\(format.rawValue == "markdown" ? "md" : format.rawValue)")
        #expect(actual == expected)
    }

    @Test func noChangesText() {
        let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(
            desired: [Make.declaration(Make.state("a"))], remote: [Make.remote("c1", Make.state("a"))])
        #expect(TextPlanRenderer(options: PlanRenderOptions()).render(plan) == "No changes: 1 segment matches its file.\n\nPlan: 0 to create, 0 to update, 0 to delete.\n")
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!TextPlanRenderer(options: PlanRenderOptions()).render(Self.plan).contains("\u{1B}["))
        #expect(TextPlanRenderer(options: PlanRenderOptions(colored: true)).render(Self.plan).contains("\u{1B}[32m+\u{1B}[0m"))
    }

    @Test func markdownStaysUnderGitHubsLimit() {
        let many = (0..<20_000).map { "user-\($0)" }
        let desired = (0..<30).map { Make.declaration(Make.state("segment-\($0)", users: many)) }
        let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: [])
        let output = MarkdownPlanRenderer(options: PlanRenderOptions()).render(plan)
        #expect(output.count <= MarkdownPlanRenderer.characterBudget)
        #expect(output.contains("folded") || output.contains("cut short"))
        #expect(output.contains("Plan: 30 to create, 0 to update, 0 to delete."))
    }

    @Test func markdownFoldsLongListsButKeepsShortOnes() {
        let desired = [Make.declaration(Make.state("big", users: (0..<150).map { "user-\($0)" })), Make.declaration(Make.state("small", users: ["user-x"]))]
        let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: [])
        let output = MarkdownPlanRenderer(options: PlanRenderOptions()).render(plan)
        #expect(output.contains("# ... 50 more not shown"))
        #expect(output.contains("+ user-x\n"))
    }

    @Test func sensitiveValuesAreNeverPrinted() {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        func state(_ values: [String]) -> SegmentState {
            SegmentState(name: "Hashes", fields: [
                "description": .null, "comparisonAttribute": .string("Email"),
                "comparator": .string("sensitiveIsOneOf"), "comparisonValue": .list(values),
            ])
        }
        let plan = Planner(config: config, options: PlanOptions()).plan(
            desired: [Make.declaration(state(["secret-a", "secret-c"]))],
            remote: [RemoteSegment(id: "0a000000-0000-0000-0000-000000000000", updatedAt: "t", state: state(["secret-a", "secret-b"]))])
        for format in PlanFormat.allCases {
            let output = format.render(plan, options: PlanRenderOptions())
            #expect(!output.contains("secret-"), "\(format) hides sensitive values")
            #expect(output.contains("comparisonValue"))
        }
        #expect(!SavedPlan(plan: plan, apiURL: "https://api.configcat.com", files: []).serialized().contains("secret-"))
        #expect(TextPlanRenderer(options: PlanRenderOptions()).render(plan).contains("~ comparisonValue: +1 -1 (2 -> 2) (sensitive values hidden)"))
    }

    @Test func savedPlanRoundTrip() throws {
        let saved = SavedPlan(plan: Self.plan, apiURL: "http://127.0.0.1:8080", files: [.init(path: "segments/a.yaml", sha256: "ab")])
        let parsed = try SavedPlan.parse(Array(saved.serialized().utf8))
        #expect(parsed.matches(Self.plan))
        #expect(parsed.fingerprint == Self.plan.fingerprint)
        #expect(parsed.options == Self.plan.options)
        #expect(parsed.fileDifferences(from: [.init(path: "segments/a.yaml", sha256: "cd"), .init(path: "segments/b.yaml", sha256: "ef")]) == ["segments/a.yaml changed", "segments/b.yaml was added"])
        #expect(throws: SavedPlan.InvalidPlanFile.self) { try SavedPlan.parse(Array("{}".utf8)) }
    }

    /// A plan file listing one remote segment twice crashed apply's staleness check (a
    /// dictionary built with unique keys). Found by `scripts/fuzz plan`
    /// (Tests/SegmentsFuzzingTests/Findings/plan/duplicate-segment-in-remote-fingerprint.json).
    @Test func aPlanFileListingARemoteSegmentTwiceIsRefused() throws {
        let saved = SavedPlan(plan: Self.plan, apiURL: "http://127.0.0.1:8080", files: [])
        // The remote segments as the plan file lists them, one of them twice.
        var document = try #require(try JSONSerialization.jsonObject(with: Data(saved.serialized().utf8)) as? [String: Any])
        let entry: [String: Any] = ["id": "seg-1", "name": "a", "updatedAt": "2026-01-01T00:00:00.000Z"]
        document["remote"] = ["digest": "00", "segments": [entry, entry]]
        let doubled = try JSONSerialization.data(withJSONObject: document)
        let error = #expect(throws: SavedPlan.InvalidPlanFile.self) { try SavedPlan.parse(Array(doubled)) }
        #expect(error?.reason == "the plan file lists remote segment id 'seg-1' twice; plan again")
    }

    /// A live list holding one ID twice (a broken server) is compared, not crashed on, and
    /// the second entry counts as a change, so a saved plan is stale against it.
    @Test func fingerprintsWithARepeatedIDAreCompared() {
        let entry = RemoteFingerprint.Entry(id: "seg-1", name: "a", updatedAt: "1")
        let doubled = RemoteFingerprint(entries: [entry, RemoteFingerprint.Entry(id: "seg-1", name: "b", updatedAt: "2")])
        #expect(RemoteFingerprint(entries: [entry]).differences(from: doubled) == ["segment 'b' (seg-1) changed remotely: updatedAt 1 -> 2"])
        #expect(doubled.differences(from: RemoteFingerprint(entries: [])) == ["segment 'a' (seg-1) was deleted remotely", "segment 'b' (seg-1) was deleted remotely"])
    }
}

/// "Who changed the remote": the plan says, per updated segment, when and (where the API
/// says) by whom; the e-mail is withheld with the members.
struct AttributionTests {
    @Test(arguments: PlanFormat.allCases)
    func updatesNameWhoChangedTheRemote(_ format: PlanFormat) {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        func state(_ values: [String]) -> SegmentState {
            SegmentState(name: "Beta", fields: ["description": .null, "comparisonAttribute": .string("Email"), "comparator": .string("isOneOf"), "comparisonValue": .list(values)])
        }
        let remote = [RemoteSegment(id: "2b5f0000-0000-0000-0000-000000000001", updatedAt: "2026-11-20T10:00:00Z", state: state(["a@x.io"]), updatedBy: "ana@example.com")]
        let plan = Planner(config: config, options: PlanOptions()).plan(desired: [Make.declaration(state(["b@x.io"]))], remote: remote)
        let shown = format.render(plan, options: PlanRenderOptions())
        let redacted = format.render(plan, options: PlanRenderOptions(redactMembers: true))
        switch format {
        case .json:
            #expect(shown.contains("\"lastChanged\": {\n        \"at\": \"2026-11-20T10:00:00Z\",\n        \"by\": \"ana@example.com\"\n      }"))
        default:
            #expect(shown.contains("last changed remotely 2026-11-20T10:00:00Z by ana@example.com"))
            #expect(redacted.contains("last changed remotely 2026-11-20T10:00:00Z by (redacted)"))
        }
        #expect(!redacted.contains("ana@example.com"))
    }
}
