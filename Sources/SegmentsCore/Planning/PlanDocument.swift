/// The plan as one JSON document with a documented, stable schema (`formatVersion` 1; see the
/// README): what `plan --format json` prints and what a saved plan file holds. Sensitive values
/// and redacted members appear as counts only.
public struct PlanDocument: Sendable {
    /// The schema version; bumped only on incompatible changes.
    public static let formatVersion = 1
    /// Counts instead of member IDs.
    public var redactMembers: Bool
    /// Whether member labels are included (the saved plan file omits them).
    public var includeLabels: Bool

    /// Creates an encoder.
    public init(redactMembers: Bool = false, includeLabels: Bool = true) {
        self.redactMembers = redactMembers
        self.includeLabels = includeLabels
    }

    /// The document.
    public func document(_ plan: Plan) -> JSONValue {
        .object([
            ("formatVersion", .int(Self.formatVersion)),
            ("target", .string(plan.target.rawValue)),
            ("hasChanges", .bool(plan.hasChanges)),
            ("applicable", .bool(plan.isApplicable)),
            ("summary", .object([
                ("create", .int(plan.count(.create))),
                ("update", .int(plan.count(.update))),
                ("delete", .int(plan.count(.delete))),
                ("unchanged", .int(plan.unchanged.count)),
                ("unmanaged", .int(plan.unmanaged.count)),
            ])),
            ("changes", .array(plan.changes.map { change(for: $0, plan: plan) })),
            ("unchanged", .strings(plan.unchanged)),
            ("unmanaged", .array(plan.unmanaged.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
            ("problems", .array(plan.problems.map { .object([("rule", .string($0.rule)), ("message", .string($0.message))]) })),
            ("notices", .strings(plan.notices)),
        ])
    }

    func change(for change: Change, plan: Plan) -> JSONValue {
        let showsMembers = !redactMembers && !change.isSensitive
        var pairs: [(String, JSONValue)] = [
            ("action", .string(change.action.rawValue)),
            ("name", .string(change.name)),
            ("newName", .optional(change.newName)),
            ("id", .optional(change.segmentID)),
            ("file", .optional(change.file)),
            ("sensitive", .bool(change.isSensitive)),
            ("fields", .array(change.fields.map { field in
                let hidden = change.hiddenFields.contains(field.key)
                return .object([
                    ("field", .string(field.key)),
                    ("before", hidden ? .null : Self.value(field.before)),
                    ("after", hidden ? .null : Self.value(field.after)),
                    ("redacted", .bool(hidden)),
                ])
            })),
            ("members", .array(change.members.map { member in
                var pairs: [(String, JSONValue)] = [
                    ("field", .string(member.key)),
                    ("kind", .optional(member.kind?.rawValue)),
                    ("countBefore", .int(member.countBefore)),
                    ("countAfter", .int(member.countAfter)),
                    ("addedCount", .int(member.added.count)),
                    ("removedCount", .int(member.removed.count)),
                    ("redacted", .bool(!showsMembers)),
                    ("added", .array(showsMembers ? member.added.map { entry($0, member, plan) } : [])),
                    ("removed", .array(showsMembers ? member.removed.map { entry($0, member, plan, reason: member.reasons[$0]) } : [])),
                ]
                // Hidden values still say how many were removed because they expired.
                if !showsMembers && !member.reasons.isEmpty { pairs.append(("removedOnExpiry", .int(member.reasons.count))) }
                return .object(pairs)
            })),
            ("warnings", .strings(change.warnings)),
        ]
        if change.action == .update {
            // Who changed the remote last: the e-mail is withheld with the members.
            let by = change.lastChangedBy.map { redactMembers ? JSONValue.null : .string($0) } ?? .null
            pairs.insert(("lastChanged", .object([("at", .optional(change.expectedUpdatedAt)), ("by", by)])), at: 6)
        }
        return .object(pairs)
    }

    func entry(_ id: String, _ member: Change.MemberChange, _ plan: Plan, reason: String? = nil) -> JSONValue {
        let label = includeLabels ? plan.label(of: id, kind: member.kind) : nil
        var pairs: [(String, JSONValue)] = [("id", .string(id)), ("label", .optional(label))]
        if let reason { pairs.append(("reason", .string(reason))) }
        return .object(pairs)
    }

    /// A field value as typed JSON.
    static func value(_ value: FieldValue?) -> JSONValue {
        switch value {
        case nil, .null?: .null
        case .bool(let b)?: .bool(b)
        case .string(let s)?: .string(s)
        case .list(let items)?: .strings(items)
        }
    }
}
