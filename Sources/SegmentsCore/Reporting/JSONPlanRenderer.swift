/// The plan as one JSON document (`PlanDocument`, schema in the README), for tools.
public struct JSONPlanRenderer: Sendable {
    /// Redaction (colour does not apply).
    public var options: PlanRenderOptions

    /// Creates a renderer.
    public init(options: PlanRenderOptions) {
        self.options = options
    }

    /// The document as text, ending with a newline.
    public func render(_ plan: Plan) -> String {
        PlanDocument(redactMembers: options.redactMembers).document(plan).serialized() + "\n"
    }
}
