import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// `buildApplication` itself: the port it reports and the options it refuses.
@Suite struct ApplicationTests {
    /// Holds the port `onListening` reports.
    actor ReportedPort {
        var value: Int?

        func set(_ port: Int) {
            value = port
        }
    }

    @Test func onListeningReceivesTheBoundPortWhenAskedForPortZero() async throws {
        let reported = ReportedPort()
        let app = try await buildApplication(TestServer.options()) { port in
            await reported.set(port)
        }
        try await app.test(.ahc(.http)) { client in
            let port = await reported.value
            #expect(port != nil)
            #expect(port != 0)
            #expect(port == client.port)
        }
    }

    @Test func anUnopenableDatabaseFailsTheBuild() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await buildApplication(TestServer.options(database: "/nonexistent-dir/segments.sqlite"))
        }
    }
}
