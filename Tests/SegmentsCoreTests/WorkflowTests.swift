import Testing
@testable import SegmentsCore

/// The command workflows against the in-memory remote, without a process or a network.
struct WorkflowTests {
    let config = TargetCatalogue.defaultConfig()

    func contents(_ files: [(String, String)], config: RepositoryConfig? = nil, configFile: String? = nil) -> RepositoryContents {
        RepositoryContents(
            config: config ?? self.config, configFile: configFile.map { SourceFile(path: "segctl.yaml", text: $0) },
            files: files.map { PendingSourceFile(SourceFile(path: "segments/\($0.0)", text: $0.1)) })
    }

    @Test func planSessionStopsAtInvalidFilesBeforeTheNetwork() async throws {
        let remote = InMemoryRemote()
        do {
            _ = try await PlanSession.make(contents([("a.yaml", "name: a\nisActive: yes\n")]), remote: remote, options: PlanOptions())
            Issue.record("an invalid repository was planned")
        } catch {
            #expect(Termination.status(for: error) == .failure)
            #expect(Termination.message(for: error, colored: false).hasSuffix("segctl: error: the segment files are invalid; fix them (segctl validate) before planning\n"))
        }
        #expect(await remote.calls.isEmpty)
    }

    @Test func planSessionPlansAndPinsItsInputs() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a"))])
        await remote.setLabels(["user-1": "ann@example.com"])
        var session = try await PlanSession.make(contents([("a.yaml", "name: a\nuserIds: [user-1]\n")], configFile: "prune: false\n"), remote: remote, options: PlanOptions())
        #expect(session.plan.summaryLine == "Plan: 0 to create, 1 to update, 0 to delete.")
        #expect(session.fileDigests.map(\.path) == ["segments/a.yaml", "segctl.yaml"])
        #expect(await session.resolveLabels(from: remote, shownBy: [.text], options: PlanRenderOptions(redactMembers: true)).isEmpty)
        #expect(session.plan.label(of: "user-1", kind: .user) == nil, "a redacted plan prints no IDs, so no labels were looked up")
        #expect(await session.resolveLabels(from: remote, shownBy: [.text], options: PlanRenderOptions()).isEmpty)
        #expect(session.plan.label(of: "user-1", kind: .user) == "ann@example.com")
    }

    @Test func savedPlanCheckListsWhatChanged() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a"))])
        let files = contents([("a.yaml", "name: a\nuserIds: [user-1]\n")])
        let session = try await PlanSession.make(files, remote: remote, options: PlanOptions())
        let saved = Array(SavedPlan(plan: session.plan, apiURL: "http://api", files: session.fileDigests).serialized().utf8)
        let fresh = try await SavedPlanCheck.session(savedIn: saved, path: "plan.json", contents: files, remote: remote, apiURL: "http://api")
        #expect(fresh.plan.changes.count == 1)
        await remote.touch(id: "c1")
        do {
            _ = try await SavedPlanCheck.session(savedIn: saved, path: "plan.json", contents: files, remote: remote, apiURL: "http://other")
            Issue.record("a stale plan was accepted")
        } catch {
            #expect(Termination.message(for: error, colored: false) == """
                segctl: error: the saved plan plan.json is stale; nothing was changed:
                  - the plan was made for the platform API at http://api; segctl is now configured for platform at http://other
                  - segment 'a' (c1) changed remotely: updatedAt v0 -> v1
                segctl: error: run 'segctl plan --out plan.json' again, review it, then apply it

                """)
        }
        do {
            _ = try await SavedPlanCheck.session(savedIn: Array("{}".utf8), path: "p.json", contents: files, remote: remote, apiURL: "http://api")
        } catch {
            #expect(Termination.message(for: error, colored: false) == "segctl: error: p.json: not a segctl plan file (expected the JSON written by 'segctl plan --out')\n")
        }
    }

    @Test func remoteExistenceRuleFindsUnknownIDs() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a"))])
        await remote.setLabels(["user-1": "ann@example.com"])
        let report = contents([("a.yaml", "name: a\nid: cgone\nuserIds: [user-1, user-2]\n")]).validate()
        let found = try await RemoteExistenceRule.check(report.segments, target: PlatformTarget(), remote: remote)
        #expect(found.map { "\($0.rule) \($0.location!.line):\($0.location!.column) \($0.message)" } == [
            "unknown-id 2:5 segment id 'cgone' does not exist remotely",
            "unknown-id 3:19 user ID 'user-2' does not exist (the API's resolve-users does not know it)",
        ])
    }

    @Test func memberEditChecksFindsAndGuards() throws {
        let files = contents([("beta.yaml", "name: beta\nuserIds:\n  - user-1\n  - user-2\n")])
        do {
            _ = try MemberEdit(MemberEdit.Request(segment: "bta", operation: .add(["user-3"])), in: files)
        } catch {
            #expect(Termination.message(for: error, colored: false) == "segctl: error: no segment file declares 'bta'; did you mean 'beta'?\n")
        }
        do {
            _ = try MemberEdit(MemberEdit.Request(segment: "beta", operation: .add(["nobody"]), places: ["argument 1"]), in: files)
        } catch {
            #expect(Termination.message(for: error, colored: false) == "segctl: error: argument 1: user ID 'nobody' does not match the user ID format '^user-[A-Za-z0-9_-]+$' (idFormats.user)\nsegctl: error: refusing to edit: 1 invalid ID; nothing was changed\n")
        }
        let edit = try MemberEdit(MemberEdit.Request(segment: "beta", operation: .set([])), in: files)
        #expect(edit.file == "segments/beta.yaml" && edit.key == "userIds")
        let bytes = Array("name: beta\nuserIds:\n  - user-1\n  - user-2\n".utf8)
        #expect(throws: SegctlError.self) { try edit.apply(to: bytes) }
        let allowed = try MemberEdit(MemberEdit.Request(segment: "beta", operation: .set(["user-1", "user-3"]), allowMassRemoval: false), in: files).apply(to: bytes)
        #expect(String(decoding: allowed.bytes, as: UTF8.self) == "name: beta\nuserIds:\n  - user-1\n  - user-3\n")
        #expect(allowed.text(dryRun: true, file: "f") == "beta: +1 -1 userIds (dry run; f not changed)\n  + user-3\n  - user-2\n")
    }

    @Test func memberEditHidesSensitiveValues() throws {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        let text = "name: vips\ncomparisonAttribute: Email\ncomparator: sensitiveIsOneOf\ncomparisonValue:\n  - a@x.io\n"
        let files = contents([("vips.yaml", text)], config: config)
        do {
            _ = try MemberEdit(MemberEdit.Request(segment: "vips", operation: .add(["b,c@x.io"]), places: ["argument 1"]), in: files)
        } catch {
            let message = Termination.message(for: error, colored: false)
            #expect(message.contains("this item contains a comma") && !message.contains("b,c@x.io"))
        }
        #expect(throws: SegctlError.self) { try MemberEdit(MemberEdit.Request(segment: "vips", operation: .add(["x"]), companies: true), in: files) }
        let outcome = try MemberEdit(MemberEdit.Request(segment: "vips", operation: .add(["b@x.io"])), in: files).apply(to: Array(text.utf8))
        #expect(outcome.text(dryRun: true, file: "f") == "vips: +1 -0 comparisonValue (dry run; f not changed)\n")
    }

    /// A segment id in the platform API's format.
    static func cuid(_ number: Int) -> String {
        "c" + String(String(number).reversed()).padding(toLength: 24, withPad: "0", startingAt: 0)
    }

    @Test func importWritesFilesThatPlanNoChanges() async throws {
        let remote = InMemoryRemote(segments: [
            Make.remote(Self.cuid(1), Make.state("Beta Testers", users: ["user-2", "user-1"], description: "early: \"access\"")),
            Make.remote(Self.cuid(2), Make.state("vips", companies: ["company-1"], active: false)),
        ])
        await remote.setLabels(["user-1": "ann@example.com"])
        let empty = contents([])
        let result = try await Import.prepare(Import.Request(all: true), contents: empty, remote: remote)
        #expect(result.writes.map(\.path) == ["segments/beta-testers.yaml", "segments/vips.yaml"])
        #expect(result.writes[0].text == "name: Beta Testers\nid: \(Self.cuid(1))\ndescription: \"early: \\\"access\\\"\"\nisActive: true\nuserIds:\n  - user-1  # ann@example.com\n  - user-2\ncompanyIds: []\n")
        let imported = contents(result.writes.map { (String($0.path.dropFirst("segments/".count)), $0.text) })
        let session = try await PlanSession.make(imported, remote: remote, options: PlanOptions())
        #expect(!session.plan.hasChanges)
        let again = try await Import.prepare(Import.Request(names: ["vips"]), contents: imported, remote: remote)
        #expect(again.refusals == ["'vips' is already declared in segments/vips.yaml; pass --force to overwrite it"])
    }

    @Test func importRefusesIDsTheFormatsRejectAndSuggestsAFormat() async throws {
        let remote = InMemoryRemote(segments: [Make.remote(Self.cuid(1), Make.state("legacy", users: ["0042", "user-1", "0007"]))])
        do {
            _ = try await Import.prepare(Import.Request(all: true, labels: false), contents: contents([]), remote: remote)
            Issue.record("invalid files were prepared")
        } catch {
            let message = Termination.message(for: error, colored: false)
            #expect(message.contains("segctl: error: 2 imported user IDs do not match idFormats.user '^user-[A-Za-z0-9_-]+$', e.g. '0007' (segment 'legacy'), '0042' (segment 'legacy'); to accept them, set idFormats.user: '^(?:user-[A-Za-z0-9_-]+|[0-9]+)$' in segctl.yaml\n"), "\(message)")
            #expect(message.hasSuffix("segctl: error: the imported files would not validate (2 errors, 0 warnings in 1 file)\n"))
        }
        let allowed = try await Import.prepare(Import.Request(all: true, labels: false, allowInvalid: true), contents: contents([]), remote: remote)
        #expect(allowed.writes.count == 1)
        #expect(allowed.warnings.count == 1)
    }

    @Test func formattingSaysWhatHappenedToEachFile() {
        let formatting = Formatting(config: config)
        #expect({ if case .unchanged = formatting.format(PendingSourceFile(SourceFile(path: "a.yaml", text: "name: a\n"))) { true } else { false } }())
        if case .formatted(let bytes) = formatting.format(PendingSourceFile(SourceFile(path: "b.yaml", text: "userIds: [user-2, user-1]\nname: b\n"))) {
            #expect(String(decoding: bytes, as: UTF8.self) == "name: b\nuserIds:\n  - user-1\n  - user-2\n")
        } else {
            Issue.record("not formatted")
        }
        guard case .refused(let reason) = formatting.format(PendingSourceFile(SourceFile(path: "c.yaml", text: "name: [c\n"))) else {
            Issue.record("formatted a broken file")
            return
        }
        #expect(reason.hasPrefix("c.yaml:2:1: did not find expected"))
    }

    @Test func errorsMapToExitStatusesInOnePlace() {
        #expect(Termination.status(for: ExitStatus.usage) == .usage)
        #expect(Termination.status(for: SegctlError.configuration([])) == .usage)
        #expect(Termination.status(for: SegctlError.usage("x")) == .usage)
        #expect(Termination.status(for: SegctlError.failed("x")) == .failure)
        #expect(Termination.status(for: RemoteFailure.ambiguous("lost")) == .failure)
        #expect(Termination.message(for: RemoteFailure.ambiguous("lost\u{1B}[2J"), colored: false) == "segctl: error: lost\\e[2J\n")
        #expect(Termination.message(for: ExitStatus.failure, colored: false) == "")
    }

    @Test func trustedEndpointWinsAndSaysSo() {
        var config = self.config
        config.file = "segctl.yaml"
        config.api.url = "https://evil.example"
        let fromEnvironment = EndpointChoice(flag: nil, environment: ["SEGCTL_API_URL": "https://api.example"], config: config)
        #expect(fromEnvironment.url == "https://api.example")
        #expect(fromEnvironment.note == "api.url in segctl.yaml (https://evil.example) is ignored: requests and credentials go only to https://api.example from SEGCTL_API_URL")
        #expect(EndpointChoice(flag: "https://flag.example", environment: ["SEGCTL_API_URL": "https://api.example"], config: config).url == "https://flag.example")
        #expect(EndpointChoice(flag: nil, environment: [:], config: config) == EndpointChoice(flag: nil, environment: ["SEGCTL_API_URL": ""], config: config))
        config.api.url = "https://api.example/"
        #expect(EndpointChoice(flag: nil, environment: ["SEGCTL_API_URL": "https://API.example"], config: config).note == nil)
    }

    @Test func redactionOnlyAddsUp() {
        var config = self.config
        #expect(!OutputPolicy.redactsMembers(flag: false, config: config, environment: [:]))
        #expect(OutputPolicy.redactsMembers(flag: false, config: config, environment: ["SEGCTL_REDACT_MEMBERS": "true"]))
        config.output.redactMembers = true
        #expect(OutputPolicy.redactsMembers(flag: false, config: config, environment: ["SEGCTL_REDACT_MEMBERS": "0"]))
    }
}
