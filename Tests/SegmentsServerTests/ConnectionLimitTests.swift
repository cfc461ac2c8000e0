import Foundation
import SegmentsTestSupport
import Testing

/// Idle and surplus connections against the built binary: idle ones are closed after
/// `--idle-timeout`, at most `--max-connections` are open at once, and a full server makes
/// room by closing the connection idle longest, so idle sockets cannot lock clients out.
@Suite(.serialized) struct ConnectionLimitTests {
    static let request = """
        GET /api/platform/segments HTTP/1.1\r
        Host: 127.0.0.1\r
        Authorization: Bearer \(TestServer.adminToken)\r
        Connection: close\r
        \r

        """

    /// Sends one request on a new connection and returns the whole response.
    static func get(port: Int) throws -> String? {
        let connection = try RawConnection(port: port)
        try connection.write(request)
        return connection.readUntilClosed(within: .seconds(10))
    }

    @Test(.timeLimit(.minutes(2)))
    func aRequestIsServedWhileAThousandIdleSocketsAreOpen() async throws {
        try #require(raiseOpenFileLimit() >= 2500, "the open-file limit is too low for 1,000 sockets")
        try await ServerProcess.withServer(["--max-connections", "1024"]) { port in
            let idle = try (0..<1000).map { _ in try RawConnection(port: port) }
            let response = try Self.get(port: port)
            #expect(response?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(response ?? "no response")")
            #expect(response?.hasSuffix("\r\n\r\n[]") == true)
            #expect(idle.filter(\.isClosedByPeer).isEmpty)
        }
    }

    /// With the server full of idle keep-alive connections, a new client still gets in: the
    /// one idle longest is closed to make room, and the rest stay open.
    @Test(.timeLimit(.minutes(2)))
    func aFullServerClosesTheLongestIdleConnectionToAdmitANewOne() async throws {
        let keepAlive = Self.request.replacingOccurrences(of: "Connection: close", with: "Connection: keep-alive")
        try await ServerProcess.withServer(["--max-connections", "10"]) { port in
            var idle: [RawConnection] = []
            for _ in 0..<10 {
                let connection = try RawConnection(port: port)
                try connection.write(keepAlive)
                let response = connection.readResponse(within: .seconds(10))
                #expect(response?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(response ?? "no response")")
                idle.append(connection)
            }
            let response = try Self.get(port: port)
            #expect(response?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(response ?? "no response")")
            #expect(idle[0].readUntilClosed(within: .seconds(5)) == "")
            #expect(idle[1...].filter(\.isClosedByPeer).isEmpty)
        }
    }

    /// Connections in the middle of a request are never closed to make room; a connection
    /// beyond the limit is then closed at once, and the accept loop keeps going.
    @Test(.timeLimit(.minutes(2)))
    func aConnectionBeyondTheLimitIsClosedPromptlyWhenAllAreBusy() async throws {
        try await ServerProcess.withServer(["--max-connections", "3"]) { port in
            var busy: [RawConnection] = []
            for index in 0..<3 {
                let connection = try RawConnection(port: port)
                try connection.write("""
                    POST /api/platform/segments HTTP/1.1\r
                    Host: 127.0.0.1\r
                    Authorization: Bearer \(TestServer.adminToken)\r
                    Content-Type: application/json\r
                    Content-Length: 40\r
                    Connection: close\r
                    \r
                    {"name": "busy-\(index)"
                    """)
                busy.append(connection)
            }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            for _ in 0..<5 {
                let surplus = try RawConnection(port: port)
                #expect(surplus.readUntilClosed(within: .seconds(2)) == "")
            }
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(busy.filter(\.isClosedByPeer).isEmpty)

            try busy[0].write(String(repeating: " ", count: 40 - #"{"name": "busy-0""#.utf8.count - 1) + "}")
            let created = busy[0].readUntilClosed(within: .seconds(5))
            #expect(created?.hasPrefix("HTTP/1.1 201 Created\r\n") == true, "\(created ?? "no response")")
            busy[0].disconnect()
            try await Task.sleep(for: .milliseconds(100))
            let response = try Self.get(port: port)
            #expect(response?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(response ?? "no response")")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func idleConnectionsAreClosedAfterTheTimeout() async throws {
        try await ServerProcess.withServer(["--idle-timeout", "1"]) { port in
            let silent = try (0..<20).map { _ in try RawConnection(port: port) }
            let partial = try RawConnection(port: port)
            try partial.write("GET /api/platform/segments HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let keptAlive = try RawConnection(port: port)
            try keptAlive.write(Self.request.replacingOccurrences(of: "Connection: close", with: "Connection: keep-alive"))

            try await Task.sleep(for: .milliseconds(300))
            #expect(silent.filter(\.isClosedByPeer).isEmpty, "closed before the timeout")
            #expect(!partial.isClosedByPeer)

            for connection in silent + [partial] {
                #expect(connection.readUntilClosed(within: .seconds(4)) == "")
            }
            let served = keptAlive.readUntilClosed(within: .seconds(4))
            #expect(served?.hasPrefix("HTTP/1.1 200 OK\r\n") == true, "\(served ?? "still open")")
            #expect(try Self.get(port: port)?.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
        }
    }

    @Test func theLimitsAndTheirDefaultsAreInTheHelp() async throws {
        let outcome = try await ServerProcess.run(["--help"])
        let help = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--idle-timeout <seconds> Seconds a connection may stay idle"))
        #expect(help.contains("before it is closed. (default: 30)"))
        #expect(help.contains("--max-connections <count>"))
        #expect(help.contains("the open-file limit less 128, at most 4096."))
        #expect(outcome.status == 0)
    }
}
