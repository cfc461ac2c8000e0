/// Reads `segctl.yaml` into a `RepositoryConfig`, reporting bad keys, types and patterns as
/// located diagnostics (rule `config`).
public struct ConfigDecoder: Sendable {
    /// The rule identifier of configuration problems.
    public static let rule = "config"
    static let topKeys = ["directory", "api", "idFormats", "nameFormat", "prune", "limits", "protect", "output"]
    static let idFormatKeys = ["user", "company", "segment"]
    static let limitKeys = ["listItems", "segments"]
    static let outputKeys = ["redactMembers"]

    /// The targets `api.kind` may name; the first is the default.
    public let targets: [any TargetDescriptor]

    /// Creates a decoder for `targets` (at least one).
    public init(targets: [any TargetDescriptor]) {
        precondition(!targets.isEmpty, "a config decoder needs at least one target")
        self.targets = targets
    }

    /// Every key of `api:`: `kind`, `url`, then each target's own settings in catalogue order.
    /// A target's settings are accepted (and checked) whichever target is configured.
    var apiKeys: [String] {
        var keys = ["kind", "url"]
        for target in targets {
            for setting in target.settings where !keys.contains(setting.key) { keys.append(setting.key) }
        }
        return keys
    }

    /// Keys of the other targets' segment files that `target`'s files do not have.
    public static func foreignKeys(for target: any TargetDescriptor, among targets: [any TargetDescriptor]) -> [String: TargetKind] {
        var result: [String: TargetKind] = [:]
        let own = Set(target.schema.keys)
        for other in targets where other.kind != target.kind {
            for key in other.schema.keys where !own.contains(key) && result[key] == nil {
                result[key] = other.kind
            }
        }
        return result
    }

    /// The configuration used when there is no `segctl.yaml`: the first target's defaults.
    public var defaults: RepositoryConfig { config(for: targets[0]) }

    private func config(for target: any TargetDescriptor) -> RepositoryConfig {
        .defaults(target: target, foreignKeys: Self.foreignKeys(for: target, among: targets))
    }

    /// Decodes `bytes` read from `file`; diagnostics are appended, defaults fill the gaps.
    public func decode(_ bytes: [UInt8], file: String, into diagnostics: inout [Diagnostic]) -> RepositoryConfig {
        let document: YAMLDocument
        do {
            document = try YAMLReader().read(bytes)
        } catch {
            if error.kind == .empty { return withFile(defaults, file) }
            diagnostics.append(error.diagnostic(file: file))
            return withFile(defaults, file)
        }
        var context = Context(document: document, file: file)
        let root = document[document.root]
        if root.kind == .scalar, ScalarType(of: root) == .null { return withFile(defaults, file) }
        guard root.kind == .mapping else {
            diagnostics.append(TypeRule.expectedMapping("segctl.yaml", found: root.kind, at: context.location(root.start)))
            return withFile(defaults, file)
        }
        let top = context.mapping(document.root, allowed: Self.topKeys, what: "segctl.yaml")
        // The target decides the defaults of other keys, so read it first.
        var target = targets[0]
        var apiPairs: [String: Int] = [:]
        if let apiIndex = top["api"] {
            apiPairs = context.mapping(apiIndex, allowed: apiKeys, what: "api")
            if let kindIndex = apiPairs["kind"], let text = context.text(kindIndex, "api.kind") {
                if let named = targets.first(where: { $0.kind.rawValue == text }) {
                    target = named
                } else {
                    context.error("api.kind must be one of \(targets.map(\.kind.rawValue).joined(separator: ", ")), not '\(UnknownKeyRule.excerpt(text))'", at: kindIndex)
                }
            }
        }
        var config = withFile(config(for: target), file)
        if let index = top["directory"], let text = context.text(index, "directory") {
            if text.isEmpty { context.error("directory must not be empty", at: index) } else { config.directory = text }
        }
        var url = target.defaultURL
        if let index = apiPairs["url"], let text = context.text(index, "api.url") {
            if Self.hasUserInfo(text) {
                context.error("api.url must not contain a user name or password (user:password@); segctl never sends credentials in a URL: put the secret in the environment variable that api.\(target.settings.first { $0.namesEnvironmentVariable }?.key ?? "tokenEnv") names", at: index)
            } else if Self.isHTTPURL(text) {
                url = text
            } else {
                context.error("api.url must be an http:// or https:// URL, not '\(UnknownKeyRule.excerpt(text))'", at: index)
            }
        }
        var settings: [String: String] = [:]
        for other in targets {
            for setting in other.settings {
                guard let index = apiPairs[setting.key] else {
                    if other.kind == target.kind, let value = setting.defaultValue { settings[setting.key] = value }
                    continue
                }
                let node = document[index]
                if setting.namesEnvironmentVariable {
                    // Never echo the value: a token pasted here by mistake must not reach a CI log.
                    if node.kind == .scalar, ScalarType(of: node) == .string, Self.isEnvironmentName(node.value) {
                        settings[setting.key] = node.value
                    } else {
                        context.error("api.\(setting.key) must name an environment variable (capital letters, digits and _, at most 64 characters), not hold a secret itself; put the secret in an environment variable and name that variable here", at: index)
                    }
                } else if let text = context.text(index, "api.\(setting.key)") {
                    settings[setting.key] = text
                }
            }
        }
        config.api = target.api(url: url, settings: settings)
        if let index = top["idFormats"] {
            let formats = context.mapping(index, allowed: Self.idFormatKeys, what: "idFormats")
            if let i = formats["user"], let p = context.pattern(i, "idFormats.user") { config.idFormats.user = p }
            if let i = formats["company"], let p = context.pattern(i, "idFormats.company") { config.idFormats.company = p }
            if let i = formats["segment"], let p = context.pattern(i, "idFormats.segment") { config.idFormats.segment = p }
        }
        if let index = top["nameFormat"], let p = context.pattern(index, "nameFormat") {
            config.nameFormat = p
        }
        if let index = top["prune"], let flag = context.boolean(index, "prune") {
            config.prune = flag
        }
        if let index = top["limits"] {
            let limits = context.mapping(index, allowed: Self.limitKeys, what: "limits")
            if let i = limits["listItems"], let n = context.positiveInteger(i, "limits.listItems") { config.limits.listItems = n }
            if let i = limits["segments"], let n = context.positiveInteger(i, "limits.segments") { config.limits.segments = n }
        }
        if let index = top["output"] {
            let output = context.mapping(index, allowed: Self.outputKeys, what: "output")
            if let i = output["redactMembers"], let flag = context.boolean(i, "output.redactMembers") { config.output.redactMembers = flag }
        }
        if let index = top["protect"] {
            let node = document[index]
            if node.kind == .sequence {
                for item in document.items(of: index) {
                    if let name = context.text(Int(item), "protect item") {
                        config.protect.append(name)
                        config.protectMarks.append(document[Int(item)].start)
                    }
                }
            } else if !(node.kind == .scalar && ScalarType(of: node) == .null) {
                context.diagnostics.append(TypeRule.expectedList("protect", found: node, at: context.location(node.start)))
            }
        }
        diagnostics.append(contentsOf: context.diagnostics.sorted(file: file))
        return config
    }

    private func withFile(_ config: RepositoryConfig, _ file: String) -> RepositoryConfig {
        var config = config
        config.file = file
        return config
    }

    static func isHTTPURL(_ text: String) -> Bool {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && text.count > "https://".count - 1
            && !text.contains(" ")
    }

    /// Whether a URL's authority holds `user@` or `user:password@`.
    static func hasUserInfo(_ text: String) -> Bool {
        guard let schemeEnd = text.firstRange(of: "://") else { return false }
        let rest = text[schemeEnd.upperBound...]
        return rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.contains("@")
    }

    /// A conventional environment variable name (`SEGMENTS_API_TOKEN`). Lowercase letters are
    /// refused on purpose: most tokens contain them, and a token here must never be echoed.
    static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        return text.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
        }
    }

    /// Typed access to the document with diagnostics collected along the way.
    private struct Context {
        let document: YAMLDocument
        let file: String
        var diagnostics = DiagnosticList()

        init(document: YAMLDocument, file: String) {
            self.document = document
            self.file = file
        }

        func location(_ mark: YAMLMark) -> SourceLocation { SourceLocation(file: file, mark: mark) }

        mutating func error(_ message: String, at index: Int) {
            diagnostics.append(.error(ConfigDecoder.rule, message, at: location(document[index].start)))
        }

        /// The keys of the mapping at `index` mapped to their value nodes; reports unknown and duplicate keys.
        mutating func mapping(_ index: Int, allowed: [String], what: String) -> [String: Int] {
            let node = document[index]
            guard node.kind == .mapping else {
                if !(node.kind == .scalar && ScalarType(of: node) == .null) {
                    diagnostics.append(TypeRule.expectedMapping(what, found: node.kind, at: location(node.start)))
                }
                return [:]
            }
            DuplicateKeyRule.check(document, mapping: index, file: file, into: &diagnostics)
            var result: [String: Int] = [:]
            for (key, value) in document.pairs(of: index) {
                let keyNode = document[key]
                guard keyNode.kind == .scalar, allowed.contains(keyNode.value) else {
                    let place = location(keyNode.start)
                    diagnostics.append(.error) { UnknownKeyRule.diagnostic(key: keyNode.value, allowed: allowed, context: what, at: place) }
                    continue
                }
                result[keyNode.value] = value
            }
            return result
        }

        mutating func text(_ index: Int, _ key: String) -> String? {
            let node = document[index]
            guard node.kind == .scalar else {
                diagnostics.append(TypeRule.expectedScalar(key, found: node.kind, at: location(node.start)))
                return nil
            }
            let type = ScalarType(of: node)
            guard type == .string else {
                diagnostics.append(TypeRule.expectedText(key, found: type, value: node.value, at: location(node.start)))
                return nil
            }
            return node.value
        }

        mutating func boolean(_ index: Int, _ key: String) -> Bool? {
            let node = document[index]
            if node.kind == .scalar, node.style == .plain, node.value == "true" || node.value == "false" {
                return node.value == "true"
            }
            diagnostics.append(TypeRule.expectedBoolean(key, found: node.kind == .scalar ? ScalarType(of: node) : .string, value: node.value, at: location(node.start)))
            return nil
        }

        mutating func positiveInteger(_ index: Int, _ key: String) -> Int? {
            let node = document[index]
            if node.kind == .scalar, node.style == .plain, let n = Int(node.value), n > 0 { return n }
            diagnostics.append(TypeRule.expectedInteger(key, value: node.value, at: location(node.start)))
            return nil
        }

        mutating func pattern(_ index: Int, _ key: String) -> IDPattern? {
            guard let text = text(index, key) else { return nil }
            do {
                return try IDPattern(text)
            } catch {
                diagnostics.append(.error(ConfigDecoder.rule, "\(key) '\(UnknownKeyRule.excerpt(text))' \(error.reason)", at: location(document[index].start)))
                return nil
            }
        }
    }
}
