/// The remote API a repository's segments are reconciled with (`api.kind` in `segctl.yaml`).
public enum TargetKind: String, Sendable, CaseIterable, Codable {
    /// The platform Segments API (`/api/platform/segments`), served by `segments-server`.
    case platform
    /// ConfigCat's Public Management API (`/v1/products/{productId}/segments`).
    case configcat
}
