import Testing
@testable import SegmentsCore

struct ConfigDecoderTests {
    func decode(_ text: String) -> (RepositoryConfig, [String]) {
        var diagnostics: [Diagnostic] = []
        let config = TargetCatalogue.configDecoder.decode(Array(text.utf8), file: "segctl.yaml", into: &diagnostics)
        return (config, diagnostics.map(Fixtures.describe))
    }

    @Test func everyKeyIsRead() {
        let (config, diagnostics) = decode("""
            directory: segs
            api:
              kind: platform
              url: https://segments.example.com
              tokenEnv: MY_TOKEN
            idFormats:
              user: '^u[0-9]+$'
              company: '^co[0-9]+$'
              segment: '^s[0-9]+$'
            nameFormat: '^[a-z-]+$'
            prune: true
            protect: [vips]
            """)
        #expect(diagnostics.isEmpty)
        #expect(config.directory == "segs")
        #expect(config.api.url == "https://segments.example.com")
        guard case .platform(let api) = config.api else { Issue.record("not the platform API"); return }
        #expect(api.tokenEnv == "MY_TOKEN")
        #expect(config.idFormats.user.matches("u1") && !config.idFormats.user.matches("user-1"))
        #expect(config.nameFormat?.matches("beta-testers") == true)
        #expect(config.prune)
        #expect(config.protect == ["vips"])
    }

    @Test func defaultsWhenEmpty() {
        let (config, diagnostics) = decode("# nothing here\n")
        #expect(diagnostics.isEmpty)
        #expect(config.directory == "segments")
        #expect(config.target.kind == .platform)
        #expect(config.api.url == "http://127.0.0.1:8080")
        guard case .platform(let api) = config.api else { Issue.record("not the platform API"); return }
        #expect(api.tokenEnv == "SEGMENTS_API_TOKEN")
    }

    @Test func configcatDefaults() {
        let (config, _) = decode("api:\n  kind: configcat\n  productId: p\n")
        #expect(config.api.url == "https://api.configcat.com")
        #expect(config.idFormats.segment.matches("08d8a0a0-0000-0000-0000-000000000000"))
        #expect(config.limits.listItems == 15_000)
    }

    @Test func unknownKeyWithSuggestion() {
        let (_, diagnostics) = decode("directory: s\nprun: true\napi:\n  tokenENV: X\n")
        #expect(diagnostics == [
            "error 2:1 unknown-key unknown key 'prun' in segctl.yaml; did you mean 'prune'?",
            "error 4:3 unknown-key unknown key 'tokenENV' in api; did you mean 'tokenEnv'?",
        ])
    }

    @Test func invalidRegularExpression() {
        let (_, diagnostics) = decode("idFormats:\n  user: '^user-[a-z'\n")
        #expect(diagnostics == ["error 2:9 config idFormats.user '^user-[a-z' is not a valid regular expression: a '[' class is never closed"])
    }

    @Test func wrongTypes() {
        let (_, diagnostics) = decode("prune: yes\ndirectory: [a]\nlimits:\n  listItems: many\napi: platform\n")
        #expect(diagnostics == [
            "error 1:8 type 'prune' must be true or false; 'yes' is a boolean only in YAML 1.1 and other tools read it differently",
            "error 2:12 type 'directory' must be a single value, not a list",
            "error 4:14 type 'limits.listItems' must be a whole number, not 'many'",
            "error 5:6 type api must be a mapping of keys to values, not a single value",
        ])
    }

    @Test func unknownKindAndBadURL() {
        let (_, diagnostics) = decode("api:\n  kind: launchdarkly\n  url: ftp://x\n")
        #expect(diagnostics == [
            "error 2:9 config api.kind must be one of platform, configcat, not 'launchdarkly'",
            "error 3:8 config api.url must be an http:// or https:// URL, not 'ftp://x'",
        ])
    }

    @Test func aTokenPastedIntoTokenEnvIsNeverEchoed() {
        let secret = "sk_live_0123456789abcdef/+="
        let (_, diagnostics) = decode("api:\n  tokenEnv: '\(secret)'\n")
        #expect(diagnostics.count == 1)
        #expect(!diagnostics[0].contains(secret))
        #expect(diagnostics[0].contains("must name an environment variable"))
    }

    @Test func anIdentifierLookingTokenIsRefusedWithoutEcho() {
        for secret in ["ghp_R3alS3cretTokenValue123", "123456789012345"] {
            let (_, diagnostics) = decode("api:\n  tokenEnv: \(secret)\n")
            #expect(diagnostics.count == 1)
            #expect(!diagnostics[0].contains(secret))
        }
    }

    @Test func duplicateKeysInConfig() {
        let (_, diagnostics) = decode("prune: true\nprune: false\n")
        #expect(diagnostics == ["error 2:1 duplicate-key duplicate key 'prune': first set at line 1, set again at line 2; YAML would silently keep only the last one"])
    }

    @Test func syntaxErrorInConfig() {
        let (_, diagnostics) = decode("api: {kind: platform\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].hasPrefix("error 2:1 yaml-syntax"))
    }
}
