import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An HTTP/1.1 server on loopback that misbehaves on purpose: redirects, sends the headers and
/// then stalls, or trickles the body a byte at a time. Written on bare NIO because a real
/// server framework would not let a test send half a response, and it records every request
/// and connection so a test can check that the client gave up and hung up.
public final class MisbehavingServer: TestService {
    /// A request as it arrived.
    public struct Request: Sendable {
        /// `GET`, `POST`, ...
        public var method: String
        /// The request target, e.g. `/api/platform/segments`.
        public var path: String
        /// The header fields, in order.
        public var headers: [(name: String, value: String)]
        /// The body (read up to `Content-Length`).
        public var body: [UInt8]

        /// The first value of the header `name`, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// How to answer one request.
    public enum Reply: Sendable {
        /// A complete response, after which the connection is closed.
        case answer(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// A 200 head promising a JSON body of `length` bytes, its first byte, then nothing.
        case stallAfterHeaders(promising: Int = 1 << 20)
        /// A 200 head promising a 1 MiB JSON body, then one byte every `interval`: never
        /// silent long enough for a read timeout, never finished.
        case trickle(every: Duration)
        /// A complete 200 JSON response sent in `chunks` (`Transfer-Encoding: chunked`, no
        /// `Content-Length`).
        case chunked([String])

        /// A 3xx with `Location: location`.
        public static func redirect(_ status: Int = 307, to location: String) -> Reply {
            .answer(status: status, headers: [("Location", location)])
        }

        /// A JSON body.
        public static func json(_ text: String, status: Int = 200) -> Reply {
            .answer(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }
    }

    /// What the server saw, readable from any thread.
    public final class Record: Sendable {
        private struct State {
            var requests: [String] = []
            var opened = 0
            var closed = 0
        }

        private let state = NIOLockedValueBox(State())

        /// Every request, as `METHOD path`.
        public var requests: [String] { state.withLockedValue { $0.requests } }
        /// Connections accepted so far.
        public var connectionsOpened: Int { state.withLockedValue { $0.opened } }
        /// Connections accepted and not yet closed (by either side).
        public var openConnections: Int { state.withLockedValue { $0.opened - $0.closed } }

        func request(_ line: String) { state.withLockedValue { $0.requests.append(line) } }
        func opened() { state.withLockedValue { $0.opened += 1 } }
        func closed() { state.withLockedValue { $0.closed += 1 } }

        /// Waits up to `limit` for every connection to be closed; true when they are.
        public func waitUntilAllClosed(within limit: Duration) async throws -> Bool {
            let deadline = ContinuousClock.now + limit
            while openConnections > 0 {
                guard ContinuousClock.now < deadline else { return false }
                try await Task.sleep(for: .milliseconds(20))
            }
            return true
        }
    }

    /// What the server saw.
    public let record: Record
    /// The bound port.
    public let port: Int
    private let serverChannel: any Channel
    private let connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(record: Record, port: Int, serverChannel: any Channel, connections: NIOLockedValueBox<[ObjectIdentifier: any Channel]>) {
        self.record = record
        self.port = port
        self.serverChannel = serverChannel
        self.connections = connections
    }

    /// Starts a server on an ephemeral loopback port that answers every request with `reply`.
    public static func start(_ reply: @escaping @Sendable (Request) -> Reply) async throws -> MisbehavingServer {
        let record = Record()
        let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.withLockedValue { $0[ObjectIdentifier(channel)] = channel }
                channel.closeFuture.whenComplete { _ in
                    _ = connections.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Connection(reply: reply, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return MisbehavingServer(record: record, port: channel.localAddress?.port ?? 0, serverChannel: channel, connections: connections)
    }

    /// Runs `body` with a server answering with `reply`, stopping it afterwards whatever happens.
    @discardableResult
    public static func with<T>(_ reply: @escaping @Sendable (Request) -> Reply, _ body: (MisbehavingServer) async throws -> T) async throws -> T {
        try await withService(try await start(reply), body)
    }

    /// Stops listening and closes every connection still open.
    public func stop() async {
        try? await serverChannel.close()
        for channel in connections.withLockedValue({ Array($0.values) }) {
            try? await channel.close()
        }
    }

    /// One connection: reads a request, then answers as told.
    private final class Connection: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        static let promisedLength = 1 << 20

        let reply: @Sendable (Request) -> Reply
        let record: Record
        var received = ByteBuffer()
        var answered = false

        init(reply: @escaping @Sendable (Request) -> Reply, record: Record) {
            self.reply = reply
            self.record = record
        }

        func channelActive(context: ChannelHandlerContext) {
            record.opened()
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            record.closed()
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            received.writeBuffer(&chunk)
            guard !answered, let request = parse() else { return }
            answered = true
            record.request("\(request.method) \(request.path)")
            let channel = context.channel
            switch reply(request) {
            case .answer(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                var buffer = ByteBuffer(string: head + "\r\n")
                buffer.writeBytes(body)
                context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
            case .stallAfterHeaders(let length):
                context.writeAndFlush(wrapOutboundOut(Self.head(promising: length)), promise: nil)
                Self.hangUpEventually(channel)
            case .trickle(let interval):
                context.writeAndFlush(wrapOutboundOut(Self.head(promising: Self.promisedLength)), promise: nil)
                Self.hangUpEventually(channel)
                let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
                context.eventLoop.scheduleRepeatedTask(initialDelay: .nanoseconds(nanoseconds), delay: .nanoseconds(nanoseconds)) { task in
                    guard channel.isActive else {
                        task.cancel()
                        return
                    }
                    channel.writeAndFlush(ByteBuffer(string: " "), promise: nil)
                }
            case .chunked(let chunks):
                var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                for chunk in chunks where !chunk.isEmpty {
                    buffer.writeString(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n")
                }
                buffer.writeString("0\r\n\r\n")
                context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
            }
        }

        /// A 200 head for a JSON body of `length` bytes, and its first byte.
        static func head(promising length: Int) -> ByteBuffer {
            ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n[")
        }

        /// Closes a stalled connection after 90 s, so that a client that never gives up (the
        /// bug the tests look for) fails its test instead of hanging the whole run.
        static func hangUpEventually(_ channel: any Channel) {
            channel.eventLoop.scheduleTask(in: .seconds(90)) { channel.close(promise: nil) }
        }

        /// The request, once its head and `Content-Length` bytes of body have arrived.
        func parse() -> Request? {
            let bytes = Array(received.readableBytesView)
            let separator = Array("\r\n\r\n".utf8)
            guard let end = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4].elementsEqual(separator) }) else { return nil }
            let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let requestLine = lines[0].split(separator: " ").map(String.init)
            guard requestLine.count >= 2 else { return nil }
            let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var request = Request(method: requestLine[0], path: requestLine[1], headers: headers, body: [])
            let length = request.header("Content-Length").flatMap { Int($0) } ?? 0
            let bodyStart = end + 4
            guard bytes.count - bodyStart >= length else { return nil }
            request.body = Array(bytes[bodyStart..<bodyStart + length])
            return request
        }
    }
}
