import Foundation
@testable import SegmentsServer
import Testing

/// The store and its value types, without HTTP: timestamps, IDs, sizes.
@Suite struct StoreTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_547_200_000, "2025-12-01T00:00:00.000Z"),
        (1_709_210_096_789, "2024-02-29T12:34:56.789Z"),
        (951_782_400_001, "2000-02-29T00:00:00.001Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func timestampsRenderAsISO8601(_ milliseconds: Int64, _ text: String) {
        #expect(Timestamp(milliseconds: milliseconds).iso8601 == text)
    }

    @Test func updatesWithinOneMillisecondStillAdvanceUpdatedAt() async throws {
        let frozen = Timestamp(milliseconds: 1_764_547_200_000)
        let store = try SegmentStore(path: nil, clock: { frozen })
        let created = try await store.createSegment(named: "frozen", with: SegmentChanges())
        #expect(created.updatedAt == frozen)
        let first = try #require(try await store.updateSegment(id: created.id, with: SegmentChanges(isActive: false)))
        let second = try #require(try await store.updateSegment(id: created.id, with: SegmentChanges()))
        #expect(first.updatedAt.iso8601 == "2025-12-01T00:00:00.001Z")
        #expect(second.updatedAt.iso8601 == "2025-12-01T00:00:00.002Z")
        #expect(second.createdAt == frozen)
        #expect(try await store.segment(id: created.id)?.updatedAt == "2025-12-01T00:00:00.002Z")
    }

    @Test func aClockGoingBackwardsDoesNotMoveUpdatedAtBack() async throws {
        let now = Timestamp(milliseconds: 2_000_000)
        #expect(Timestamp(milliseconds: 1_000_000).advanced(past: now) == Timestamp(milliseconds: 2_000_001))
        #expect(Timestamp(milliseconds: 3_000_000).advanced(past: now) == Timestamp(milliseconds: 3_000_000))
    }

    @Test func segmentIDsAreCuidShapedAndUnique() {
        let generator = SegmentIDGenerator()
        let now = Timestamp.now()
        let ids = (0..<20_000).map { _ in generator.next(at: now) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /c[0-9a-z]{24}/) != nil })
        #expect(Set(ids.map { $0.prefix(9) }).count == 1)
    }

    @Test func memberListsDropRepeatsAndRoundTrip() throws {
        let list = MemberList(["b", "a", "b", "quote\"d", "a"])
        #expect(list.json == #"["b","a","quote\"d"]"#)
        #expect(try list.decoded() == ["b", "a", "quote\"d"])
        #expect(MemberList.empty.json == "[]")
    }

    @Test(arguments: [
        ("1048576", 1_048_576), ("16MiB", 16 * 1_048_576), ("16mib", 16 * 1_048_576), ("512KiB", 524_288),
        ("1GiB", 1 << 30), ("100b", 100),
    ])
    func byteCountsParse(_ text: String, _ bytes: Int) {
        #expect(ServerOptions.byteCount(parsing: text) == bytes)
    }

    @Test(arguments: ["", "0", "-1", "MiB", "16MB", "1.5MiB", "99999999999999999999GiB"])
    func badByteCountsDoNotParse(_ text: String) {
        #expect(ServerOptions.byteCount(parsing: text) == nil)
    }

    @Test func unknownTokensMatchNoCredential() {
        let registry = CredentialRegistry(
            directory: [Credential(tokenDigest: TokenDigest.of("member"), isSuperAdmin: false)],
            bootstrapToken: "boot")
        #expect(registry.credential(for: "boot")?.isSuperAdmin == true)
        #expect(registry.credential(for: "member")?.isSuperAdmin == false)
        #expect(registry.credential(for: "Boot") == nil)
        #expect(registry.credential(for: "") == nil)
        #expect(TokenDigest.of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
