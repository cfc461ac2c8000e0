import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A ConfigCat-compatible server for tests, written from ConfigCat's OpenAPI description:
/// the five segment operations of one product, HTTP Basic auth, strict request bodies
/// (`additionalProperties: false`), `usage` counts, rate-limit headers, and a rate limit
/// that answers 429 with `Retry-After` after a configurable number of requests.
public final class ConfigCatTestServer: TestService {
    /// The Basic auth user name the server accepts.
    public static let user = "configcat-test-user"
    /// The Basic auth password the server accepts.
    public static let password = "configcat-test-password-5d1e"
    /// The one product the server holds.
    public static let productID = "08d8a0a0-0000-0000-0000-000000000000"

    /// Limits the server enforces, as a subscription plan would.
    public struct Limits: Sendable {
        /// Requests allowed per window before 429.
        public var requestsPerWindow: Int
        /// The window's length in seconds (also the `Retry-After` value).
        public var windowSeconds: Int
        /// Items allowed in one comparison value list.
        public var listItems: Int

        /// Creates limits; the defaults never rate-limit.
        public init(requestsPerWindow: Int = .max, windowSeconds: Int = 1, listItems: Int = 15_000) {
            self.requestsPerWindow = requestsPerWindow
            self.windowSeconds = windowSeconds
            self.listItems = listItems
        }
    }

    /// The segments and counters.
    public let store: Store
    /// The bound port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(store: Store, port: Int, task: Task<Void, any Error>) {
        self.store = store
        self.port = port
        self.task = task
    }

    /// Runs `body` with a fresh server, stopping it afterwards whatever happens.
    @discardableResult
    public static func with<T>(limits: Limits = Limits(), _ body: (ConfigCatTestServer) async throws -> T) async throws -> T {
        try await withService(try await start(limits: limits), body)
    }

    /// Starts a server on an ephemeral loopback port.
    public static func start(limits: Limits = Limits()) async throws -> ConfigCatTestServer {
        let store = Store(limits: limits)
        let (port, task) = try await Loopback.serve { request in await store.respond(to: request) }
        return ConfigCatTestServer(store: store, port: port, task: task)
    }

    /// Stops the server.
    public func stop() async {
        await Loopback.stop(task)
    }

    /// The server's state: segments, usage, the rate-limit window, and a request log.
    public actor Store {
        /// A stored segment (`SegmentModel`).
        public struct Segment: Sendable {
            public var segmentId: String
            public var name: String
            public var description: String?
            public var comparisonAttribute: String
            public var comparator: String
            public var comparisonValue: String
            public var createdAt: String
            public var updatedAt: String
            public var usage: Int
        }

        static let comparators: Set<String> = [
            "isOneOf", "isNotOneOf", "contains", "doesNotContain", "semVerIsOneOf", "semVerIsNotOneOf",
            "semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals", "numberEquals",
            "numberDoesNotEqual", "numberLess", "numberLessOrEquals", "numberGreater", "numberGreaterOrEquals",
            "sensitiveIsOneOf", "sensitiveIsNotOneOf",
        ]
        static let fields: Set<String> = ["name", "description", "comparisonAttribute", "comparator", "comparisonValue"]

        let limits: Limits
        /// Segments by ID.
        public private(set) var segments: [String: Segment] = [:]
        /// Every request, as `METHOD path`, and every 429 sent.
        public private(set) var requests: [String] = []
        public private(set) var throttled = 0
        /// How many requests arrived, answered or throttled.
        public var requestCount: Int { requests.count }
        private var windowStart = Date()
        private var windowCount = 0
        private var clock = 0

        init(limits: Limits) {
            self.limits = limits
        }

        /// Sets how many feature flags use a segment.
        public func setUsage(_ usage: Int, of id: String) {
            segments[id]?.usage = usage
        }

        /// Adds a segment directly, as if created in the dashboard.
        @discardableResult
        public func insert(name: String, attribute: String = "Email", comparator: String = "isOneOf", value: String, description: String? = nil) -> String {
            let id = UUID().uuidString.lowercased()
            let now = timestamp()
            segments[id] = Segment(segmentId: id, name: name, description: description, comparisonAttribute: attribute, comparator: comparator, comparisonValue: value, createdAt: now, updatedAt: now, usage: 0)
            return id
        }

        /// Changes a segment's comparison value, as an edit in the dashboard would (a new `updatedAt`).
        public func edit(_ id: String, value: String) {
            guard var segment = segments[id] else { return }
            segment.comparisonValue = value
            segment.updatedAt = timestamp()
            segments[id] = segment
        }

        /// Deletes a segment, as in the dashboard.
        public func remove(_ id: String) {
            segments[id] = nil
        }

        func respond(to request: Request) async -> Response {
            let method = request.method.rawValue
            let path = request.uri.path
            requests.append("\(method) \(path)")
            guard authorized(request) else {
                return json(401, ["message": ["Unauthorized: use HTTP Basic authentication with your Public API credentials."]], extra: [("WWW-Authenticate", "Basic")])
            }
            let now = Date()
            if now.timeIntervalSince(windowStart) >= Double(limits.windowSeconds) {
                windowStart = now
                windowCount = 0
            }
            windowCount += 1
            let reset = windowStart.addingTimeInterval(Double(limits.windowSeconds))
            let resetFormatter = ISO8601DateFormatter()
            resetFormatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let rateHeaders = [
                ("X-Rate-Limit-Remaining", String(max(0, limits.requestsPerWindow - windowCount))),
                ("X-Rate-Limit-Reset", resetFormatter.string(from: reset)),
            ]
            if windowCount > limits.requestsPerWindow {
                throttled += 1
                return Response(status: .tooManyRequests, headers: headers(rateHeaders + [("Retry-After", String(limits.windowSeconds))]))
            }
            var body = ByteBuffer()
            if let collected = try? await request.body.collect(upTo: 8 << 20) { body = collected }
            let parts = path.split(separator: "/").map(String.init)
            switch (method, parts.count) {
            case ("GET", 4) where parts[1] == "products" && parts[3] == "segments":
                guard parts[2] == ConfigCatTestServer.productID else { return json(404, ["productId": ["Product not found."]], extra: rateHeaders) }
                let list = segments.values.sorted { ($0.createdAt, $0.segmentId) < ($1.createdAt, $1.segmentId) }.map(listModel)
                return json(200, list, extra: rateHeaders)
            case ("POST", 4) where parts[1] == "products" && parts[3] == "segments":
                guard parts[2] == ConfigCatTestServer.productID else { return json(404, ["productId": ["Product not found."]], extra: rateHeaders) }
                switch validate(body, creating: true) {
                case .failure(let errors):
                    return json(400, errors, extra: rateHeaders)
                case .success(let fields):
                    let id = insert(
                        name: fields["name"] as! String, attribute: fields["comparisonAttribute"] as! String,
                        comparator: fields["comparator"] as! String, value: fields["comparisonValue"] as! String,
                        description: fields["description"] as? String)
                    return json(201, model(segments[id]!), extra: rateHeaders)
                }
            case (_, 3) where parts[1] == "segments":
                let id = parts[2]
                guard var segment = segments[id] else { return json(404, ["segmentId": ["Segment not found."]], extra: rateHeaders) }
                switch method {
                case "GET":
                    return json(200, model(segment), extra: rateHeaders)
                case "PUT":
                    switch validate(body, creating: false) {
                    case .failure(let errors):
                        return json(400, errors, extra: rateHeaders)
                    case .success(let fields):
                        if let v = fields["name"] as? String { segment.name = v }
                        if fields.keys.contains("description") { segment.description = fields["description"] as? String }
                        if let v = fields["comparisonAttribute"] as? String { segment.comparisonAttribute = v }
                        if let v = fields["comparator"] as? String { segment.comparator = v }
                        if let v = fields["comparisonValue"] as? String { segment.comparisonValue = v }
                        segment.updatedAt = timestamp()
                        segments[id] = segment
                        return json(200, model(segment), extra: rateHeaders)
                    }
                case "DELETE":
                    segments[id] = nil
                    return Response(status: .noContent, headers: headers(rateHeaders))
                default:
                    return json(405, ["method": ["Method not allowed."]], extra: rateHeaders)
                }
            default:
                return json(404, ["path": ["Not found."]], extra: rateHeaders)
            }
        }

        func authorized(_ request: Request) -> Bool {
            guard let header = request.headers[.authorization], header.hasPrefix("Basic ") else { return false }
            let expected = Data("\(ConfigCatTestServer.user):\(ConfigCatTestServer.password)".utf8).base64EncodedString()
            return header.dropFirst("Basic ".count) == expected
        }

        /// Checks a body against CreateSegmentModel or UpdateSegmentModel.
        func validate(_ body: ByteBuffer, creating: Bool) -> Result<[String: Any], ValidationErrors> {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
                return .failure(ValidationErrors(["body": ["A JSON object is required."]]))
            }
            var errors: [String: [String]] = [:]
            for key in object.keys where !Self.fields.contains(key) {
                errors[key, default: []].append("Could not find member '\(key)' on object of type '\(creating ? "CreateSegmentModel" : "UpdateSegmentModel")'.")
            }
            for key in Self.fields {
                let value = object[key]
                if value == nil || value is NSNull {
                    if creating && key != "description" { errors[key, default: []].append("The \(key) field is required.") }
                    continue
                }
                guard let text = value as? String else {
                    errors[key, default: []].append("The \(key) field must be a string.")
                    continue
                }
                let length = text.count
                switch key {
                case "name" where length < (creating ? 1 : 0) || length > 255:
                    errors[key, default: []].append("The field name must be a string with a minimum length of 1 and a maximum length of 255.")
                case "description" where length > 1000:
                    errors[key, default: []].append("The field description must be a string with a maximum length of 1000.")
                case "comparisonAttribute" where length < (creating ? 1 : 0) || length > 1000:
                    errors[key, default: []].append("The field comparisonAttribute must be a string with a minimum length of 1 and a maximum length of 1000.")
                case "comparator" where !Self.comparators.contains(text):
                    errors[key, default: []].append("The comparator '\(text)' is not valid.")
                case "comparisonValue":
                    if creating && text.isEmpty { errors[key, default: []].append("The comparisonValue field is required.") }
                    if text.count > 65_535 { errors[key, default: []].append("The comparison value is too long.") }
                    let items = text.split(separator: ",").count
                    if items > limits.listItems { errors[key, default: []].append("The comparison value has \(items) items; the plan allows \(limits.listItems).") }
                default:
                    break
                }
            }
            return errors.isEmpty ? .success(object) : .failure(ValidationErrors(errors))
        }

        func timestamp() -> String {
            clock += 1
            let date = Date(timeIntervalSince1970: 1_764_547_200 + Double(clock))
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
        }

        func listModel(_ segment: Segment) -> [String: Any] {
            [
                "segmentId": segment.segmentId, "name": segment.name, "description": segment.description as Any? ?? NSNull(),
                "creatorEmail": "owner@example.com", "creatorFullName": "Owner", "createdAt": segment.createdAt,
                "lastUpdaterEmail": "owner@example.com", "lastUpdaterFullName": "Owner", "updatedAt": segment.updatedAt,
                "usage": segment.usage,
                "product": ["productId": ConfigCatTestServer.productID, "name": "Test product"],
            ]
        }

        func model(_ segment: Segment) -> [String: Any] {
            var model = listModel(segment)
            model["usage"] = nil
            model["comparisonAttribute"] = segment.comparisonAttribute
            model["comparator"] = segment.comparator
            model["comparisonValue"] = segment.comparisonValue
            return model
        }

        func json(_ status: Int, _ body: Any, extra: [(String, String)] = []) -> Response {
            let payload = (body as? ValidationErrors)?.fields ?? body
            let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()
            return Response(
                status: .init(code: status), headers: headers(extra + [("Content-Type", "application/json")]),
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        func headers(_ pairs: [(String, String)]) -> HTTPFields {
            var fields = HTTPFields()
            for (name, value) in pairs {
                if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
            }
            return fields
        }
    }

    /// A 400 body: field name to messages, as ConfigCat answers.
    public struct ValidationErrors: Error, @unchecked Sendable {
        let fields: [String: [String]]

        init(_ fields: [String: [String]]) {
            self.fields = fields
        }
    }
}
