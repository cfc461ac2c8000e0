/// How YAML would type a scalar, so a field can refuse the wrong kind with a precise message.
///
/// Resolution follows the YAML 1.2 core schema for plain scalars, and also recognises the
/// YAML 1.1 booleans (`yes`, `no`, `on`, `off`) that other tools would silently turn into bools.
public enum ScalarType: Equatable, Sendable {
    case null, bool, integer, float, string
    /// `yes`, `no`, `on`, `off`, `y`, `n`: booleans in YAML 1.1, strings in 1.2; ambiguous either way.
    case yaml11Bool

    /// The type of `node` (a scalar).
    public init(of node: YAMLDocument.Node) {
        switch node.tag {
        case .none: break
        case .null: self = .null; return
        case .bool: self = .bool; return
        case .int: self = .integer; return
        case .float: self = .float; return
        case .other: self = .string; return
        }
        guard node.style == .plain else {
            self = .string
            return
        }
        self = Self.resolvePlain(node.value)
    }

    /// Resolves a plain (unquoted, untagged) scalar.
    static func resolvePlain(_ text: String) -> ScalarType {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        // Most IDs start with a letter other than those of null/bool/inf words: skip the table.
        switch first {
        case UInt8(ascii: "~"):
            return utf8.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            switch text {
            case "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
            default:
                switch text.lowercased() {
                case "yes", "no", "on", "off", "y", "n": return .yaml11Bool
                default: return .string
                }
            }
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return numberType(text)
        default:
            return .string
        }
    }

    static func numberType(_ text: String) -> ScalarType {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
             ".nan", ".NaN", ".NAN":
            return .float
        default: break
        }
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty else { return .string }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes.count > 2, bytes.first == UInt8(ascii: "0") {
            let marker = bytes[bytes.startIndex + 1]
            let rest = bytes.dropFirst(2)
            if marker == UInt8(ascii: "x"), rest.allSatisfy({ $0.isHexDigit }) { return .integer }
            if marker == UInt8(ascii: "o"), rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }) { return .integer }
        }
        if bytes.allSatisfy(isDigit) { return .integer }
        // [0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)? with at least one digit in the mantissa.
        var i = bytes.startIndex
        var mantissaDigits = 0
        while i < bytes.endIndex, isDigit(bytes[i]) { i += 1; mantissaDigits += 1 }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.endIndex, isDigit(bytes[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return .string }
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < bytes.endIndex, isDigit(bytes[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return .string }
        }
        return i == bytes.endIndex ? .float : .string
    }

    /// A phrase for messages: "a boolean", "an integer", ...
    public var phrase: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .yaml11Bool: "a YAML 1.1 boolean"
        }
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9"))
            || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
