import Foundation
import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// Request bodies as JSON: what RFC 8259 allows is read exactly, everything else is a 400 in
/// the API's error shape, and hostile bodies (deep nesting, megabytes of numbers) cost
/// milliseconds, not seconds.
@Suite struct JSONBodyTests {
    let base = TestServer.base

    static let notJSON = "request body is not valid JSON"

    /// A body that creates a segment, and the name the server must store.
    static let acceptedNames: [(json: String, name: String)] = [
        (#"{"name": "caf\u00e9"}"#, "café"),
        (#"{"name": "caf\u00E9"}"#, "café"),
        (#"{"name": "rocket \ud83d\ude80"}"#, "rocket 🚀"),
        (#"{"name": "q\"b\\s\/t\tn\nr\rb\bf\f"}"#, "q\"b\\s/t\tn\nr\rb\u{08}f\u{0C}"),
        (#"{"name": "日本 🚀 é"}"#, "日本 🚀 é"),
        (" \t\r\n{ \"name\" \t:\n\"spaced\" , \"isActive\" : false }\r\n\t ", "spaced"),
        (#"{"name":"compact","description":null,"isActive":true,"userIds":[],"companyIds":["company-1"]}"#, "compact"),
    ]

    @Test(arguments: acceptedNames)
    func validJSONIsReadExactly(_ json: String, _ name: String) async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(json)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.string("name") == name)
        }
    }

    static let invalidBodies: [String] = [
        #"{"name": "\ud83d"}"#,
        #"{"name": "\ude80"}"#,
        #"{"name": "\ud83d\u0041"}"#,
        #"{"name": "\ud83d\\ude80"}"#,
        #"{"name": "\x"}"#,
        #"{"name": "\u12"}"#,
        #"{"name": "\u12g4"}"#,
        "{\"name\": \"tab\there\"}",
        "{\"name\": \"line\nbreak\"}",
        #"{"name": "x"} x"#,
        #"{"name": "x"}{}"#,
        #"{"name": "x"},"#,
        #"{"name": "x",}"#,
        #"{"name": "x", "userIds": ["a",]}"#,
        #"{"name": "x", "userIds": [,]}"#,
        #"{'name': 'x'}"#,
        #"{"name": "x" /* comment */}"#,
        #"{name: "x"}"#,
        #"{"name" "x"}"#,
        #"{"name": "x" "isActive": true}"#,
        #"{"name": "x", "isActive": tru}"#,
        #"{"name": "x", "isActive": True}"#,
        #"{"name": "x", "description": nul}"#,
        #"{"name": "x", "isActive": 01}"#,
        #"{"name": "x", "isActive": 1.}"#,
        #"{"name": "x", "isActive": .5}"#,
        #"{"name": "x", "isActive": -}"#,
        #"{"name": "x", "isActive": 1e}"#,
        #"{"name": "x", "isActive": 1e+}"#,
        #"{"name": "x", "isActive": +1}"#,
        #"{"name": "x", "isActive": 0x10}"#,
        #"{"name": "x", "isActive": NaN}"#,
        #"{"name": "x", "isActive": Infinity}"#,
        #"{"name": "x", "isActive": -Infinity}"#,
        #"{"name": "x", "isActive": --1}"#,
        "\u{0C}{\"name\": \"form feed is not JSON whitespace\"}",
        "\u{A0}{\"name\": \"neither is a no-break space\"}",
        "\u{FEFF}{\"name\": \"nor a byte order mark\"}",
        "   ",
        "{",
        "}",
        #"{"name": "unterminated}"#,
    ]

    @Test(arguments: invalidBodies)
    func invalidJSONIsRefused(_ json: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: json)
            #expect(response.status == .badRequest)
            #expect(response.isErrorShaped, "body: \(response.text)")
            #expect(response.errorMessage == Self.notJSON)
            #expect(response.errorField == nil)
            #expect(try await client.call(.get, base).text == "[]")
        }
    }

    /// Bytes that are not UTF-8, inside and outside a string.
    static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0xAF],              // overlong "/"
        [0xE0, 0x80, 0xAF],        // overlong "/" in three bytes
        [0xED, 0xA0, 0x80],        // an encoded surrogate (U+D800)
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE2, 0x82],              // a sequence cut short
        [0x80],                    // a lone continuation byte
        [0xFF],
        [0xC3, 0x28],              // a lead byte followed by ASCII
    ]

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRefused(_ bad: [UInt8]) async throws {
        try await TestServer.run { client in
            for body in [Array(#"{"name": "a"#.utf8) + bad + Array(#"b"}"#.utf8), Array(#"{"name": "a"}"#.utf8) + bad] {
                let response = try await client.post(base, bytes: body)
                #expect(response.status == .badRequest)
                #expect(response.errorMessage == Self.notJSON)
            }
            #expect(try await client.call(.get, base).text == "[]")
        }
    }

    @Test(arguments: ["0", "-0", "12", "1.5", "-1.5e+10", "1E5", "2e-3", "0.0e0", "1e999", "123456789012345678901234567890"])
    func numbersFollowTheGrammar(_ number: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: #"{"name": "x", "isActive": \#(number)}"#)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "'isActive' must be a boolean, not a number")
            #expect(response.errorField == "isActive")
        }
    }

    /// A key given twice is refused, whichever value would have won: clients and proxies
    /// disagree on that, so the server takes neither.
    @Test(arguments: [
        (#"{"name": "a", "name": "b"}"#, "name"),
        (#"{"name": "a", "userIds": [], "description": null, "userIds": ["user-1"]}"#, "userIds"),
        (#"{"name": "a", "n\u0061me": "b"}"#, "name"),
    ])
    func duplicateKeysAreRefused(_ json: String, _ key: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: json)
            #expect(response.status == .badRequest)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "field '\(key)' appears more than once")
            #expect(response.errorField == key)
            #expect(try await client.call(.get, base).text == "[]")

            let id = try await client.createSegment(#"{"name": "target"}"#)
            let before = try await client.call(.get, "\(base)/\(id)")
            let update = try await client.call(.put, "\(base)/\(id)", json: json)
            #expect(update.status == .badRequest)
            #expect(update.errorMessage == "field '\(key)' appears more than once")
            #expect(try await client.call(.get, "\(base)/\(id)").text == before.text)
        }
    }

    @Test(arguments: [
        (#"{"name": "x", "userIds": [["user-1"]]}"#, "'userIds[0]' must be a string, not an array", "userIds"),
        (#"{"name": "x", "userIds": ["user-1", {"id": "user-2"}]}"#, "'userIds[1]' must be a string, not an object", "userIds"),
        (#"{"name": {"first": ["x"]}}"#, "'name' must be a string, not an object", "name"),
        (#"{"name": "x", "companyIds": [true, 1, null]}"#, "'companyIds[0]' must be a string, not a boolean", "companyIds"),
    ])
    func wrongTypesThreeLevelsDeepAreStillReportedByField(_ json: String, _ message: String, _ field: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: json)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == message)
            #expect(response.errorField == field)
        }
    }

    static let tooDeep = "request body nests arrays and objects more than 3 levels deep"

    @Test(arguments: [
        #"{"name": "x", "userIds": [[["user-1"]]]}"#,
        #"{"name": {"a": {"b": {}}}}"#,
        #"[[[[]]]]"#,
    ])
    func nestingDeeperThanBodiesNeedIsRefused(_ json: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: json)
            #expect(response.status == .badRequest)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == Self.tooDeep)
            #expect(response.errorField == nil)
        }
    }

    /// The attack: 5 KB of arrays nested 509 deep cost about a second of CPU each in a debug
    /// build (8 s reported from the field), and two at once stalled every other request. Now
    /// eight of them, with a list served alongside, take about as long as eight trivial bad
    /// bodies: timed against that baseline, so a busy machine does not fail the test.
    @Test(.timeLimit(.minutes(2)))
    func deeplyNestedBodiesCostNoMoreThanTrivialOnes() async throws {
        let depth = 509
        let deep = String(repeating: #"["user-1", "#, count: depth) + #""user-2""# + String(repeating: "]", count: depth)
        #expect(deep.utf8.count > 5000)
        try await TestServer.run { client in
            _ = try await client.createSegment(#"{"name": "bystander"}"#)
            let trivial = try await Self.timeEightBadBodiesAndAList("[1]", client: client)
            let nested = try await Self.timeEightBadBodiesAndAList(deep, client: client)
            #expect(nested < trivial * 4 + .milliseconds(300), "nested: \(nested), trivial: \(trivial)")
            #expect(try await client.call(.post, base, json: deep).errorMessage == Self.tooDeep)
        }
    }

    /// Sends `body` four times as a create and four times as an update's `userIds`, together
    /// with a list request; checks the answers and returns how long they all took.
    static func timeEightBadBodiesAndAList(_ body: String, client: any TestClientProtocol) async throws -> Duration {
        try await ContinuousClock().measure {
            try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await client.call(.post, TestServer.base, json: body) }
                    group.addTask {
                        try await client.call(.put, "\(TestServer.base)/cnonexistent000000000000000", json: #"{"userIds": \#(body)}"#)
                    }
                }
                group.addTask { try await client.call(.get, TestServer.base) }
                for try await response in group {
                    if response.status == .ok {
                        #expect(response.objects.count == 1)
                    } else {
                        #expect(response.status == .badRequest)
                        #expect(response.isErrorShaped)
                    }
                }
            }
        }
    }

    /// 16 MiB (the default body limit) of numbers, read to the end since the JSON must be
    /// valid throughout, is answered within a second by a release build. A debug build's byte
    /// loops run many times slower, so there the bound is looser; before the parser was
    /// replaced, this body took minutes.
    @Test(.timeLimit(.minutes(1)))
    func aBodyOfSixteenMebibytesOfNumbersIsAnsweredWithinASecond() async throws {
        let prefix = Array(#"{"name": "x", "userIds": ["#.utf8)
        let suffix = Array("1]}".utf8)
        let count = (ServerOptions.defaultMaxBodySize - prefix.count - suffix.count) / 2
        let body = prefix + Array(String(repeating: "1,", count: count).utf8) + suffix
        #expect(body.count <= ServerOptions.defaultMaxBodySize)
        #expect(body.count > ServerOptions.defaultMaxBodySize - 4)
        try await TestServer.run { client in
            var response: APIResponse?
            let elapsed = try await ContinuousClock().measure {
                response = try await client.post(base, bytes: body)
            }
            #expect(response?.status == .badRequest)
            #expect(response?.errorMessage == "'userIds[0]' must be a string, not a number")
            #expect(elapsed < Self.sixteenMebibyteBound, "took \(elapsed)")
        }
    }

    #if DEBUG
    static let sixteenMebibyteBound = Duration.seconds(20)
    #else
    static let sixteenMebibyteBound = Duration.seconds(1)
    #endif

    /// SQLite hands text back up to its first NUL, so a name or description holding one would
    /// be served cut short, and two names differing after it would look alike: refused.
    @Test(arguments: [
        (#"{"name": "a\u0000b"}"#, "name"),
        (#"{"name": "x", "description": "before\u0000after"}"#, "description"),
    ])
    func nulInNamesAndDescriptionsIsRefused(_ json: String, _ field: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: json)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "'\(field)' must not contain the NUL character (\\u0000)")
            #expect(response.errorField == field)
            #expect(try await client.call(.get, base).text == "[]")
        }
    }

    @Test func nulInMemberIDsIsKept() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "x", "userIds": ["user-\u0000-1"]}"#)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.object["userIds"] as? [String] == ["user-\u{0}-1"])
        }
    }
}

extension TestClientProtocol {
    /// POSTs `bytes` as they are, with the bootstrap token.
    func post(_ path: String, bytes: [UInt8]) async throws -> APIResponse {
        let headers: HTTPFields = [.authorization: "Bearer \(TestServer.adminToken)", .contentType: "application/json"]
        return APIResponse(try await executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: bytes)))
    }
}
