import Foundation
@testable import SegmentsClient
import Testing

/// A create response's ID read by the scanner is the one JSONDecoder reads; where the scanner
/// cannot read one, JSONDecoder still decides.
struct PlatformWireFormatTests {
    /// Responses the scanner reads.
    static let read = [
        #"{"id":"cmx0bpkinpw3bxaezlt9kiz3i","name":"beta"}"#,
        #" { "name" : null , "id" : "c1" , "extra" : [1, {"a": true}] } "#,
        #"{"id":"c1"}"#,
        #"{"id":"first","id":"second"}"#,
        #"{"id":"c\u0031\"","name":"n"}"#,
        #"{"id":"c1","name":"n","name":7}"#,
    ]

    /// Responses it leaves to JSONDecoder.
    static let left = [
        #"{"id":"c1","name":7}"#, #"{"id":7}"#, #"{"id":null}"#, #"{"name":"n"}"#, #"{"id":"c1",}"#,
        #"{"id":"c1","x":01}"#, #"["c1"]"#, #"{"id":"c1"} x"#, "",
    ]

    @Test func scannedIDsAreTheIDsJSONDecoderReads() throws {
        for text in Self.read {
            let bytes = Array(text.utf8)
            let decoded = try JSONDecoder().decode(PlatformWireFormat.Created.self, from: Data(bytes)).id
            #expect(bytes.withUnsafeBytes(PlatformWireFormat.Created.scannedID) == decoded, "\(text)")
        }
        for text in Self.left {
            #expect(Array(text.utf8).withUnsafeBytes(PlatformWireFormat.Created.scannedID) == nil, "\(text)")
        }
    }
}
