import NIOCore
import NIOPosix

/// A loopback port whose listening socket never accepts and whose queue is full: the kernel
/// drops further connection attempts without an answer, as a firewalled or overloaded host
/// does, so a client's connect hangs until its own connect timeout.
public final class SilentListener: TestService {
    /// The port that does not answer.
    public let port: Int
    private let listener: any Channel
    private let fillers: [any Channel]

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, listener: any Channel, fillers: [any Channel]) {
        self.port = port
        self.listener = listener
        self.fillers = fillers
    }

    /// Starts listening with a backlog of one and fills the queue with connections nobody
    /// accepts, until a connect attempt goes unanswered.
    public static func start() async throws -> SilentListener {
        let group = MultiThreadedEventLoopGroup.singleton
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1)
            .serverChannelOption(.autoRead, value: false)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = listener.localAddress?.port ?? 0
        var fillers: [any Channel] = []
        for _ in 0..<16 {
            do {
                fillers.append(try await ClientBootstrap(group: group).connectTimeout(.milliseconds(300)).connect(host: "127.0.0.1", port: port).get())
            } catch {
                return SilentListener(port: port, listener: listener, fillers: fillers)
            }
        }
        for channel in fillers { try? await channel.close() }
        try? await listener.close()
        throw TestSupportError("the listening queue on port \(port) never filled up")
    }

    /// Runs `body` with a silent port, closing it afterwards whatever happens.
    @discardableResult
    public static func with<T>(_ body: (SilentListener) async throws -> T) async throws -> T {
        try await withService(try await start(), body)
    }

    /// Closes the queued connections and the listening socket.
    public func stop() async {
        for channel in fillers { try? await channel.close() }
        try? await listener.close()
    }
}
