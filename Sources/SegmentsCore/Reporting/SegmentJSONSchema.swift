/// A JSON Schema (draft 2020-12) of a segment file, for yaml-language-server and other editors.
public enum SegmentJSONSchema {
    /// The schema for files of `config`'s target, with its configured ID formats.
    public static func document(for config: RepositoryConfig) -> JSONValue {
        let schema = config.schema
        var properties: [(String, JSONValue)] = [
            ("name", .object([
                ("type", .string("string")),
                ("minLength", .int(1)),
                ("maxLength", .int(NameRule.maxLength)),
                ("description", .string("Unique segment name.")),
            ] + (config.nameFormat.map { [("pattern", JSONValue.string($0.source))] } ?? []))),
            ("id", .object([
                ("type", .string("string")),
                ("pattern", .string(config.idFormats.segment.source)),
                ("description", .string("Pins this file to an existing remote segment (written by segctl import).")),
            ])),
            ("protect", .object([
                ("type", .string("boolean")),
                ("description", .string("When true, plan and apply refuse to delete this segment.")),
            ])),
        ]
        for field in schema.fields {
            properties.append((field.key, property(field, config: config)))
        }
        let order = schema.keys
        properties.sort { order.firstIndex(of: $0.0)! < order.firstIndex(of: $1.0)! }
        let required = ["name"] + schema.fields.filter(\.required).map(\.key)
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://segctl.dev/schema/\(schema.target.rawValue)-segment.json")),
            ("title", .string("segctl \(schema.target.rawValue) segment file")),
            ("description", .string("One segment per file, read by segctl validate, plan and apply.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("required", .strings(required)),
            ("properties", .object(properties)),
        ])
    }

    static func property(_ field: SegmentSchema.Field, config: RepositoryConfig) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        switch field.kind {
        case .text(let minLength, let maxLength, let nullable):
            pairs.append(("type", nullable ? .strings(["string", "null"]) : .string("string")))
            if minLength > 0 { pairs.append(("minLength", .int(minLength))) }
            pairs.append(("maxLength", .int(maxLength)))
            if let allowed = field.allowedValues {
                pairs.append(("enum", .strings(allowed)))
            }
        case .boolean:
            pairs.append(("type", .string("boolean")))
        case .members(let kind):
            var item: [(String, JSONValue)] = [("type", .strings(["string", "number"]))]
            if let kind {
                item.append(("pattern", .string(config.idFormats.pattern(for: kind).source)))
            }
            pairs.append(("type", .strings(["array", "null"])))
            pairs.append(("items", expiring(.object(item))))
        case .comparisonValue:
            pairs.append(("oneOf", .array([
                .object([
                    ("type", .string("array")),
                    ("maxItems", .int(config.limits.listItems)),
                    ("items", expiring(.object([
                        ("type", .strings(["string", "number"])),
                        ("maxLength", .int(ComparisonValueRule.maxItemLength)),
                        ("pattern", .string("^[^,]+$")),
                    ]))),
                ]),
                .object([("type", .strings(["string", "number"]))]),
            ])))
        }
        pairs.append(("description", .string(field.summary)))
        return .object(pairs)
    }

    /// A list item: the value, or `{id: <value>, expires: <date or timestamp>}`.
    static func expiring(_ value: JSONValue) -> JSONValue {
        .object([("oneOf", .array([
            value,
            .object([
                ("type", .string("object")),
                ("required", .strings(["id"])),
                ("additionalProperties", .bool(false)),
                ("properties", .object([
                    ("id", value),
                    ("expires", .object([
                        ("type", .string("string")),
                        ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?$")),
                        ("description", .string("When the item stops being a member: a date (00:00 UTC) or an RFC 3339 timestamp.")),
                    ])),
                ])),
            ]),
        ]))])
    }
}
