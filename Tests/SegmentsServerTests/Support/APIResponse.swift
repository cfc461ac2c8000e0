import Foundation
import Hummingbird
import HummingbirdTesting

/// A response from the server under test, with its body as text and as parsed JSON.
struct APIResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        text = String(buffer: response.body)
    }

    /// The body parsed as JSON.
    var json: Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
    }

    /// The body as a JSON object.
    var object: [String: Any] {
        json as? [String: Any] ?? [:]
    }

    /// The body as a JSON array of objects.
    var objects: [[String: Any]] {
        json as? [[String: Any]] ?? []
    }

    /// A string member of the body object.
    func string(_ key: String) -> String? {
        object[key] as? String
    }

    /// The `error.message` of an error body.
    var errorMessage: String? {
        (object["error"] as? [String: Any])?["message"] as? String
    }

    /// The `error.field` of an error body; nil for null or missing.
    var errorField: String? {
        (object["error"] as? [String: Any])?["field"] as? String
    }

    /// Whether the body is exactly `{"error": {"message": <string>, "field": <string or null>}}`.
    var isErrorShaped: Bool {
        guard object.count == 1, let error = object["error"] as? [String: Any], error.count == 2,
              error["message"] is String
        else { return false }
        return error["field"] is String || error["field"] is NSNull
    }
}
