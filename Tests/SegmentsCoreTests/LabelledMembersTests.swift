import Testing
@testable import SegmentsCore

/// Labels are looked up for the IDs a plan's formats print, and no others.
struct LabelledMembersTests {
    /// One update: 150 users added, 30 removed; one create of 5 companies; one sensitive
    /// ConfigCat-style list is covered by `sensitiveListsAskForNothing`.
    static let plan: Plan = {
        let added = (0..<150).map { "user-a\(1000 + $0)" }
        let removed = (0..<30).map { "user-r\(1000 + $0)" }
        let remote = [Make.remote("c1", Make.state("big", users: removed + ["user-kept"]))]
        let desired = [
            Make.declaration(Make.state("big", users: ["user-kept"] + added)),
            Make.declaration(Make.state("vips", companies: (0..<5).map { "company-\($0)" })),
        ]
        return Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: remote)
    }()

    @Test func jsonLabelsEveryID() {
        let ids = Self.plan.labelledIDs(shownBy: [.json], options: PlanRenderOptions())
        #expect(ids[.user]?.count == 180)
        #expect(ids[.company]?.count == 5)
        #expect(Self.plan.labelledIDs(shownBy: [], options: PlanRenderOptions()).isEmpty)
    }

    @Test func textAsksForTheFirstHundredOfEachListAsItPrintsThem() {
        let ids = Self.plan.labelledIDs(shownBy: [.text], options: PlanRenderOptions())
        let users = ids[.user] ?? []
        #expect(users.count == 100)
        #expect(users == Set((0..<100).map { "user-a\(1000 + $0)" }))
        #expect(ids[.company] == Set((0..<5).map { "company-\($0)" }))
        let text = TextPlanRenderer(options: PlanRenderOptions()).render(Self.plan)
        let printed = Set(text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("+ user-") || trimmed.hasPrefix("- user-") else { return nil }
            return String(trimmed.dropFirst(2))
        })
        #expect(printed == users, "exactly the user IDs the text prints")
    }

    @Test func aListShorterThanTheLimitAsksForAddedAndRemovedAlike() {
        let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(
            desired: [Make.declaration(Make.state("small", users: ["user-new"]))], remote: [Make.remote("c1", Make.state("small", users: ["user-old"]))])
        #expect(plan.labelledIDs(shownBy: [.text], options: PlanRenderOptions())[.user] == ["user-new", "user-old"])
        #expect(plan.labelledIDs(shownBy: [.markdown], options: PlanRenderOptions())[.user] == ["user-new", "user-old"])
    }

    @Test func showAllMembersAsksForEveryID() {
        let ids = Self.plan.labelledIDs(shownBy: [.text], options: PlanRenderOptions(memberLimit: nil))
        #expect(ids[.user]?.count == 180)
        #expect(Self.plan.labelledIDs(shownBy: [.json, .text], options: PlanRenderOptions(memberLimit: nil))[.user]?.count == 180)
    }

    @Test func markdownAsksForWhatItsFirstFoldShows() {
        let ids = Self.plan.labelledIDs(shownBy: [.markdown], options: PlanRenderOptions(memberLimit: nil))
        #expect(ids[.user]?.count == MarkdownPlanRenderer.defaultMembersShown)
        #expect(Self.plan.labelledIDs(shownBy: [.text, .markdown], options: PlanRenderOptions())[.user]?.count == 100)
        #expect(Self.plan.labelledIDs(shownBy: [.json, .markdown], options: PlanRenderOptions())[.user]?.count == 180)
    }

    @Test func redactedPlansAskForNothing() {
        #expect(Self.plan.labelledIDs(shownBy: PlanFormat.allCases, options: PlanRenderOptions(redactMembers: true)).isEmpty)
    }

    @Test func sensitiveListsAskForNothing() {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        let state = SegmentState(name: "Hashes", fields: [
            "description": .null, "comparisonAttribute": .string("Email"),
            "comparator": .string("sensitiveIsOneOf"), "comparisonValue": .list(["a@example.com"]),
        ])
        let plan = Planner(config: config, options: PlanOptions()).plan(desired: [Make.declaration(state)], remote: [])
        #expect(plan.labelledIDs(shownBy: PlanFormat.allCases, options: PlanRenderOptions(memberLimit: nil)).isEmpty)
    }
}
