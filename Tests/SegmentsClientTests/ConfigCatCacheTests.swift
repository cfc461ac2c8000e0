import Foundation
import Logging
import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The ConfigCat client's segment cache: one request per plan for what did not change, and
/// never a different result than without it.
@Suite(.serialized)
struct ConfigCatCacheTests {
    /// A fresh, empty cache directory.
    static func cacheDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-cache-\(UUID().uuidString)")
        return url.path
    }

    func client(_ server: ConfigCatTestServer, cacheDirectory: String?, logger: Logger = ConfigCatClientTests.logger) throws -> ConfigCatSegmentsClient {
        ConfigCatSegmentsClient(
            endpoint: try RemoteEndpoint(server.baseURL, allowInsecureHTTP: false),
            productID: ConfigCatTestServer.productID,
            user: Secret(ConfigCatTestServer.user, source: "CONFIGCAT_API_USER"),
            password: Secret(ConfigCatTestServer.password, source: "CONFIGCAT_API_PASSWORD"),
            settings: ClientSettings(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, timeout: 30)),
            cacheDirectory: cacheDirectory,
            logger: logger)
    }

    /// Fills the server with `count` segments, a few of them sensitive.
    @discardableResult
    static func populate(_ server: ConfigCatTestServer, count: Int) async -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let sensitive = index % 100 == 0
            ids.append(await server.store.insert(
                name: "segment-\(index)", comparator: sensitive ? "sensitiveIsOneOf" : "isOneOf",
                value: sensitive ? "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8" : "user\(index)@example.com,other\(index)@example.com",
                description: index % 2 == 0 ? "described \(index)" : nil))
        }
        return ids
    }

    /// What listing cost: the segments and the number of requests the server saw.
    func list(_ api: ConfigCatSegmentsClient, on server: ConfigCatTestServer) async throws -> (segments: [RemoteSegment], requests: Int) {
        let before = await server.store.requestCount
        let segments = try await api.listSegments()
        return (segments, await server.store.requestCount - before)
    }

    /// The only file in `directory`.
    static func cacheFile(in directory: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        try #require(names.count == 1, "\(names)")
        return directory + "/" + names[0]
    }

    @Test func aPlanCostsOneRequestPlusTheSegmentsChangedSinceTheLast() async throws {
        try await ConfigCatTestServer.with { server in
            let ids = await Self.populate(server, count: 1_000)
            let directory = try Self.cacheDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let api = try client(server, cacheDirectory: directory)
            let uncached = try client(server, cacheDirectory: nil)

            let first = try await list(api, on: server)
            #expect(first.requests == 1_001)
            #expect(first.segments.count == 1_000)
            let second = try await list(api, on: server)
            #expect(second.requests == 1)
            #expect(second.segments == first.segments)

            for id in ids.prefix(3) { await server.store.edit(id, value: "edited-\(id)@example.com") }
            let third = try await list(api, on: server)
            #expect(third.requests == 4)
            #expect(third.segments.first?.state["comparisonValue"] == .list(["edited-\(ids[0])@example.com"]))
            #expect(third.segments == (try await uncached.listSegments()))

            await server.store.remove(ids[10])
            await server.store.setUsage(7, of: ids[11])
            let fourth = try await list(api, on: server)
            #expect(fourth.requests == 1)
            #expect(fourth.segments == (try await uncached.listSegments()))
            #expect(fourth.segments.first { $0.id == ids[11] }?.usage == 7)
            let file = try String(contentsOfFile: try Self.cacheFile(in: directory), encoding: .utf8)
            #expect(!file.contains(ids[10]) && file.contains(ids[11]))
        }
    }

    @Test func aCorruptCacheFileIsIgnoredWithANotice() async throws {
        try await ConfigCatTestServer.with { server in
            await Self.populate(server, count: 20)
            let directory = try Self.cacheDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let expected = try await client(server, cacheDirectory: nil).listSegments()
            _ = try await client(server, cacheDirectory: directory).listSegments()
            let path = try Self.cacheFile(in: directory)
            for garbage in ["{\"format\": \"segctl-configcat-segments-1\", \"segm", "\u{0}\u{1}binary", "[]", "{\"format\":\"segctl-configcat-segments-1\",\"baseURL\":1}"] {
                try Data(garbage.utf8).write(to: URL(fileURLWithPath: path))
                let recorder = LogRecorder()
                let api = try client(server, cacheDirectory: directory, logger: recorder.logger)
                let listed = try await list(api, on: server)
                #expect(listed.segments == expected)
                #expect(listed.requests == 21)
                #expect(recorder.messages(at: .notice) == ["ignoring the segment cache \(path): it is not a segctl cache file"])
                #expect(try await list(api, on: server).requests == 1)
            }
        }
    }

    @Test func aCacheFileOfAnotherAPIIsIgnoredWithANotice() async throws {
        let directory = try Self.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try await ConfigCatTestServer.with { server in
            await Self.populate(server, count: 5)
            _ = try await client(server, cacheDirectory: directory).listSegments()
            return try Data(contentsOf: URL(fileURLWithPath: try Self.cacheFile(in: directory)))
        }
        try FileManager.default.removeItem(atPath: directory)
        try await ConfigCatTestServer.with { server in
            await Self.populate(server, count: 5)
            let recorder = LogRecorder()
            let api = try client(server, cacheDirectory: directory, logger: recorder.logger)
            _ = try await api.listSegments()
            let path = try Self.cacheFile(in: directory)
            // The other server's file, where this server's file belongs.
            try written.write(to: URL(fileURLWithPath: path))
            let listed = try await list(api, on: server)
            #expect(listed.requests == 6)
            #expect(listed.segments == (try await client(server, cacheDirectory: nil).listSegments()))
            #expect(recorder.messages(at: .notice) == ["ignoring the segment cache \(path): it was written for another API, product or segctl version"])
        }
    }

    @Test func fetchSegmentAlwaysAsksTheServer() async throws {
        try await ConfigCatTestServer.with { server in
            let ids = await Self.populate(server, count: 3)
            let directory = try Self.cacheDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let api = try client(server, cacheDirectory: directory)
            _ = try await api.listSegments()
            await server.store.edit(ids[1], value: "changed@example.com")
            let before = await server.store.requestCount
            let fetched = try await api.fetchSegment(id: ids[1])
            #expect(await server.store.requestCount == before + 1)
            #expect(fetched?.state["comparisonValue"] == .list(["changed@example.com"]))
        }
    }

    @Test func theCacheFileHoldsNoCredentialsAndOnlyItsOwnerReadsIt() async throws {
        try await ConfigCatTestServer.with { server in
            await Self.populate(server, count: 101)
            let directory = try Self.cacheDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try await client(server, cacheDirectory: directory).listSegments()
            let path = try Self.cacheFile(in: directory)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let basic = Data("\(ConfigCatTestServer.user):\(ConfigCatTestServer.password)".utf8).base64EncodedString()
            #expect(!text.contains(ConfigCatTestServer.password) && !text.contains(ConfigCatTestServer.user) && !text.contains(basic))
            // Sensitive comparison values are stored as the API returned them (hashed).
            #expect(text.contains("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"))
            let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            let directoryMode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
            #expect(fileMode == 0o600 && directoryMode == 0o700)
        }
    }
}
