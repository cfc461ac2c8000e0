import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SegmentsServer
import SegmentsTestSupport

extension TestClientProtocol {
    /// Sends a request with a bearer token (the bootstrap Super Admin token unless told otherwise) and an optional JSON body.
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = TestServer.adminToken, json: String? = nil
    ) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let token {
            headers[.authorization] = "Bearer \(token)"
        }
        if json != nil {
            headers[.contentType] = "application/json"
        }
        let response = try await executeRequest(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return APIResponse(response)
    }

    /// Creates a segment from a JSON body and returns its ID, expecting 201.
    func createSegment(_ json: String) async throws -> String {
        let response = try await call(.post, TestServer.base, json: json)
        guard response.status == .created, let id = response.string("id") else {
            throw TestFailure("create failed: \(response.status) \(response.text)")
        }
        return id
    }
}

/// A failure in test setup, with the reason.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
