import SegmentsCore

/// Reads a directory file (YAML, or JSON, which is YAML) into a `Directory`.
///
/// Every entry is checked (unknown keys, missing keys, types, duplicate IDs, references to
/// unknown companies and users) and every problem is collected before the parse fails, each
/// located by the parser's marks. Messages never quote a token, and quote other values only
/// as a short `excerpt`: a file given by mistake (a credentials file) is not replayed.
struct DirectoryParser {
    private static let sections = ["companies", "users", "tokens", "featureFlags"]

    private let path: String
    private let document: YAMLDocument
    private var diagnostics: [Diagnostic] = []

    private init(path: String, document: YAMLDocument) {
        self.path = path
        self.document = document
    }

    /// The directory in `file`, or every problem that keeps it from being one.
    static func parse(_ file: SourceFile) throws(DirectoryFileError) -> Directory {
        let document: YAMLDocument
        do {
            document = try YAMLReader().read(file.bytes)
        } catch where error.kind == .empty {
            throw DirectoryFileError(diagnostics: [
                .error(error.kind.rawValue, "the directory file is empty; expected a mapping with \(sectionList)",
                       at: SourceLocation(file: file.path, mark: error.mark)),
            ])
        } catch {
            throw DirectoryFileError(diagnostics: [error.diagnostic(file: file.path)])
        }
        var parser = DirectoryParser(path: file.path, document: document)
        let directory = parser.directory()
        guard parser.diagnostics.isEmpty else {
            throw DirectoryFileError(diagnostics: parser.diagnostics)
        }
        return directory
    }

    private static var sectionList: String {
        sections.map { "'\($0)'" }.joined(separator: ", ")
    }

    // MARK: Sections

    private mutating func directory() -> Directory {
        var directory = Directory()
        guard let root = fields(of: document.root, allowed: Self.sections, what: "the directory") else {
            return directory
        }
        let companies = items(root, "companies").compactMap { company($0) }
        let companyIDs = unique(companies, what: "company ID")
        let users = items(root, "users").compactMap { user($0, companies: companyIDs) }
        let userIDs = unique(users, what: "user ID")
        let tokens = items(root, "tokens").compactMap { token($0, users: userIDs) }
        unique(tokens, what: "token", quoting: false)
        let flags = items(root, "featureFlags").compactMap { featureFlag($0) }
        unique(flags, what: "feature flag key")
        directory.companies = companies.map(\.entry)
        directory.users = users.map(\.entry)
        directory.tokens = tokens.map(\.entry)
        directory.featureFlags = flags.map(\.entry)
        return directory
    }

    private mutating func company(_ index: Int) -> (entry: Directory.Company, location: SourceLocation)? {
        guard let fields = fields(of: index, allowed: ["id", "name", "plan"], what: "a company") else { return nil }
        let id = string("id", in: fields, what: "a company")
        let name = string("name", in: fields, what: "a company")
        let plan = string("plan", in: fields, what: "a company", required: false)
        guard let id, let name else { return nil }
        return (Directory.Company(id: id, name: name, plan: plan), location(of: "id", in: fields))
    }

    private mutating func user(
        _ index: Int, companies: Set<String>
    ) -> (entry: Directory.User, location: SourceLocation)? {
        let keys = ["id", "email", "name", "companyId", "role"]
        guard let fields = fields(of: index, allowed: keys, what: "a user") else { return nil }
        let id = string("id", in: fields, what: "a user")
        let email = string("email", in: fields, what: "a user")
        let name = string("name", in: fields, what: "a user")
        let companyID = string("companyId", in: fields, what: "a user", required: false)
        if let companyID, !companies.contains(companyID), let node = fields.values["companyId"] {
            report(node, "company '\(companyID.excerpt)' is not in 'companies'", rule: "unknown-reference")
        }
        var role: Directory.Role? = .member
        if let text = string("role", in: fields, what: "a user", required: false), let node = fields.values["role"] {
            role = Directory.Role(rawValue: text)
            if role == nil {
                let roles = Directory.Role.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
                report(node, "unknown role '\(text.excerpt)'; expected \(roles)", rule: "role")
            }
        }
        guard let id, let email, let name, let role else { return nil }
        let user = Directory.User(id: id, email: email, name: name, companyID: companyID, role: role)
        return (user, location(of: "id", in: fields))
    }

    private mutating func token(
        _ index: Int, users: Set<String>
    ) -> (entry: Directory.Token, location: SourceLocation)? {
        guard let fields = fields(of: index, allowed: ["token", "userId"], what: "a token") else { return nil }
        let token = string("token", in: fields, what: "a token")
        let userID = string("userId", in: fields, what: "a token")
        if let userID, !users.contains(userID), let node = fields.values["userId"] {
            report(node, "user '\(userID.excerpt)' is not in 'users'", rule: "unknown-reference")
        }
        guard let token, let userID else { return nil }
        return (Directory.Token(token: token, userID: userID), location(of: "token", in: fields))
    }

    private mutating func featureFlag(_ index: Int) -> (entry: Directory.FeatureFlag, location: SourceLocation)? {
        guard let fields = fields(of: index, allowed: ["key", "segments"], what: "a feature flag") else { return nil }
        let key = string("key", in: fields, what: "a feature flag")
        var names: [String] = []
        for item in items(fields, "segments") {
            guard let name = scalarString(item, field: "segments") else { continue }
            names.append(name)
        }
        guard let key else { return nil }
        return (Directory.FeatureFlag(key: key, segmentNames: names), location(of: "key", in: fields))
    }

    // MARK: Checks shared by all sections

    /// The key/value nodes of a mapping whose keys are all in `allowed`.
    private struct Fields {
        var node: Int
        var values: [String: Int] = [:]
    }

    private mutating func fields(of index: Int, allowed: [String], what: String) -> Fields? {
        guard document[index].kind == .mapping else {
            report(index, "\(what) must be a mapping, not \(phrase(index))", rule: "type")
            return nil
        }
        var fields = Fields(node: index)
        for (key, value) in document.pairs(of: index) {
            let name = document[key].value
            guard document[key].kind == .scalar else {
                report(key, "keys in \(what) must be strings", rule: "type")
                continue
            }
            if fields.values[name] != nil {
                report(key, "'\(name.excerpt)' appears twice in \(what)", rule: "duplicate-key")
            } else if !allowed.contains(name) {
                let expected = allowed.map { "'\($0)'" }.joined(separator: ", ")
                report(key, "unknown key '\(name.excerpt)' in \(what); expected \(expected)", rule: "unknown-key")
            } else {
                fields.values[name] = value
            }
        }
        return fields
    }

    /// The entries of the list under `key`; an absent or null list is empty.
    private mutating func items(_ fields: Fields, _ key: String) -> [Int] {
        guard let index = fields.values[key] else { return [] }
        let node = document[index]
        if node.kind == .scalar, ScalarType(of: node) == .null { return [] }
        guard node.kind == .sequence else {
            report(index, "'\(key)' must be a list, not \(phrase(index))", rule: "type")
            return []
        }
        return document.items(of: index).map(Int.init)
    }

    /// The non-empty string under `key`; a missing required key, a wrong type or an empty
    /// string is reported. An optional key may be absent or null.
    private mutating func string(_ key: String, in fields: Fields, what: String, required: Bool = true) -> String? {
        guard let index = fields.values[key] else {
            if required {
                report(fields.node, "\(what) needs '\(key)'", rule: "missing-key")
            }
            return nil
        }
        let node = document[index]
        if !required, node.kind == .scalar, ScalarType(of: node) == .null {
            return nil
        }
        return scalarString(index, field: key)
    }

    private mutating func scalarString(_ index: Int, field: String) -> String? {
        let node = document[index]
        guard node.kind == .scalar, ScalarType(of: node) == .string else {
            let hint = node.kind == .scalar ? "; quote it to make it a string" : ""
            report(index, "'\(field)' must be a string, not \(phrase(index))\(hint)", rule: "type")
            return nil
        }
        guard !node.value.isEmpty else {
            report(index, "'\(field)' must not be empty", rule: "type")
            return nil
        }
        return node.value
    }

    /// Reports every repeat of an entry's identity and returns the set of identities.
    @discardableResult
    private mutating func unique<Entry: DirectoryIdentifiable>(
        _ entries: [(entry: Entry, location: SourceLocation)], what: String, quoting: Bool = true
    ) -> Set<String> {
        var first: [String: SourceLocation] = [:]
        for (entry, location) in entries {
            if let earlier = first[entry.identity] {
                let subject = quoting ? "\(what) '\(entry.identity.excerpt)'" : "this \(what)"
                diagnostics.append(.error(
                    "duplicate-id", "\(subject) is listed twice (first at line \(earlier.line))",
                    at: location, notes: [.init("first listed here", at: earlier)]))
            } else {
                first[entry.identity] = location
            }
        }
        return Set(first.keys)
    }

    private func location(of key: String, in fields: Fields) -> SourceLocation {
        SourceLocation(file: path, mark: document[fields.values[key] ?? fields.node].start)
    }

    private func phrase(_ index: Int) -> String {
        let node = document[index]
        switch node.kind {
        case .scalar: return ScalarType(of: node).phrase
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    private mutating func report(_ index: Int, _ message: String, rule: String) {
        diagnostics.append(.error(rule, message, at: SourceLocation(file: path, mark: document[index].start)))
    }
}

/// What makes a directory entry unique within its section.
private protocol DirectoryIdentifiable {
    var identity: String { get }
}

extension Directory.Company: DirectoryIdentifiable {
    var identity: String { id }
}

extension Directory.User: DirectoryIdentifiable {
    var identity: String { id }
}

extension Directory.Token: DirectoryIdentifiable {
    var identity: String { token }
}

extension Directory.FeatureFlag: DirectoryIdentifiable {
    var identity: String { key }
}
