import Testing
@testable import SegmentsCore

/// Members that expire: the item forms, the warning, the plan's removals and reasons, the
/// editors, and the time format.
struct ExpiryTests {
    static let file = """
        name: beta
        userIds:
          - user-1  # permanent
          - {id: user-2, expires: 2026-12-31}  # trial
          - id: user-3
            expires: 2027-01-15T12:00:00+01:00
        """ + "\n"

    func declaration(_ text: String = Self.file, config: RepositoryConfig = TargetCatalogue.defaultConfig(), asOf: String? = nil) -> (SegmentDeclaration?, [String]) {
        let report = Validator(config: config, asOf: asOf.flatMap(Timestamp.init)).validate([SourceFile(path: "b.yaml", text: text)])
        return (report.segments.first, report.diagnostics.map(Fixtures.describe))
    }

    @Test func timestampsAreDatesOrRFC3339() {
        #expect(Timestamp("2026-12-31")?.milliseconds == 1_798_675_200_000)
        #expect(Timestamp("2026-12-31T01:00:00+01:00") == Timestamp("2026-12-31"))
        #expect(Timestamp("2026-12-31T00:00:00.250Z")?.milliseconds == 1_798_675_200_250)
        for bad in ["2026-02-30", "2026-13-01", "26-12-31", "2026-12-31T25:00:00Z", "2026-12-31T10:00:00", "tomorrow", ""] {
            #expect(Timestamp(bad) == nil, "\(bad)")
        }
        #expect(Timestamp(milliseconds: 1_798_675_200_250).text == "2026-12-31T00:00:00.250Z")
        #expect(Timestamp.seconds(ofDuration: "30d") == 2_592_000 && Timestamp.seconds(ofDuration: "3y") == nil)
    }

    @Test func itemsDecodeWithTheirExpiry() {
        let (segment, diagnostics) = declaration()
        #expect(diagnostics.isEmpty)
        #expect(segment?.state["userIds"] == .list(["user-1", "user-2", "user-3"]))
        #expect(segment?.expiries["userIds"]?[1]?.text == "2026-12-31")
        #expect(segment?.state(asOf: Timestamp("2027-01-01"))["userIds"] == .list(["user-1", "user-3"]))
        #expect(segment?.state(asOf: Timestamp("2027-01-15T11:00:00Z"))["userIds"] == .list(["user-1"]))
    }

    @Test func expiredItemsAreWarningsAndBadItemsErrors() {
        #expect(declaration(asOf: "2027-01-01").1 == ["warning 4:10 expires 'user-2' in 'userIds' expired on 2026-12-31 and is no longer a member; remove it with 'segctl members prune-expired beta'"])
        let bad = "name: b\nuserIds:\n  - {id: user-1, expires: soon}\n  - {id: user-2, until: 2026-01-01}\n  - {expires: 2026-01-01}\n"
        #expect(declaration(bad).1 == [
            "error 3:27 expires 'expires' must be a date (2026-12-31) or an RFC 3339 timestamp (2026-12-31T18:00:00Z), not 'soon'",
            "error 4:18 unknown-key unknown key 'until' in an item of 'userIds'; allowed keys: id, expires",
            "error 5:5 required-key missing required key 'id'",
        ])
        var config = TargetCatalogue.defaultConfig(for: .configcat)
        config.limits.listItems = 10
        let sensitive = "name: s\ncomparisonAttribute: Email\ncomparator: sensitiveIsOneOf\ncomparisonValue:\n  - {id: a@x.io, expires: 2026-01-01}\n"
        #expect(declaration(sensitive, config: config, asOf: "2026-06-01").1 == ["warning 5:10 expires an item of 'comparisonValue' expired on 2026-01-01 and is no longer a member; remove it with 'segctl members prune-expired s'"])
    }

    static let plan: Plan = {
        let remote = [Make.remote("c1aaaaaaaaaaaaaaaaaaaaaaa", Make.state("beta", users: ["user-1", "user-2", "user-3"]))]
        let report = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: "segments/beta.yaml", text: file)])
        var plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions(asOf: Timestamp("2027-01-01"))).plan(desired: report.segments, remote: remote)
        plan.labels = [.user: ["user-2": "ana@example.com"]]
        return plan
    }()

    @Test(arguments: PlanFormat.allCases)
    func removalsSayTheyExpired(_ format: PlanFormat) throws {
        let (expected, actual) = try Golden.check(format.render(Self.plan, options: PlanRenderOptions()), against: "plan-expiry.\(format == .markdown ? "md" : format.rawValue)")
        #expect(actual == expected)
        #expect(actual.contains("user-2 (ana@example.com; expired 2026-12-31)") || format == .json)
    }

    @Test func aSavedPlanKeepsItsInstant() throws {
        let saved = SavedPlan(plan: Self.plan, apiURL: "http://api", files: [])
        #expect(try SavedPlan.parse(Array(saved.serialized().utf8)).options.asOf == Timestamp("2027-01-01"))
    }

    @Test func membersAddWithAnExpiryAndRedating() throws {
        let editor = MemberListEditor(schema: PlatformTarget.schema)
        let bytes = Array(Self.file.utf8)
        let added = try editor.apply(.add(["user-0"], expires: Timestamp("2026-12-01")), key: "userIds", to: bytes, file: "b.yaml")
        #expect(String(decoding: added.bytes, as: UTF8.self) == Self.file.replacingOccurrences(of: "  - user-1", with: "  - {id: user-0, expires: 2026-12-01}\n  - user-1"))
        let redated = try editor.apply(.add(["user-2", "user-3"], expires: Timestamp("2027-06-30")), key: "userIds", to: bytes, file: "b.yaml")
        #expect(redated.reexpired == ["user-2", "user-3"])
        #expect(String(decoding: redated.bytes, as: UTF8.self) == "name: beta\nuserIds:\n  - user-1  # permanent\n  - {id: user-2, expires: 2027-06-30}  # trial\n  - {id: user-3, expires: 2027-06-30}\n")
        let set = try editor.apply(.set(["user-1", "user-3", "user-4"]), key: "userIds", to: bytes, file: "b.yaml")
        #expect(String(decoding: set.bytes, as: UTF8.self) == "name: beta\nuserIds:\n  - user-1  # permanent\n  - id: user-3\n    expires: 2027-01-15T12:00:00+01:00\n  - user-4\n")
    }

    @Test func pruneExpiredRemovesOnlyWhatExpired() throws {
        let contents = RepositoryContents(config: TargetCatalogue.defaultConfig(), files: [SourceFile(path: "segments/beta.yaml", text: Self.file)])
        let removals = try ExpiredMembers.removals(in: contents, segments: [], asOf: Timestamp("2027-02-01")!)
        #expect(removals.map { "\($0.segment) \($0.key) \($0.ids)" } == ["beta userIds [\"user-2\", \"user-3\"]"])
        let edit = try MemberListEditor(schema: PlatformTarget.schema).apply(.remove(removals[0].ids), key: "userIds", to: Array(Self.file.utf8), file: "b.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "name: beta\nuserIds:\n  - user-1  # permanent\n")
        #expect(throws: SegctlError.self) { try ExpiredMembers.removals(in: contents, segments: ["nope"], asOf: Timestamp("2027-02-01")!) }
    }

    @Test func fmtWritesExpiringItemsOnOneLine() throws {
        let formatted = try SegmentFormatter(schema: PlatformTarget.schema).format(Array(Self.file.utf8), file: "b.yaml")
        #expect(String(decoding: formatted, as: UTF8.self) == "name: beta\nuserIds:\n  - user-1  # permanent\n  - {id: user-2, expires: 2026-12-31}  # trial\n  - {id: user-3, expires: 2027-01-15T12:00:00+01:00}\n")
        #expect(try SegmentFormatter(schema: PlatformTarget.schema).format(formatted, file: "b.yaml") == formatted)
    }
}
