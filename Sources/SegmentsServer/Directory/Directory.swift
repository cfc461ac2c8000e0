/// The users, companies, tokens and feature flags the server knows, as read from a directory
/// file. Tokens are still in clear text here; the store keeps only their SHA-256.
struct Directory: Sendable {
    /// A customer company.
    struct Company: Sendable, Equatable {
        var id: String
        var name: String
        /// The subscription plan, shown as "<plan> plan" by the search endpoints.
        var plan: String?
    }

    /// What a user may do.
    enum Role: String, Sendable, CaseIterable {
        /// May use the segments API.
        case superAdmin = "super-admin"
        /// May not.
        case member
    }

    /// A person who can be a segment member and, with a token, a caller.
    struct User: Sendable, Equatable {
        var id: String
        var email: String
        var name: String
        var companyID: String?
        var role: Role
    }

    /// A bearer token and the user it authenticates.
    struct Token: Sendable {
        var token: String
        var userID: String
    }

    /// A feature flag and the names of the segments it targets.
    struct FeatureFlag: Sendable, Equatable {
        var key: String
        var segmentNames: [String]
    }

    var companies: [Company] = []
    var users: [User] = []
    var tokens: [Token] = []
    var featureFlags: [FeatureFlag] = []
}
