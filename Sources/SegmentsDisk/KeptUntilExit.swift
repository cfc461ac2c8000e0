/// The large values a command built (every declaration, every remote segment), kept until the
/// process exits instead of freed one by one when the command returns: at 100,000 segments of
/// 100 members that freeing took half a second after a plan had printed, for memory the system
/// reclaims at exit anyway (clang's `-disable-free` does the same for its syntax trees).
public enum KeptUntilExit {
    /// Written only by the command running in this process, as it finishes.
    nonisolated(unsafe) private static var values: [Any] = []

    /// Keeps `value` alive until the process exits.
    public static func keep(_ value: Any) {
        values.append(value)
    }
}
