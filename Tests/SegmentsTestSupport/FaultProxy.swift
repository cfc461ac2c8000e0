import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A reverse proxy in front of a real server that fails on purpose: the way to test retries
/// and ambiguous failures against real HTTP without touching the server's code.
public final class FaultProxy: TestService {
    /// What to do with one request.
    public enum Fault: Sendable {
        /// Answer with `status` (and `Retry-After`, if given) without forwarding.
        case status(Int, retryAfter: String? = nil)
        /// Forward, then hold the response for `delay` (longer than the client's timeout).
        case delayAfterForwarding(Duration)
        /// Forward, then answer 200 with an HTML page instead of the server's JSON.
        case htmlInsteadOfJSON
    }

    /// Faults to inject, consumed in order for requests that match.
    public actor Script {
        private var rules: [(method: String, path: String, fault: Fault)] = []
        /// Every request seen, as `METHOD path`.
        public private(set) var requests: [String] = []

        init() {}

        /// Queues `fault` for the next request with `method` whose path starts with `path`.
        public func add(_ fault: Fault, method: String, path: String = "/", times: Int = 1) {
            for _ in 0..<times { rules.append((method, path, fault)) }
        }

        func next(method: String, path: String) -> Fault? {
            requests.append("\(method) \(path)")
            guard let index = rules.firstIndex(where: { $0.method == method && path.hasPrefix($0.path) }) else { return nil }
            return rules.remove(at: index).fault
        }
    }

    /// The faults this proxy injects.
    public let script: Script
    /// The proxy's port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, any Error>, script: Script) {
        self.port = port
        self.task = task
        self.script = script
    }

    /// Starts a proxy forwarding to `upstream` (e.g. a TestServer's base URL).
    public static func start(upstream: String) async throws -> FaultProxy {
        let script = Script()
        let (port, task) = try await Loopback.serve { request in try await forward(request, to: upstream, script: script) }
        return FaultProxy(port: port, task: task, script: script)
    }

    /// Stops the proxy.
    public func stop() async {
        await Loopback.stop(task)
    }

    private static func forward(_ request: Request, to upstream: String, script: Script) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        let fault = await script.next(method: method, path: path)
        if case .status(let code, let retryAfter) = fault {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            if let retryAfter { headers[HTTPField.Name("Retry-After")!] = retryAfter }
            let body = #"{"error":{"message":"injected \#(code)","field":null}}"#
            return Response(status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        var outgoing = HTTPClientRequest(url: upstream + request.uri.description)
        outgoing.method = .init(rawValue: method)
        for field in request.headers where field.name.canonicalName != "host" && field.name != .contentLength {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        if body.readableBytes > 0 { outgoing.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(30))
        let responseBody = try await response.body.collect(upTo: 256 << 20)
        switch fault {
        case .delayAfterForwarding(let delay)?:
            try await Task.sleep(for: delay)
        case .htmlInsteadOfJSON?:
            var headers = HTTPFields()
            headers[.contentType] = "text/html"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "<html><body>Login required</body></html>")))
        default:
            break
        }
        var headers = HTTPFields()
        for header in response.headers where header.name.lowercased() != "content-length" && header.name.lowercased() != "transfer-encoding" {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: .init(code: Int(response.status.code)), headers: headers, body: .init(byteBuffer: responseBody))
    }
}
