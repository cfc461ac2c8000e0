import Foundation
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

/// The text format lists at most `planMemberLimit` IDs in a whole plan: a plan of thousands of
/// new segments prints their counts past it, not millions of lines, and looks up labels for
/// the IDs it lists.
struct PlanMemberLimitTests {
    /// `segments` creates of `members` users each, in name order.
    static func plan(segments: Int, members: Int) -> Plan {
        let desired = (0..<segments).map { segment in
            Make.declaration(Make.state(String(format: "s%05d", segment), users: (0..<members).map { "user-\(segment)-\($0)" }))
        }
        return Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: [])
    }

    static func listedIDs(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("+ user-") ? String(trimmed.dropFirst(2)) : nil
        }
    }

    @Test func pastTheLimitListsShowCountsOnly() {
        // 130 lists of 100: the first 100 are listed whole (10,000 IDs), the rest by count.
        let plan = Self.plan(segments: 130, members: 100)
        let text = TextPlanRenderer(options: PlanRenderOptions()).render(plan)
        let listed = Self.listedIDs(text)
        #expect(listed.count == PlanRenderOptions.defaultPlanMemberLimit)
        #expect(listed.first == "user-0-0" && listed.last == "user-99-99")
        #expect(text.contains("  + create s00100  segments/s00100.yaml\n      isActive: true\n      userIds: 100 items\n          ... 100 added not shown; see them all with --show-all-members or --format json\n"))
        #expect(text.components(separatedBy: "... 100 added not shown").count - 1 == 30)
        #expect(text.hasSuffix("Plan: 130 to create, 0 to update, 0 to delete.\n"))
        #expect(plan.labelledIDs(shownBy: [.text], options: PlanRenderOptions())[.user] == Set(listed))
    }

    @Test func theLimitCanFallInsideAList() {
        let plan = Self.plan(segments: 3, members: 80)
        let options = PlanRenderOptions(planMemberLimit: 200)
        let text = TextPlanRenderer(options: options).render(plan)
        #expect(Self.listedIDs(text).count == 200)
        // Created lists are listed sorted: user-2-0, user-2-1, user-2-10, ...
        #expect(text.contains("+ user-2-44\n          ... 40 more added not shown; see them all with --show-all-members or --format json\n"))
        #expect(plan.labelledIDs(shownBy: [.text], options: options)[.user]?.count == 200)
    }

    @Test func showAllMembersListsEveryID() {
        let plan = Self.plan(segments: 130, members: 100)
        let options = PlanRenderOptions.listing(allMembers: true)
        #expect(Self.listedIDs(TextPlanRenderer(options: options).render(plan)).count == 13_000)
        #expect(plan.labelledIDs(shownBy: [.text], options: options)[.user]?.count == 13_000)
        #expect(plan.labelledIDs(shownBy: [.json], options: PlanRenderOptions())[.user]?.count == 13_000)
    }

    @Test func redactedListsUseNoneOfTheLimit() {
        let plan = Self.plan(segments: 130, members: 100)
        let redacted = TextPlanRenderer(options: PlanRenderOptions(redactMembers: true)).render(plan)
        #expect(Self.listedIDs(redacted).isEmpty && !redacted.contains("not shown"))
        #expect(plan.labelledIDs(shownBy: [.text], options: PlanRenderOptions(redactMembers: true)).isEmpty)
    }
}

/// The Markdown comment is composed only as far as GitHub's limit, and says exactly what
/// composing the whole plan and then measuring it said.
struct MarkdownBoundTests {
    /// The renderer's folding, on comments composed whole.
    static func composedWhole(_ renderer: MarkdownPlanRenderer, _ plan: Plan) -> String {
        for limit in [renderer.membersShown, 20, 5, 0] where limit <= renderer.membersShown {
            let text = renderer.compose(plan, membersShown: limit, details: true).text
            if text.count <= MarkdownPlanRenderer.characterBudget { return text }
        }
        let withoutDetails = renderer.compose(plan, membersShown: 0, details: false).text
        if withoutDetails.count <= MarkdownPlanRenderer.characterBudget { return withoutDetails }
        let note = "\n_The table is cut short to stay under GitHub's comment limit; run `segctl plan` for the full plan._\n"
        var cut = String(withoutDetails.prefix(MarkdownPlanRenderer.characterBudget - note.count))
        if let lastNewline = cut.lastIndex(of: "\n") { cut = String(cut[...lastNewline]) }
        return cut + note
    }

    @Test(arguments: [(3, 10), (40, 150), (300, 30), (3_000, 5), (20_000, 1)])
    func aBoundedCommentIsTheWholeOnesFolding(segments: Int, members: Int) {
        let plan = PlanMemberLimitTests.plan(segments: segments, members: members)
        let renderer = MarkdownPlanRenderer(options: PlanRenderOptions())
        let comment = renderer.render(plan)
        #expect(comment == Self.composedWhole(renderer, plan))
        #expect(comment.count <= MarkdownPlanRenderer.characterBudget)
    }

    @Test func charactersOfManyScalarsAreCountedAsCharacters() {
        // Names of accented letters, flags and a family emoji: many bytes, few characters.
        let names = (0..<2_000).map { "e\u{301}\u{1F1E9}\u{1F1EA}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}-\($0)" }
        let desired = names.map { Make.declaration(Make.state($0, users: ["user-1"])) }
        let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: [])
        let renderer = MarkdownPlanRenderer(options: PlanRenderOptions())
        #expect(renderer.render(plan) == Self.composedWhole(renderer, plan))
    }

    @Test func composingStopsPastTheLimit() {
        let plan = PlanMemberLimitTests.plan(segments: 20_000, members: 1)
        let bounded = MarkdownPlanRenderer(options: PlanRenderOptions()).compose(plan, membersShown: 0, details: false, upTo: 1_000)
        #expect(bounded.isOver && bounded.count == bounded.text.count && bounded.count < 1_200)
    }
}
